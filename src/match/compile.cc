// Compiling a parsed pmatch expression: resolve flags, normalise words, expand synonyms, turn
// each word into an Atom with its filters, and enforce the hard limits. Also the word-level test
// (atom_matches) that every matcher shares. Entry point: compile_expression().
#include "match/compile.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <unordered_map>

#include "match/utf8.h"
#include "text/document.h"

namespace ec::match {
namespace {

Error at(const syntax::Node& node, std::string message) {
  Error e = make_error(ErrorKind::rubric, std::move(message));
  e.line = node.line;
  e.column = node.column;
  return e;
}

Result<Flags> parse_flags(const syntax::Node& node) {
  Flags f;
  const std::string& s = node.flags;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    char next = i + 1 < s.size() ? s[i + 1] : '\0';
    switch (c) {
      case 'c': f.extra_chars = true; break;
      case 'o': f.any_order = true; break;
      case 'w': f.extra_words = true; break;
      case 's': f.stems = true; break;
      case 'm':
        f.misspellings = 1;
        if (next == '2') {
          f.misspellings = 2;
          ++i;
          next = i + 1 < s.size() ? s[i + 1] : '\0';
        }
        if (next == 'r' || next == 't' || next == 'x' || next == 'f') {
          f.replace = next == 'r';
          f.transpose = next == 't';
          f.extra = next == 'x';
          f.fewer = next == 'f';
          ++i;
        } else {
          f.replace = f.transpose = f.extra = f.fewer = true;
        }
        break;
      case 'p':
        if (next < '0' || next > '4') {
          return at(node, "flag 'p' needs a digit 0-4 (p0 … p4), in match_" + s);
        }
        f.window = next - '0';
        ++i;
        break;
      default:
        return at(node, std::string("unknown flag '") + c + "' in match_" + s +
                            " (flags: c o w s m m2 mr mt mx mf p0-p4)");
    }
  }
  return f;
}

}  // namespace

std::uint32_t intern_atom_key(const std::string& key) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::uint32_t> ids;
  std::lock_guard lock(mutex);
  return ids.try_emplace(key, static_cast<std::uint32_t>(ids.size())).first->second;
}

namespace {

// Literal characters of an atom (wildcards excluded).
std::uint32_t literal_count(std::u32string_view chars) {
  return static_cast<std::uint32_t>(std::count_if(chars.begin(), chars.end(), [](char32_t c) {
    return c != syntax::kAnyOne && c != syntax::kAnyRun;
  }));
}

Atom make_atom(const syntax::Word& word, const Flags& flags, bool fold_case) {
  Atom a;
  // Normalise the literal stretches of the word; wildcards stay as markers.
  std::u32string out;
  std::string stretch;
  auto flush = [&] {
    if (stretch.empty()) return;
    std::u32string cps = utf8::decode(normalize_word(stretch, fold_case));
    out += cps;
    stretch.clear();
  };
  for (char32_t c : word.chars) {
    if (c == syntax::kAnyOne || c == syntax::kAnyRun) {
      flush();
      out.push_back(c);
      a.wildcards = true;
    } else {
      utf8::append(stretch, c);
    }
  }
  flush();
  a.number = parse_number(word.text);
  if (flags.extra_chars) {  // c: any extra characters anywhere in the word
    std::u32string spread;
    spread.push_back(syntax::kAnyRun);
    for (char32_t c : out) {
      spread.push_back(c);
      spread.push_back(syntax::kAnyRun);
    }
    out = std::move(spread);
    a.wildcards = true;
  }
  a.chars = out;
  if (!a.wildcards) a.literal = utf8::encode(out);
  std::uint32_t literals = literal_count(out);
  if (flags.misspellings > 0 && !a.number) {
    a.max_edits = flags.misspellings == 2 && literals >= 8 ? 2 : 1;
    a.replace = flags.replace;
    a.transpose = flags.transpose;
    a.extra = flags.extra;
    a.fewer = flags.fewer && literals >= 4;  // too few characters to drop one from a short word
  }
  if (flags.stems && !a.wildcards && !a.number) a.stem = text::stem_english(a.literal);
  a.mask = char_mask(out);
  if (a.max_edits == 0) {
    for (char32_t c : out) {
      if (c == syntax::kAnyOne || c == syntax::kAnyRun) break;
      utf8::append(a.prefix, c);
    }
  }
  a.key = std::to_string(a.max_edits) + (a.replace ? "r" : "") +
          (a.transpose ? "t" : "") + (a.extra ? "x" : "") + (a.fewer ? "f" : "") + (a.stem.empty() ? "" : "s") +
          (a.number ? "n" : "") + "|";
  for (char32_t c : out) {
    if (c == syntax::kAnyOne) a.key += "\x02";
    else if (c == syntax::kAnyRun) a.key += "\x03";
    else utf8::append(a.key, c);
  }
  a.id = intern_atom_key(a.key);
  a.min_length = literals > static_cast<std::uint32_t>(a.fewer ? a.max_edits : 0)
                     ? literals - (a.fewer ? a.max_edits : 0)
                     : 0;
  // '?' needs one character each.
  a.min_length += static_cast<std::uint32_t>(std::count(out.begin(), out.end(), syntax::kAnyOne));
  bool unbounded = std::find(out.begin(), out.end(), syntax::kAnyRun) != out.end();
  if (!unbounded && a.stem.empty()) {
    a.max_length = static_cast<std::uint32_t>(out.size()) + (a.extra ? a.max_edits : 0);
  }
  return a;
}

struct Compiler {
  const Options& options;
  const Limits& limits;
  CompiledExpression& out;

