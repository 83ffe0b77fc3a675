// The known-word cache: expand the Hunspell dictionary's affixes, confirm each form with Hunspell,
// write a sorted table once, then map it and look words up with Hunspell's own case and hyphen rules.
#include "mark/spelling_cache.h"

#include <sys/stat.h>
#include <unistd.h>
#include <unicode/uchar.h>

#include <hunspell/hunspell.hxx>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "base/cache.h"
#include "match/utf8.h"

namespace ec::mark {
namespace {

namespace fs = std::filesystem;
namespace utf8 = match::utf8;

constexpr char kMagic[8] = {'E', 'C', 'W', 'O', 'R', 'D', 'S', '2'};

struct Header {
  char magic[8];
  std::uint64_t aff_size, aff_mtime, dic_size, dic_mtime;
  std::uint64_t count;        // entries
  std::uint64_t iconv_size;   // bytes of the ICONV section: "from\x1Fto\x1E" a pair
  std::uint64_t blob_size;    // bytes of the entries
  std::uint64_t slots;        // size of the hash index (a power of two), after the entries
};

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

struct FileStamp {
  std::uint64_t size = 0, mtime = 0;
};

bool stamp(const std::string& path, FileStamp& s) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return false;
  s.size = static_cast<std::uint64_t>(st.st_size);
  s.mtime = static_cast<std::uint64_t>(st.st_mtim.tv_sec) * 1000000000u + static_cast<std::uint64_t>(st.st_mtim.tv_nsec);
  return true;
}

// ---- the .aff and .dic -------------------------------------------------------------------------

// One element of an affix condition: any character, or a set (possibly negated).
struct CondElem {
  bool any = false, negate = false;
  std::u32string chars;
  bool matches(char32_t c) const {
    if (any) return true;
    bool in = chars.find(c) != std::u32string::npos;
    return negate ? !in : in;
  }
};

struct Affix {
  std::u32string strip, add;
  std::vector<CondElem> cond;
};

struct AffixClass {
  bool cross = false;
  std::vector<Affix> rules;
};

struct Aff {
  std::map<unsigned char, AffixClass> prefixes, suffixes;
  int onlyincompound = -1;
  std::vector<std::pair<std::string, std::string>> iconv;
};

std::vector<CondElem> parse_condition(const std::u32string& c) {
  std::vector<CondElem> out;
  if (c == U".") return out;  // no condition
  for (std::size_t i = 0; i < c.size(); ++i) {
    CondElem e;
    if (c[i] == U'.') {
      e.any = true;
    } else if (c[i] == U'[') {
      ++i;
      if (i < c.size() && c[i] == U'^') {
        e.negate = true;
        ++i;
      }
      while (i < c.size() && c[i] != U']') e.chars += c[i++];
    } else {
      e.chars = c[i];
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<std::string> fields(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  std::string f;
  while (in >> f) out.push_back(f);
  return out;
}

void drop_bom(std::string& line) {
  if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
}

Result<Aff> read_aff(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::input, path + ": cannot be read");
  // Directives that do not change which single words are accepted, or that this expansion handles.
  static const std::vector<std::string> harmless = {
      "SET", "TRY", "NOSUGGEST", "KEY", "REP", "MAP", "PHONE", "WORDCHARS", "COMPOUNDMIN", "COMPOUNDRULE",
      "ONLYINCOMPOUND", "OCONV", "ICONV", "NAME", "VERSION", "HOME", "MAXNGRAMSUGS", "NOSPLITSUGS",
      "SUGSWITHDOTS", "MAXDIFF", "ONLYMAXDIFF", "MAXCPDSUGS", "FORBIDWARN", "WARN", "PFX", "SFX"};
  Aff aff;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) drop_bom(line);
    first = false;
    auto f = fields(line);
    if (f.empty() || f[0].starts_with("#")) continue;
    const std::string& d = f[0];
    if (std::find(harmless.begin(), harmless.end(), d) == harmless.end()) {
      return make_error(ErrorKind::input, path + ": " + d + " is not expanded by the word cache");
    }
    if (d == "SET" && (f.size() < 2 || f[1] != "UTF-8")) return make_error(ErrorKind::input, path + ": not UTF-8");
    if (d == "ONLYINCOMPOUND" && f.size() >= 2 && f[1].size() == 1) aff.onlyincompound = static_cast<unsigned char>(f[1][0]);
    if (d == "ICONV" && f.size() >= 3) aff.iconv.emplace_back(f[1], f[2]);
    if ((d == "PFX" || d == "SFX") && f.size() >= 4) {
      if (f[1].size() != 1) return make_error(ErrorKind::input, path + ": affix flags of more than one byte");
      auto& classes = d == "PFX" ? aff.prefixes : aff.suffixes;
      auto flag = static_cast<unsigned char>(f[1][0]);
      const bool header = f.size() == 4 && (f[2] == "Y" || f[2] == "N") &&
                          std::all_of(f[3].begin(), f[3].end(), [](unsigned char c) { return std::isdigit(c); });
      if (header && !classes.count(flag)) {
        classes[flag].cross = f[2] == "Y";
        continue;
      }
      if (f.size() < 5) return make_error(ErrorKind::input, path + ": affix rule without a condition: " + line);
      if (f[3].find('/') != std::string::npos) {
        return make_error(ErrorKind::input, path + ": affix continuation classes are not expanded");
      }
      Affix a;
      a.strip = f[2] == "0" ? U"" : utf8::decode(f[2]);
      a.add = f[3] == "0" ? U"" : utf8::decode(f[3]);
      a.cond = parse_condition(utf8::decode(f[4]));
      classes[flag].rules.push_back(std::move(a));
    }
  }
  return aff;
}

struct DicEntry {
  std::string word;
  std::string flags;
};

Result<std::vector<DicEntry>> read_dic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::input, path + ": cannot be read");
  std::vector<DicEntry> out;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (first) {  // the count line
      first = false;
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Morphological fields: after a tab, or after " xx:" (as Hunspell reads them).
    std::size_t cut = line.find('\t');
    for (std::size_t colon = line.find(':'); colon != std::string::npos; colon = line.find(':', colon + 1)) {
      if (colon > 3 && (line[colon - 3] == ' ' || line[colon - 3] == '\t')) {
        std::size_t p = colon - 3;
        while (p > 0 && (line[p - 1] == ' ' || line[p - 1] == '\t')) --p;
        if (p > 0) cut = std::min(cut, p);
        break;
      }
    }
    if (cut != std::string::npos) line.resize(cut);
    if (line.empty()) continue;
    DicEntry e;
    std::size_t slash = line.find('/', 1);
    while (slash != std::string::npos && line[slash - 1] == '\\') {
      line.erase(slash - 1, 1);
      slash = line.find('/', slash);
    }
    e.word = line.substr(0, slash);
    if (slash != std::string::npos) e.flags = line.substr(slash + 1);
    out.push_back(std::move(e));
  }
  return out;
}

