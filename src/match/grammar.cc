// The pmatch expression grammar (Boost.Spirit X3; the only file of src/match that includes Spirit):
// text -> syntax::Node, with author-facing errors "expected …" at a line and column.
// Entry point: syntax::parse_expression().
#include <boost/spirit/home/x3.hpp>

#include <functional>
#include <optional>

#include "match/syntax.h"
#include "match/utf8.h"

namespace ec::match::syntax {
namespace {

namespace x3 = boost::spirit::x3;
using Iter = std::string_view::const_iterator;

// What the semantic actions build: a stack of open nodes.
struct State {
  Iter begin;
  std::vector<Node> stack;
  std::optional<Node> root;
  Separator pending = Separator::space;
  Item* item = nullptr;          // the item being parsed
  Phrase* phrase = nullptr;      // the phrase being parsed
};
struct state_tag;

State& state(auto& ctx) { return x3::get<state_tag>(ctx).get(); }

std::pair<int, int> line_col(Iter begin, Iter at) {
  int line = 1, col = 1;
  for (Iter it = begin; it != at; ++it) {
    unsigned char c = static_cast<unsigned char>(*it);
    if (c == '\n') {
      ++line;
      col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

// Resolve escapes and mark wildcards.
Word make_word(std::string_view raw) {
  Word w;
  w.text = std::string(raw);
  std::u32string cps = utf8::decode(raw);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if (c == U'\\' && i + 1 < cps.size()) {
      w.chars.push_back(cps[++i]);
    } else if (c == U'?') {
      w.chars.push_back(kAnyOne);
    } else if (c == U'*') {
      w.chars.push_back(kAnyRun);
    } else {
      w.chars.push_back(c);
    }
  }
  return w;
}

auto open_node(Node::Kind kind) {
  return [kind](auto& ctx) {
    State& s = state(ctx);
    Node n;
    n.kind = kind;
    auto [line, col] = line_col(s.begin, x3::_attr(ctx).begin());  // from x3::raw[ ]
    n.line = line;
    n.column = col;
    s.stack.push_back(std::move(n));
    s.pending = Separator::space;
  };
}

auto const close_node = [](auto& ctx) {
  State& s = state(ctx);
  Node n = std::move(s.stack.back());
  s.stack.pop_back();
  if (s.stack.empty()) {
    s.root = std::move(n);
  } else {
    s.stack.back().children.push_back(std::move(n));
  }
};

auto const set_flags = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  state(ctx).stack.back().flags = std::string(attr.begin(), attr.end());
};

auto const mark_proximity = [](auto& ctx) { state(ctx).pending = Separator::proximity; };
auto const mark_space = [](auto& ctx) { state(ctx).pending = Separator::space; };

auto const start_item = [](auto& ctx) {
  State& s = state(ctx);
  Node& n = s.stack.back();
  if (!n.items.empty()) n.separators.push_back(s.pending);
  s.pending = Separator::space;
  Item it;
  it.column = line_col(s.begin, x3::_where(ctx).begin()).second;
  n.items.push_back(std::move(it));
  s.item = &n.items.back();
};

auto const start_phrase = [](auto& ctx) {
  State& s = state(ctx);
  s.item->alternatives.emplace_back();
  s.phrase = &s.item->alternatives.back();
};

auto const start_word_alternatives = [](auto& ctx) { state(ctx).phrase->emplace_back(); };

auto const add_word = [](auto& ctx) {
  auto& attr = x3::_attr(ctx);
  state(ctx).phrase->back().push_back(make_word(std::string_view(&*attr.begin(), attr.size())));
};

// A bare word outside [ ] is a one-word phrase of its own.
auto const add_bare_word = [](auto& ctx) {
  State& s = state(ctx);
  auto& attr = x3::_attr(ctx);
  s.item->alternatives.emplace_back();
  s.phrase = &s.item->alternatives.back();
  s.phrase->emplace_back();
  s.phrase->back().push_back(make_word(std::string_view(&*attr.begin(), attr.size())));
};

auto const space = x3::char_(" \t\r\n\f");
auto const ows = x3::omit[*space];
auto const ws = x3::omit[+space];
auto const word_char = ~x3::char_(" \t\r\n\f()[]|_\\");
auto const escape = x3::char_('\\') >> x3::char_;

x3::rule<class word_r, x3::unused_type> const word_r = "a word";
x3::rule<class phrase_r, x3::unused_type> const phrase_r = "a [phrase]";
x3::rule<class alternative_r, x3::unused_type> const alternative_r = "a word or [phrase]";
x3::rule<class item_r, x3::unused_type> const item_r = "a word or [phrase]";
x3::rule<class items_r, x3::unused_type> const items_r = "words";
x3::rule<class close_r, x3::unused_type> const close_r = "')'";
x3::rule<class close_bracket_r, x3::unused_type> const close_bracket_r = "']' to close the phrase";
x3::rule<class open_r, x3::unused_type> const open_r = "'('";
x3::rule<class node_r, x3::unused_type> const node_r = "match…(…), match_any(…), match_all(…) or not(…)";
x3::rule<class flags_r, x3::unused_type> const flags_r = "flags after 'match_'";
x3::rule<class end_r, x3::unused_type> const end_r = "the end of the expression";

auto const raw_word = x3::raw[+(escape | word_char)];

auto const word_r_def = raw_word[add_word];
auto const word_start = word_char | x3::lit('\\');
auto const phrase_r_def = x3::lit('[')[start_phrase] > ows >
                          (&word_start >> x3::eps[start_word_alternatives] >> word_r >> *('|' > word_r)) % ws >
                          ows > close_bracket_r;
auto const close_bracket_r_def = x3::lit(']');
auto const alternative_r_def = phrase_r | raw_word[add_bare_word];
auto const item_r_def = &(x3::lit('[') | word_start) >> x3::eps[start_item] >> alternative_r >>
                        *('|' > alternative_r);
auto const separator = (ows >> x3::lit('_')[mark_proximity] >> ows) | (ws >> x3::eps[mark_space]);
auto const items_r_def = ows >> item_r >> *(separator >> item_r) >> ows;
auto const close_r_def = x3::lit(')');
auto const open_r_def = x3::lit('(');
auto const flags_r_def = x3::raw[+x3::char_("a-z0-9")][set_flags];
auto const end_r_def = x3::eoi;

auto const any_node = x3::raw[x3::lit("match_any")][open_node(Node::Kind::any)] >> ows > open_r >
                      *(ows >> node_r) > ows > close_r;
auto const all_node = x3::raw[x3::lit("match_all")][open_node(Node::Kind::all)] >> ows > open_r >
                      *(ows >> node_r) > ows > close_r;
auto const not_node = x3::raw[x3::lit("not")][open_node(Node::Kind::not_)] >> ows > open_r > ows > node_r > ows > close_r;
auto const match_node = x3::raw[x3::lit("match")][open_node(Node::Kind::match)] >> -('_' > flags_r) >> ows > open_r >
                        items_r > close_r;
auto const node_r_def = x3::omit[any_node | all_node | not_node | match_node][close_node];

BOOST_SPIRIT_DEFINE(word_r, phrase_r, close_bracket_r, alternative_r, item_r, items_r, close_r, open_r, flags_r,
                    end_r, node_r)

auto const whole_expression = ows > node_r > ows > end_r;

// The opening '(' that a ')' expected at `at` would close, and the name before it.
std::pair<Iter, std::string> unclosed_opener(Iter begin, Iter at) {
  std::vector<Iter> open;
  for (Iter it = begin; it != at; ++it) {
    if (*it == '\\') {
      if (std::next(it) != at) ++it;
    } else if (*it == '(') {
      open.push_back(it);
    } else if (*it == ')' && !open.empty()) {
      open.pop_back();
    }
  }
  if (open.empty()) return {at, ""};
  Iter paren = open.back();
  Iter name_end = paren;
  while (name_end != begin && std::isspace(static_cast<unsigned char>(*std::prev(name_end)))) --name_end;
  Iter name_begin = name_end;
  while (name_begin != begin && (std::isalnum(static_cast<unsigned char>(*std::prev(name_begin))) ||
                                 *std::prev(name_begin) == '_'))
    --name_begin;
  return {name_begin, std::string(name_begin, name_end) + "("};
}

}  // namespace

Result<Node> parse_expression(std::string_view expression, int max_depth) {
  // Nesting is checked before parsing, so a hostile expression cannot exhaust the stack.
  int depth = 0;
  for (std::size_t i = 0; i < expression.size(); ++i) {
    if (expression[i] == '\\') {
      ++i;
    } else if (expression[i] == '(') {
      if (++depth > max_depth + 1) {
        auto [line, col] = line_col(expression.begin(), expression.begin() + static_cast<long>(i));
        Error e = make_error(ErrorKind::rubric, "expression nested more than " + std::to_string(max_depth) +
                                                    " levels deep; split it into simpler rules");
        e.line = line;
        e.column = col;
        return e;
      }
    } else if (expression[i] == ')') {
      --depth;
    }
  }

  State s;
  s.begin = expression.begin();
  Iter first = expression.begin();
  Iter last = expression.end();
  try {
    bool ok = x3::parse(first, last, x3::with<state_tag>(std::ref(s))[whole_expression]);
    if (!ok || !s.root) {
      auto [line, col] = line_col(expression.begin(), first);
      Error e = make_error(ErrorKind::rubric, "expected match…(…), match_any(…), match_all(…) or not(…)");
      e.line = line;
      e.column = col;
      return e;
    }
  } catch (const x3::expectation_failure<Iter>& f) {
    auto [line, col] = line_col(expression.begin(), f.where());
    std::string what = f.which();
    std::string message;
    if (what == "')'") {
      auto [opener, name] = unclosed_opener(expression.begin(), f.where());
      auto [oline, ocol] = line_col(expression.begin(), opener);
      message = "expected ')' to close " + name + " opened at " +
                (oline != line ? "line " + std::to_string(oline) + " " : std::string()) + "col " +
                std::to_string(ocol);
    } else if (what == "']' to close the phrase") {
      auto close = f.where();
      Iter open = close;
      while (open != expression.begin() && *open != '[') --open;
      auto [oline, ocol] = line_col(expression.begin(), open);
      message = "expected ']' to close the phrase opened at col " + std::to_string(ocol);
      (void)oline;
    } else {
      message = "expected " + what;
    }
    if (f.where() != expression.end()) {
      std::size_t n = utf8::sequence_length(static_cast<unsigned char>(*f.where()));
      std::string_view found(&*f.where(), std::min<std::size_t>(n, static_cast<std::size_t>(expression.end() - f.where())));
      message += found == "\n" ? ", found the end of a line" : ", found '" + std::string(found) + "'";
    } else {
      message += ", found the end of the expression";
    }
    Error e = make_error(ErrorKind::rubric, message);
    e.line = line;
    e.column = col;
    return e;
  }
  return std::move(*s.root);
}

}  // namespace ec::match::syntax