  // Synonyms, normalised once: word -> alternatives.
  std::vector<std::pair<std::string, std::vector<std::string>>> synonyms;

  Result<CompiledNode> node(const syntax::Node& n) {
    CompiledNode c;
    c.kind = n.kind;
    if (n.kind != syntax::Node::Kind::match) {
      if (n.kind == syntax::Node::Kind::not_ && n.children.size() != 1) {
        return at(n, "not( ) takes exactly one expression");
      }
      if (n.children.empty()) return at(n, "match_any( ) and match_all( ) need at least one expression");
      for (const auto& child : n.children) {
        auto r = node(child);
        if (!r) return r.error();
        c.children.push_back(std::move(r.value()));
      }
      return c;
    }
    auto flags = parse_flags(n);
    if (!flags) return flags.error();
    c.flags = *flags;
    c.separators = n.separators;
    if (n.items.empty()) return at(n, "match( ) needs at least one word");
    if (static_cast<int>(n.items.size()) > limits.max_items) {
      return at(n, "more than " + std::to_string(limits.max_items) + " words or phrases in one match( )");
    }
    for (const auto& item : n.items) {
      CompiledItem ci;
      for (const auto& phrase : item.alternatives) {
        CompiledPhrase cp;
        for (const auto& alternatives : phrase) {
          if (alternatives.empty()) continue;  // an empty slot left by trailing space in [ ]
          Slot slot;
          for (const auto& word : alternatives) {
            if (auto r = add_word(word, c.flags, slot, n); !r) return r.error();
          }
          if (static_cast<int>(slot.atoms.size()) > limits.max_alternatives) {
            return at(n, "more than " + std::to_string(limits.max_alternatives) +
                             " alternatives for one word (after synonyms) at col " + std::to_string(item.column));
          }
          cp.words.push_back(static_cast<std::uint32_t>(out.slots.size()));
          out.slots.push_back(std::move(slot));
        }
        if (static_cast<int>(cp.words.size()) > limits.max_phrase_words) {
          return at(n, "more than " + std::to_string(limits.max_phrase_words) + " words in one [phrase] at col " +
                           std::to_string(item.column));
        }
        if (!cp.words.empty()) ci.alternatives.push_back(std::move(cp));
      }
      if (static_cast<int>(ci.alternatives.size()) > limits.max_alternatives) {
        return at(n, "more than " + std::to_string(limits.max_alternatives) + " alternatives at col " +
                         std::to_string(item.column));
      }
      c.items.push_back(std::move(ci));
    }
    return c;
  }