// ---- case, as Hunspell sees it -----------------------------------------------------------------

enum class Cap { none, init, all, huh, huhinit };

Cap captype(const std::u32string& w) {
  std::size_t ncap = 0, nneutral = 0;
  for (char32_t c : w) {
    char32_t lower = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
    if (c != lower) ++ncap;
    if (static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))) == lower) ++nneutral;
  }
  if (ncap == 0) return Cap::none;
  const bool firstcap = w[0] != static_cast<char32_t>(u_tolower(static_cast<UChar32>(w[0])));
  if (ncap == 1 && firstcap) return Cap::init;
  if (ncap == w.size() || ncap + nneutral == w.size()) return Cap::all;
  if (ncap > 1 && firstcap) return Cap::huhinit;
  return Cap::huh;
}

std::u32string lower(std::u32string w) {
  for (auto& c : w) c = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  return w;
}

std::u32string initcap(std::u32string w) {
  if (!w.empty()) w[0] = static_cast<char32_t>(u_toupper(static_cast<UChar32>(w[0])));
  return w;
}

std::string upper_utf8(const std::string& s) {
  std::string out;
  for (char32_t c : utf8::decode(s)) utf8::append(out, static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))));
  return out;
}

std::string encode(const std::u32string& w) {
  std::string out;
  for (char32_t c : w) utf8::append(out, c);
  return out;
}