  Result<bool> add_word(const syntax::Word& word, const Flags& flags, Slot& slot, const syntax::Node& n) {
    if (std::count(word.chars.begin(), word.chars.end(), syntax::kAnyRun) > limits.max_wildcards) {
      return at(n, "more than " + std::to_string(limits.max_wildcards) + " '*' in the word '" + word.text + "'");
    }
    Atom a = make_atom(word, flags, options.ignore_case);
    if (!a.stem.empty()) out.uses_stems = true;
    std::string key = a.literal;
    slot.atoms.push_back(static_cast<std::uint32_t>(out.atoms.size()));
    out.atoms.push_back(std::move(a));
    // A word with an apostrophe also matches it written without one, as students often write it
    // ("wasn't" / "wasnt", "Stalin's" / "Stalins", "workers'" / "workers").
    if (std::find(word.chars.begin(), word.chars.end(), U'\'') != word.chars.end()) {
      syntax::Word bare;
      for (char c : word.text) {
        if (c != '\'') bare.text.push_back(c);
      }
      for (char32_t c : word.chars) {
        if (c != U'\'') bare.chars.push_back(c);
      }
      if (!bare.chars.empty()) {
        Atom b = make_atom(bare, flags, options.ignore_case);
        if (!b.stem.empty()) out.uses_stems = true;
        slot.atoms.push_back(static_cast<std::uint32_t>(out.atoms.size()));
        out.atoms.push_back(std::move(b));
      }
    }
    // Synonyms: the word's alternatives from the options, compiled with the same flags.
    std::string written = normalize_word(word.text, options.ignore_case);
    for (const auto& [from, alternatives] : synonyms) {
      if (from != written) continue;
      for (const auto& alt : alternatives) {
        syntax::Word w;
        w.text = alt;
        for (char32_t c : utf8::decode(alt)) {
          w.chars.push_back(c == U'*' ? syntax::kAnyRun : c == U'?' ? syntax::kAnyOne : c);
        }
        Atom sa = make_atom(w, flags, options.ignore_case);
        if (!sa.stem.empty()) out.uses_stems = true;
        slot.atoms.push_back(static_cast<std::uint32_t>(out.atoms.size()));
        out.atoms.push_back(std::move(sa));
      }
    }
    return true;
  }
};

}  // namespace

std::string normalize_word(std::string_view utf8_text, bool fold_case) {
  return text::normalize(utf8_text, fold_case);
}