// ---- expansion ---------------------------------------------------------------------------------

bool cond_at_end(const std::u32string& w, const std::vector<CondElem>& cond) {
  if (w.size() < cond.size()) return false;
  const std::size_t base = w.size() - cond.size();
  for (std::size_t i = 0; i < cond.size(); ++i) {
    if (!cond[i].matches(w[base + i])) return false;
  }
  return true;
}

bool cond_at_start(const std::u32string& w, const std::vector<CondElem>& cond) {
  if (w.size() < cond.size()) return false;
  for (std::size_t i = 0; i < cond.size(); ++i) {
    if (!cond[i].matches(w[i])) return false;
  }
  return true;
}

bool apply_suffix(const std::u32string& root, const Affix& a, std::u32string& out) {
  if (root.size() <= a.strip.size() || !root.ends_with(a.strip) || !cond_at_end(root, a.cond)) return false;
  out = root.substr(0, root.size() - a.strip.size()) + a.add;
  return true;
}

bool apply_prefix(const std::u32string& root, const Affix& a, std::u32string& out) {
  if (root.size() <= a.strip.size() || !root.starts_with(a.strip) || !cond_at_start(root, a.cond)) return false;
  out = a.add + root.substr(a.strip.size());
  return true;
}

void expand(const Aff& aff, const std::u32string& root, const std::string& flags, bool upcase_only,
            std::vector<WordForm>& out) {
  auto emit = [&](const std::u32string& w) { out.push_back({encode(w), upcase_only}); };
  emit(root);
  std::u32string s, p;
  for (unsigned char sf : flags) {
    auto sc = aff.suffixes.find(sf);
    if (sc == aff.suffixes.end()) continue;
    for (const auto& rule : sc->second.rules) {
      if (!apply_suffix(root, rule, s)) continue;
      emit(s);
      if (!sc->second.cross) continue;
      for (unsigned char pf : flags) {
        auto pc = aff.prefixes.find(pf);
        if (pc == aff.prefixes.end() || !pc->second.cross) continue;
        for (const auto& prule : pc->second.rules) {
          if (apply_prefix(s, prule, p)) emit(p);
        }
      }
    }
  }
  for (unsigned char pf : flags) {
    auto pc = aff.prefixes.find(pf);
    if (pc == aff.prefixes.end()) continue;
    for (const auto& prule : pc->second.rules) {
      if (apply_prefix(root, prule, p)) emit(p);
    }
  }
}

void sort_unique(std::vector<WordForm>& forms) {
  // Sorted by word; of equal words the plain form (upcase_only false) first, and kept.
  std::sort(forms.begin(), forms.end(), [](const WordForm& a, const WordForm& b) {
    return a.word != b.word ? a.word < b.word : a.upcase_only < b.upcase_only;
  });
  forms.erase(std::unique(forms.begin(), forms.end(), [](const WordForm& a, const WordForm& b) { return a.word == b.word; }),
              forms.end());
}

// ---- the file ----------------------------------------------------------------------------------

std::string iconv_section(const std::vector<std::pair<std::string, std::string>>& iconv) {
  std::string out;
  for (const auto& [from, to] : iconv) out += from + '\x1F' + to + '\x1E';
  return out;
}

Result<bool> write_cache(const std::string& path, const DictionaryFiles& files, const FileStamp& aff,
                         const FileStamp& dic, const std::vector<WordForm>& forms,
                         const std::vector<std::pair<std::string, std::string>>& iconv) {
  std::string blob;
  std::vector<std::uint32_t> offsets;
  for (const auto& f : forms) {
    offsets.push_back(static_cast<std::uint32_t>(blob.size()));
    blob += f.word;
    blob += f.upcase_only ? '1' : '0';
  }
  offsets.push_back(static_cast<std::uint32_t>(blob.size()));
  // The hash index: open addressing, linear probing; a slot holds entry index + 1 (0: empty).
  std::uint64_t slots = 1;
  while (slots < 2 * forms.size() + 2) slots *= 2;
  std::vector<std::uint32_t> index(slots, 0);
  for (std::size_t i = 0; i < forms.size(); ++i) {
    std::uint64_t at = fnv1a(forms[i].word) & (slots - 1);
    while (index[at] != 0) at = (at + 1) & (slots - 1);
    index[at] = static_cast<std::uint32_t>(i + 1);
  }
  blob.resize((blob.size() + 3) / 4 * 4, '\0');  // keep the index aligned
  std::string ic = iconv_section(iconv);
  ic.resize((ic.size() + 7) / 8 * 8, '\0');  // keep the offsets aligned
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.aff_size = aff.size;
  h.aff_mtime = aff.mtime;
  h.dic_size = dic.size;
  h.dic_mtime = dic.mtime;
  h.count = forms.size();
  h.iconv_size = ic.size();
  h.blob_size = blob.size();
  h.slots = slots;
  std::string bytes;
  bytes.reserve(sizeof h + ic.size() + offsets.size() * 4 + blob.size() + index.size() * 4);
  bytes.append(reinterpret_cast<const char*>(&h), sizeof h);
  bytes += ic;
  bytes.append(reinterpret_cast<const char*>(offsets.data()), offsets.size() * 4);
  bytes += blob;
  bytes.append(reinterpret_cast<const char*>(index.data()), index.size() * 4);
  // Readers see the old file or the new one, never a part.
  if (!write_file_atomically(path, bytes)) return make_error(ErrorKind::storage, path + ": cannot be written");
  (void)files;
  return true;
}

}  // namespace

// ---- expansion (public) --------------------------------------------------------------------------

Result<std::vector<WordForm>> expand_dictionary(const DictionaryFiles& files) {
  auto aff = read_aff(files.aff);
  if (!aff) return aff.error();
  auto dic = read_dic(files.dic);
  if (!dic) return dic.error();
  std::vector<WordForm> forms;
  forms.reserve(dic->size() * 4);
  for (const auto& e : *dic) {
    if (aff->onlyincompound >= 0 && e.flags.find(static_cast<char>(aff->onlyincompound)) != std::string::npos) continue;
    auto w = utf8::decode(e.word);
    if (w.empty()) continue;
    expand(*aff, w, e.flags, false, forms);
    // Hunspell's hidden capitalised homonym: "McCarthy" is also "Mccarthy", for "MCCARTHY" only.
    Cap cap = captype(w);
    if (cap == Cap::huh || cap == Cap::huhinit || (cap == Cap::all && !e.flags.empty())) {
      expand(*aff, initcap(lower(w)), e.flags, true, forms);
    }
  }
  sort_unique(forms);
  return forms;
}

// ---- KnownWords ----------------------------------------------------------------------------------

KnownWords::KnownWords(KnownWords&& o) noexcept { *this = std::move(o); }

KnownWords& KnownWords::operator=(KnownWords&& o) noexcept {
  if (this != &o) {
    offsets_ = std::exchange(o.offsets_, nullptr);
    index_ = std::exchange(o.index_, nullptr);
    slots_ = std::exchange(o.slots_, 0);
    blob_ = std::exchange(o.blob_, nullptr);
    count_ = std::exchange(o.count_, 0);
    iconv_ = std::move(o.iconv_);
    file_ = std::exchange(o.file_, std::nullopt);
  }
  return *this;
}

KnownWords::~KnownWords() = default;