std::optional<double> parse_number(std::string_view w) {
  std::size_t i = 0, n = w.size();
  std::string digits;
  if (i < n && (w[i] == '+' || w[i] == '-')) digits.push_back(w[i++]);
  std::size_t int_start = i;
  while (i < n && (std::isdigit(static_cast<unsigned char>(w[i])) || w[i] == ',')) {
    if (w[i] == ',') {  // thousands separator: a digit before, exactly three digits after
      if (i == int_start) return std::nullopt;
      for (std::size_t k = 1; k <= 3; ++k)
        if (i + k >= n || !std::isdigit(static_cast<unsigned char>(w[i + k]))) return std::nullopt;
      if (i + 4 < n && std::isdigit(static_cast<unsigned char>(w[i + 4]))) return std::nullopt;
      ++i;
      continue;
    }
    digits.push_back(w[i++]);
  }
  bool has_int = i > int_start;
  bool has_frac = false;
  if (i < n && w[i] == '.') {
    std::size_t j = i + 1;
    while (j < n && std::isdigit(static_cast<unsigned char>(w[j]))) ++j;
    has_frac = j > i + 1;
    if (has_frac || has_int) {
      digits.append(w.substr(i, j - i));
      i = j;
    }
  }
  if (!has_int && !has_frac) return std::nullopt;
  double exponent = 0;
  if (i < n && (w[i] == 'e' || w[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < n && (w[j] == '+' || w[j] == '-')) ++j;
    std::size_t k = j;
    while (k < n && std::isdigit(static_cast<unsigned char>(w[k]))) ++k;
    if (k == j) return std::nullopt;
    exponent = std::strtod(std::string(w.substr(i + 1, k - i - 1)).c_str(), nullptr);
    i = k;
  } else if (i < n) {
    // 5x10<sup>-1</sup>, 5*10<sup>-1</sup>, 5×10<sup>-1</sup>
    std::string_view rest = w.substr(i);
    std::size_t times = 0;
    if (rest.starts_with("x") || rest.starts_with("X") || rest.starts_with("*")) times = 1;
    else if (rest.starts_with("\u00D7")) times = 2;
    if (times == 0) return std::nullopt;
    rest.remove_prefix(times);
    if (!rest.starts_with("10<sup>") || !rest.ends_with("</sup>")) return std::nullopt;
    std::string_view e = rest.substr(7, rest.size() - 7 - 6);
    std::size_t j = 0;
    if (j < e.size() && (e[j] == '+' || e[j] == '-')) ++j;
    if (j == e.size()) return std::nullopt;
    for (std::size_t k = j; k < e.size(); ++k)
      if (!std::isdigit(static_cast<unsigned char>(e[k]))) return std::nullopt;
    exponent = std::strtod(std::string(e).c_str(), nullptr);
    i = n;
  }
  if (i != n) return std::nullopt;
  double mantissa = std::strtod(digits.c_str(), nullptr);
  return mantissa * std::pow(10.0, exponent);
}

std::uint64_t char_mask(std::u32string_view chars) {
  std::uint64_t m = 0;
  for (char32_t c : chars) {
    if (c == syntax::kAnyOne || c == syntax::kAnyRun) continue;
    m |= std::uint64_t{1} << (c % 64);
  }
  return m;
}

bool atom_matches(const Atom& a, std::u32string_view w, std::string_view stem, const std::optional<double>& number,
                  std::uint64_t word_mask) {
  if (a.number && number) {
    double x = *a.number, y = *number;
    double scale = std::max(std::fabs(x), std::fabs(y));
    return std::fabs(x - y) <= 1e-9 * scale || x == y;
  }
  if (!a.stem.empty() && a.stem == stem) return true;
  if (w.size() < a.min_length || w.size() > a.max_length) return false;
  if (std::uint64_t missing = a.mask & ~word_mask; missing != 0) {
    int allowed = (a.replace || a.fewer) ? a.max_edits : 0;
    if (allowed == 0 || (allowed == 1 && (missing & (missing - 1)) != 0) || std::popcount(missing) > allowed) {
      return false;
    }
  }
  // One edit cannot disturb both of the first two characters: one of the word's first two must be
  // one of the pattern's first two.
  if (a.max_edits == 1 && a.chars.size() >= 2 && w.size() >= 2) {
    char32_t p0 = a.chars[0], p1 = a.chars[1];
    if (p0 != syntax::kAnyOne && p0 != syntax::kAnyRun && p1 != syntax::kAnyOne && p1 != syntax::kAnyRun &&
        w[0] != p0 && w[0] != p1 && w[1] != p0 && w[1] != p1) {
      return false;
    }
  }
  // A literal word with at most one edit: compare once, then try each kind of edit at the first
  // difference (linear, no table).
  if (!a.wildcards && a.max_edits == 1) {
    const std::u32string& p = a.chars;
    std::size_t i = 0;
    while (i < p.size() && i < w.size() && p[i] == w[i]) ++i;
    if (i == p.size() && i == w.size()) return true;
    auto same = [&](std::size_t pi, std::size_t wi) {
      return p.size() - pi == w.size() - wi && std::equal(p.begin() + static_cast<std::ptrdiff_t>(pi), p.end(),
                                                          w.begin() + static_cast<std::ptrdiff_t>(wi));
    };
    if (a.replace && i < p.size() && i < w.size() && same(i + 1, i + 1)) return true;
    if (a.extra && i < w.size() && same(i, i + 1)) return true;
    if (a.fewer && i < p.size() && same(i + 1, i)) return true;
    if (a.transpose && i + 1 < p.size() && i + 1 < w.size() && p[i] == w[i + 1] && p[i + 1] == w[i] &&
        same(i + 2, i + 2)) {
      return true;
    }
    return false;
  }
  // Edit-distance DP over pattern pieces (literal, '?', '*') and the word's characters.
  const std::u32string& p = a.chars;
  const std::size_t P = p.size(), T = w.size();
  const int k = a.max_edits;
  constexpr unsigned char kInf = 0x7F;
  unsigned char stack_buf[48 * 48];
  std::vector<unsigned char> heap_buf;
  unsigned char* dp = stack_buf;
  if ((P + 1) * (T + 1) > sizeof stack_buf) {
    heap_buf.assign((P + 1) * (T + 1), kInf);
    dp = heap_buf.data();
  } else {
    std::fill(dp, dp + (P + 1) * (T + 1), kInf);
  }
  auto cell = [&](std::size_t i, std::size_t j) -> unsigned char& { return dp[i * (T + 1) + j]; };
  auto relax = [&](std::size_t i, std::size_t j, int v) {
    if (v <= k && v < cell(i, j)) cell(i, j) = static_cast<unsigned char>(v);
  };
  cell(0, 0) = 0;
  for (std::size_t i = 0; i <= P; ++i) {
    for (std::size_t j = 0; j <= T; ++j) {
      int d = cell(i, j);
      if (d > k) continue;
      if (i < P) {
        char32_t pc = p[i];
        if (pc == syntax::kAnyRun) {
          relax(i + 1, j, d);                 // '*' matches nothing more
          if (j < T) relax(i, j + 1, d);      // '*' takes one more character
          continue;
        }
        if (j < T) {
          if (pc == syntax::kAnyOne || pc == w[j]) relax(i + 1, j + 1, d);
          else if (a.replace) relax(i + 1, j + 1, d + 1);
        }
        if (pc != syntax::kAnyOne && a.fewer) relax(i + 1, j, d + 1);
        if (a.transpose && i + 1 < P && j + 1 < T && pc != p[i + 1] && pc == w[j + 1] && p[i + 1] == w[j] &&
            p[i + 1] != syntax::kAnyOne && p[i + 1] != syntax::kAnyRun) {
          relax(i + 2, j + 2, d + 1);
        }
      }
      if (j < T && a.extra) relax(i, j + 1, d + 1);
    }
  }
  return cell(P, T) <= k;
}

Result<CompiledExpression> compile_expression(std::string_view source, const Options& options,
                                              const Limits& limits) {
  if (source.size() > limits.max_expression_bytes) {
    return make_error(ErrorKind::rubric, "expression longer than " + std::to_string(limits.max_expression_bytes) +
                                             " bytes");
  }
  auto tree = syntax::parse_expression(source, limits.max_depth);
  if (!tree) return tree.error();
  CompiledExpression out;
  out.source = std::string(source);
  out.options = options;
  Compiler c{options, limits, out, {}};
  for (const auto& [from, to] : options.synonyms) {
    std::vector<std::string> alternatives;
    std::string_view rest = to;
    while (true) {
      auto bar = rest.find('|');
      std::string_view one = rest.substr(0, bar);
      if (!one.empty()) alternatives.emplace_back(one);
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
    if (static_cast<int>(alternatives.size()) > limits.max_alternatives) {
      return make_error(ErrorKind::rubric, "more than " + std::to_string(limits.max_alternatives) +
                                               " synonyms for '" + from + "'");
    }
    c.synonyms.emplace_back(normalize_word(from, options.ignore_case), std::move(alternatives));
  }
  auto root = c.node(*tree);
  if (!root) return root.error();
  out.root = std::move(root.value());
  return out;
}

}  // namespace ec::match