Result<KnownWords> KnownWords::map_existing(const DictionaryFiles& files, const std::string& cache_path) {
  FileStamp aff, dic;
  if (!stamp(files.aff, aff) || !stamp(files.dic, dic)) {
    return make_error(ErrorKind::input, files.dic + ": no such dictionary");
  }
  auto file = MappedFile::open(cache_path);
  if (!file) return make_error(ErrorKind::storage, cache_path + ": no cache yet");
  const std::size_t size = file->bytes().size();
  if (size < sizeof(Header)) return make_error(ErrorKind::storage, cache_path + ": not a word cache");
  const char* map = file->bytes().data();
  KnownWords k;
  k.file_ = std::move(file);
  Header h;
  std::memcpy(&h, map, sizeof h);
  const bool current = std::memcmp(h.magic, kMagic, sizeof kMagic) == 0 && h.aff_size == aff.size &&
                       h.aff_mtime == aff.mtime && h.dic_size == dic.size && h.dic_mtime == dic.mtime &&
                       h.slots > 0 && (h.slots & (h.slots - 1)) == 0 &&
                       sizeof h + h.iconv_size + (h.count + 1) * 4 + h.blob_size + h.slots * 4 == size;
  if (!current) return make_error(ErrorKind::storage, cache_path + ": out of date");
  const char* base = map;
  std::string_view ic(base + sizeof h, h.iconv_size);
  while (!ic.empty() && ic.front() != '\0') {
    auto sep = ic.find('\x1F'), end = ic.find('\x1E');
    if (sep == std::string_view::npos || end == std::string_view::npos || sep > end) break;
    k.iconv_.emplace_back(std::string(ic.substr(0, sep)), std::string(ic.substr(sep + 1, end - sep - 1)));
    ic.remove_prefix(end + 1);
  }
  k.offsets_ = reinterpret_cast<const std::uint32_t*>(base + sizeof h + h.iconv_size);
  k.blob_ = base + sizeof h + h.iconv_size + (h.count + 1) * 4;
  k.count_ = h.count;
  k.index_ = reinterpret_cast<const std::uint32_t*>(k.blob_ + h.blob_size);
  k.slots_ = h.slots;
  if (k.offsets_[k.count_] > h.blob_size) return make_error(ErrorKind::storage, cache_path + ": damaged");
  return k;
}

Result<KnownWords> KnownWords::open(const DictionaryFiles& files, const std::string& cache_path) {
  if (auto existing = map_existing(files, cache_path)) return existing;
  FileStamp aff, dic;
  if (!stamp(files.aff, aff) || !stamp(files.dic, dic)) {
    return make_error(ErrorKind::input, files.dic + ": no such dictionary");
  }
  if (cache_path.empty()) return make_error(ErrorKind::storage, "no cache folder");
  // Only build what can be kept: check the folder takes a file first.
  std::error_code ec;
  fs::create_directories(fs::path(cache_path).parent_path(), ec);
  if (::access(fs::path(cache_path).parent_path().c_str(), W_OK) != 0) {
    return make_error(ErrorKind::storage, cache_path + ": the cache folder is not writable");
  }
  auto forms = expand_dictionary(files);
  if (!forms) return forms.error();
  auto parsed = read_aff(files.aff);
  if (!parsed) return parsed.error();
  // Keep only what Hunspell itself accepts (a guard against any rule expanded wrongly).
  {
    Hunspell hunspell(files.aff.c_str(), files.dic.c_str());
    std::erase_if(*forms, [&](const WordForm& f) {
      return !hunspell.spell(f.upcase_only ? upper_utf8(f.word) : f.word);
    });
  }
  auto written = write_cache(cache_path, files, aff, dic, *forms, parsed->iconv);
  if (!written) return written.error();
  return map_existing(files, cache_path);
}

KnownWords::Found KnownWords::find(std::string_view form) const {
  for (std::uint64_t at = fnv1a(form) & (slots_ - 1);; at = (at + 1) & (slots_ - 1)) {
    const std::uint32_t slot = index_[at];
    if (slot == 0) return Found::no;
    const std::uint32_t i = slot - 1;
    std::string_view entry(blob_ + offsets_[i], offsets_[i + 1] - offsets_[i] - 1);
    if (entry == form) return blob_[offsets_[i + 1] - 1] == '1' ? Found::upcase_only : Found::yes;
  }
}

bool KnownWords::check(std::string_view form, bool initcap) const {
  Found f = find(form);
  return f == Found::yes || (f == Found::upcase_only && !initcap);
}

bool KnownWords::spell(std::string_view word) const {
  // Most words are plain lower case and in the table: Hunspell accepts those as they are.
  bool plain = word.size() < 300;
  for (unsigned char c : word) {
    if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
      plain = false;
      break;
    }
  }
  if (plain && find(word) == Found::yes) return true;
  std::vector<std::string> stack;
  return spell(std::string(word), stack);
}

// Hunspell's capitalisation rules (HunspellImpl::spell_internal, the switch on the capital type).
// Leaves `scw` as Hunspell leaves it for the hyphen rules that follow.
bool KnownWords::spell_cased(std::string& scw) const {
  std::u32string w = utf8::decode(scw);
  switch (captype(w)) {
    case Cap::huh:
    case Cap::huhinit:
    case Cap::none:
      return check(scw, false);
    case Cap::all: {
      if (check(scw, false)) return true;
      std::size_t apos = scw.find('\'');
      if (apos != std::string::npos) {
        std::string small = encode(lower(w));
        if (apos < small.size() - 1) {
          std::string part1 = small.substr(0, apos + 1);
          std::string part2 = encode(initcap(utf8::decode(small.substr(apos + 1))));
          if (check(part1 + part2, false)) return true;
          part1 = encode(initcap(utf8::decode(part1)));
          if (check(part1 + part2, false)) return true;
        }
      }
      scw = encode(initcap(lower(w)));
      const bool idot = scw.size() >= 2 && static_cast<unsigned char>(scw[0]) == 0xC4 &&
                        static_cast<unsigned char>(scw[1]) == 0xB0;
      if (check(scw, false)) return true;
      if (idot) return false;
      if (check(encode(lower(w)), false)) return true;
      return false;
    }
    case Cap::init: {
      const bool idot = scw.size() >= 2 && static_cast<unsigned char>(scw[0]) == 0xC4 &&
                        static_cast<unsigned char>(scw[1]) == 0xB0;
      if (check(scw, true)) return true;
      if (idot) return false;
      std::string small = encode(lower(w));
      scw = encode(initcap(lower(w)));
      return check(small, false);
    }
  }
  return false;
}

bool KnownWords::spell(const std::string& word, std::vector<std::string>& stack) const {
  if (std::find(stack.begin(), stack.end(), word) != stack.end()) return false;
  if (word.size() >= 300) return false;
  stack.push_back(word);
  struct Pop {
    std::vector<std::string>& s;
    ~Pop() { s.pop_back(); }
  } pop{stack};

  std::string scw = word;
  for (const auto& [from, to] : iconv_) {
    for (std::size_t p = scw.find(from); p != std::string::npos; p = scw.find(from, p + to.size())) {
      scw.replace(p, from.size(), to);
    }
  }
  // Leading blanks and trailing full stops (abbreviations) are not handled: words reaching here
  // have neither.
  if (scw.empty()) return true;
  // Numbers with separators (1,000 or 2.5) are correct.
  {
    bool sep = false, num = false;
    std::size_t i = 0;
    for (; i < scw.size(); ++i) {
      char c = scw[i];
      if (c >= '0' && c <= '9') {
        num = true;
        sep = false;
      } else if (c == ',' || c == '.' || c == '-') {
        if (sep || i == 0) break;
        sep = true;
        num = false;
      } else {
        break;
      }
    }
    if (i == scw.size() && num) return true;
  }
  if (spell_cased(scw)) return true;

  // Hunspell's default BREAK rules: "-", "^-", "-$".
  const std::size_t wl = scw.size();
  if (std::count(scw.begin(), scw.end(), '-') >= 10) return false;
  if (wl >= 2) {
    if (scw[0] == '-' && spell(scw.substr(1), stack)) return true;
    if (scw[wl - 1] == '-' && spell(scw.substr(0, wl - 1), stack)) return true;
  }
  // Break at the second hyphen when there is one (for dictionary words with a hyphen), then the first.
  std::size_t found = scw.find('-');
  if (found != std::string::npos && found > 0 && found < wl - 1) {
    std::size_t at = found;
    std::size_t found2 = scw.find('-', found + 1);
    if (found2 != std::string::npos && found2 < wl - 1) at = found2;
    if (spell(scw.substr(at + 1), stack) && spell(scw.substr(0, at), stack)) return true;
    if (spell(scw.substr(found + 1), stack) && spell(scw.substr(0, found), stack)) return true;
  }
  return false;
}

std::string known_words_cache_path(const DictionaryFiles& files) {
  const std::string dir = cache_folder();
  if (dir.empty()) return "";
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a(files.aff + "\n" + files.dic)));
  return dir + "/" + fs::path(files.dic).stem().string() + "-" + hash + ".words";
}

}  // namespace ec::mark
