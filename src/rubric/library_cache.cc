// The compiled library kept in the cache folder (see library_cache.h): its archive format, its key
// (the format, this executable, ICU's version and every rubric file's path and bytes) and the
// cached loading that falls back to compiling.
#include "rubric/library_cache.h"

#include <sys/stat.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "base/archive.h"
#include "base/cache.h"

namespace fs = std::filesystem;

namespace ec::rubric {

namespace {

// Bump when the archive's layout or the meaning of a compiled field changes.
constexpr char kMagic[8] = {'E', 'C', 'L', 'I', 'B', 0, 0, 1};
constexpr std::size_t kHeader = sizeof kMagic + 8 + 8;  // magic, key, checksum of the payload
constexpr std::size_t kKeep = 8;                         // cached libraries kept (one per build in use)

using archive::Reader;
using archive::Writer;

// ---- writing ----

void put(Writer& w, const Place& p) {
  w.str(p.file);
  w.i32(p.line);
  w.i32(p.column);
}
void put(Writer& w, const std::vector<int>& v) {
  w.vec(v, [](Writer& o, int x) { o.i32(x); });
}
void put(Writer& w, const std::vector<std::string>& v) {
  w.vec(v, [](Writer& o, const std::string& x) { o.str(x); });
}
void put(Writer& w, const std::vector<Rule>& v) {
  w.vec(v, [](Writer& o, const Rule& r) {
    r.pattern.save(o);
    o.u8(static_cast<std::uint8_t>(r.scope));
    put(o, r.place);
  });
}
void put(Writer& w, const std::vector<Example>& v) {
  w.vec(v, [](Writer& o, const Example& e) {
    o.boolean(e.hit);
    o.str(e.text);
    put(o, e.place);
  });
}
void put(Writer& w, const Condition& c) {
  w.u8(static_cast<std::uint8_t>(c.op));
  w.str(c.measure);
  w.u8(static_cast<std::uint8_t>(c.cmp));
  w.f64(c.value);
  w.vec(c.operands, [](Writer& o, const Condition& x) { put(o, x); });
}
void put(Writer& w, const std::optional<Condition>& c) {
  w.boolean(c.has_value());
  if (c) put(w, *c);
}

void put(Writer& w, const Factor& f) {
  w.str(f.id), w.str(f.label), put(w, f.cards), put(w, f.names), put(w, f.explain);
  w.str(f.hint), w.str(f.praise), w.str(f.side), put(w, f.examples), w.str(f.rubric), put(w, f.place);
}
void put(Writer& w, const Term& t) {
  w.str(t.id), w.str(t.term), w.str(t.definition), put(w, t.cards), put(w, t.names), put(w, t.examples);
  w.str(t.rubric), put(w, t.place);
}
void put(Writer& w, const Event& e) {
  w.str(e.id), w.str(e.what), w.i32(e.year_from), w.i32(e.year_to), put(w, e.cards), put(w, e.names);
  put(w, e.examples), w.str(e.rubric), put(w, e.place);
}
void put(Writer& w, const Misconception& m) {
  w.str(m.id), w.str(m.claim_text), w.str(m.correction), put(w, m.cards), put(w, m.claims), put(w, m.examples);
  w.str(m.rubric), put(w, m.place);
}
void put(Writer& w, const Signal& s) {
  w.str(s.id), w.str(s.label), put(w, s.names), put(w, s.examples), w.str(s.rubric), put(w, s.place);
}
void put(Writer& w, const MarkScheme& s) {
  w.str(s.id), w.str(s.title), w.i32(s.marks);
  w.vec(s.levels, [](Writer& o, const Level& l) {
    o.i32(l.number), o.i32(l.min_mark), o.i32(l.max_mark), o.str(l.descriptor);
    put(o, l.when), put(o, l.top), put(o, l.bottom), put(o, l.place);
  });
  w.vec(s.awards, [](Writer& o, const Award& a) {
    o.i32(a.points), o.str(a.measure), o.i32(a.max_points), o.str(a.reason), put(o, a.place);
  });
  w.vec(s.caps, [](Writer& o, const Cap& c) { o.i32(c.max_mark), put(o, c.when), o.str(c.reason), put(o, c.place); });
  w.boolean(s.exam_year.has_value());
  w.i32(s.exam_year.value_or(0));
  put(w, s.place);
}
void put(Writer& w, const Prompt& p) {
  w.str(p.id), w.str(p.question), w.str(p.topic), w.i32(p.marks), w.str(p.scheme), w.i32(p.minutes);
  w.vec(p.stimulus, [](Writer& o, const Stimulus& s) { o.str(s.factor), o.str(s.text); });
  put(w, p.uses), put(w, p.place);
}
void put(Writer& w, const Library::RubricFile& r) {
  w.str(r.id), w.str(r.path);
  w.vec(r.factors, [](Writer& o, const Factor& x) { put(o, x); });
  w.vec(r.terms, [](Writer& o, const Term& x) { put(o, x); });
  w.vec(r.events, [](Writer& o, const Event& x) { put(o, x); });
  w.vec(r.misconceptions, [](Writer& o, const Misconception& x) { put(o, x); });
  w.vec(r.signals, [](Writer& o, const Signal& x) { put(o, x); });
}
template <class T>
void put(Writer& w, const std::map<std::string, T>& m) {
  w.u32(static_cast<std::uint32_t>(m.size()));
  for (const auto& [k, v] : m) {
    w.str(k);
    put(w, v);
  }
}

// ---- reading (every enum checked; a damaged archive only turns the reader's ok() false) ----

void get(Reader& r, Place& p) {
  p.file = r.str();
  p.line = r.i32();
  p.column = r.i32();
}
void get(Reader& r, std::vector<int>& v) {
  r.vec(v, [](Reader& i, int& x) { x = i.i32(); });
}
void get(Reader& r, std::vector<std::string>& v) {
  r.vec(v, [](Reader& i, std::string& x) { x = i.str(); });
}
void get(Reader& r, std::vector<Rule>& v) {
  // A Rule holds a Pattern, which has no empty state: read each whole, then append it.
  std::size_t n = r.count(1);
  v.clear();
  v.reserve(n);
  for (std::size_t k = 0; k < n && r.ok(); ++k) {
    auto pattern = match::Pattern::load(r);
    std::uint8_t scope = r.u8();
    if (!pattern || scope > static_cast<std::uint8_t>(match::Scope::paragraph)) return r.fail();
    Rule rule{std::move(*pattern), static_cast<match::Scope>(scope), {}};
    get(r, rule.place);
    v.push_back(std::move(rule));
  }
}
void get(Reader& r, std::vector<Example>& v) {
  r.vec(v, [](Reader& i, Example& e) {
    e.hit = i.boolean();
    e.text = i.str();
    get(i, e.place);
  });
}
void get(Reader& r, Condition& c, int depth = 0) {
  if (depth > 64) return r.fail();
  std::uint8_t op = r.u8();
  c.measure = r.str();
  std::uint8_t cmp = r.u8();
  c.value = r.f64();
  if (op > static_cast<std::uint8_t>(Condition::Op::not_) || cmp > static_cast<std::uint8_t>(Condition::Cmp::ne))
    return r.fail();
  c.op = static_cast<Condition::Op>(op);
  c.cmp = static_cast<Condition::Cmp>(cmp);
  r.vec(c.operands, [depth](Reader& i, Condition& x) { get(i, x, depth + 1); });
}
void get(Reader& r, std::optional<Condition>& c) {
  c.reset();
  if (r.boolean()) get(r, c.emplace());
}
void get(Reader& r, Factor& f) {
  f.id = r.str(), f.label = r.str(), get(r, f.cards), get(r, f.names), get(r, f.explain);
  f.hint = r.str(), f.praise = r.str(), f.side = r.str(), get(r, f.examples), f.rubric = r.str(), get(r, f.place);
}
void get(Reader& r, Term& t) {
  t.id = r.str(), t.term = r.str(), t.definition = r.str(), get(r, t.cards), get(r, t.names), get(r, t.examples);
  t.rubric = r.str(), get(r, t.place);
}
void get(Reader& r, Event& e) {
  e.id = r.str(), e.what = r.str(), e.year_from = r.i32(), e.year_to = r.i32(), get(r, e.cards), get(r, e.names);
  get(r, e.examples), e.rubric = r.str(), get(r, e.place);
}
void get(Reader& r, Misconception& m) {
  m.id = r.str(), m.claim_text = r.str(), m.correction = r.str(), get(r, m.cards), get(r, m.claims);
  get(r, m.examples), m.rubric = r.str(), get(r, m.place);
}
void get(Reader& r, Signal& s) {
  s.id = r.str(), s.label = r.str(), get(r, s.names), get(r, s.examples), s.rubric = r.str(), get(r, s.place);
}
void get(Reader& r, MarkScheme& s) {
  s.id = r.str(), s.title = r.str(), s.marks = r.i32();
  r.vec(s.levels, [](Reader& i, Level& l) {
    l.number = i.i32(), l.min_mark = i.i32(), l.max_mark = i.i32(), l.descriptor = i.str();
    get(i, l.when), get(i, l.top), get(i, l.bottom), get(i, l.place);
  });
  r.vec(s.awards, [](Reader& i, Award& a) {
    a.points = i.i32(), a.measure = i.str(), a.max_points = i.i32(), a.reason = i.str(), get(i, a.place);
  });
  r.vec(s.caps, [](Reader& i, Cap& c) { c.max_mark = i.i32(), get(i, c.when), c.reason = i.str(), get(i, c.place); });
  bool has_year = r.boolean();
  int year = r.i32();
  if (has_year) s.exam_year = year;
  get(r, s.place);
}
void get(Reader& r, Prompt& p) {
  p.id = r.str(), p.question = r.str(), p.topic = r.str(), p.marks = r.i32(), p.scheme = r.str(), p.minutes = r.i32();
  r.vec(p.stimulus, [](Reader& i, Stimulus& s) { s.factor = i.str(), s.text = i.str(); });
  get(r, p.uses), get(r, p.place);
}
void get(Reader& r, Library::RubricFile& f) {
  f.id = r.str(), f.path = r.str();
  r.vec(f.factors, [](Reader& i, Factor& x) { get(i, x); });
  r.vec(f.terms, [](Reader& i, Term& x) { get(i, x); });
  r.vec(f.events, [](Reader& i, Event& x) { get(i, x); });
  r.vec(f.misconceptions, [](Reader& i, Misconception& x) { get(i, x); });
  r.vec(f.signals, [](Reader& i, Signal& x) { get(i, x); });
}
template <class T>
void get(Reader& r, std::map<std::string, T>& m) {
  std::size_t n = r.count(1);
  m.clear();
  for (std::size_t k = 0; k < n && r.ok(); ++k) {
    std::string key = r.str();
    T value;
    get(r, value);
    m.emplace(std::move(key), std::move(value));
  }
}

// ---- the cache file ----

// The key of the library compiled from `files`: nullopt when a file cannot be read (then the
// compiler reports it) or the executable cannot be identified.
std::optional<std::uint64_t> library_key(const std::vector<std::string>& files) {
  struct stat exe {};
  if (::stat("/proc/self/exe", &exe) != 0) return std::nullopt;
  std::uint64_t h = hash64(std::string_view(kMagic, sizeof kMagic));
  const std::uint64_t stamp[] = {static_cast<std::uint64_t>(exe.st_ino), static_cast<std::uint64_t>(exe.st_size),
                                 static_cast<std::uint64_t>(exe.st_mtim.tv_sec),
                                 static_cast<std::uint64_t>(exe.st_mtim.tv_nsec)};
  h = hash64(std::string_view(reinterpret_cast<const char*>(stamp), sizeof stamp), h);
  h = hash64(U_ICU_VERSION, h);
  for (const auto& f : files) {
    auto file = MappedFile::open(f);
    if (!file) return std::nullopt;
    const std::string_view bytes = file->bytes();
    h = hash64(f, h);
    const std::uint64_t size = bytes.size();
    h = hash64(std::string_view(reinterpret_cast<const char*>(&size), sizeof size), h);
    h = hash64(bytes, h);
  }
  return h;
}

std::string cache_path(const std::string& folder, std::uint64_t key) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(key));
  return folder + "/library-" + hex + ".bin";
}

std::optional<Library> read_cache(const std::string& path, std::uint64_t key) {
  auto file = MappedFile::open(path);  // read in place: the archive is only parsed, never kept
  if (!file) return std::nullopt;
  const std::string_view bytes = file->bytes();
  if (bytes.size() < kHeader || !std::equal(kMagic, kMagic + sizeof kMagic, bytes.data())) return std::nullopt;
  std::uint64_t stored_key = 0, checksum = 0;
  std::memcpy(&stored_key, bytes.data() + sizeof kMagic, 8);
  std::memcpy(&checksum, bytes.data() + sizeof kMagic + 8, 8);
  const std::string_view payload = bytes.substr(kHeader);
  if (stored_key != key || checksum != hash64(payload)) return std::nullopt;
  return load_library_archive(payload);
}

void write_cache(const std::string& folder, const std::string& path, std::uint64_t key, const Library& library) {
  std::string payload = save_library(library);
  std::string bytes(kMagic, sizeof kMagic);
  const std::uint64_t checksum = hash64(payload);
  bytes.append(reinterpret_cast<const char*>(&key), 8);
  bytes.append(reinterpret_cast<const char*>(&checksum), 8);
  bytes += payload;
  if (!write_file_atomically(path, bytes)) return;  // a cache that cannot be kept costs only time
  // Keep the newest few (one per build in use); the rest are stale.
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> cached;
  for (auto it = fs::directory_iterator(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("library-", 0) == 0 && it->path().extension() == ".bin")
      cached.emplace_back(it->last_write_time(ec), it->path());
  }
  if (cached.size() <= kKeep) return;
  std::sort(cached.begin(), cached.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = kKeep; i < cached.size(); ++i) fs::remove(cached[i].second, ec);
}

}  // namespace

std::string save_library(const Library& library) {
  Writer w;
  put(w, library.prompts);
  put(w, library.schemes);
  put(w, library.rubrics);
  return w.take();
}

std::optional<Library> load_library_archive(std::string_view bytes) {
  Reader r(bytes);
  Library library;
  get(r, library.prompts);
  get(r, library.schemes);
  get(r, library.rubrics);
  if (!r.at_end()) return std::nullopt;
  return library;
}

LoadReport check_library_cached(const std::vector<std::string>& paths) {
  const std::string folder = cache_folder();
  if (folder.empty()) return check_library(paths);
  std::vector<Error> errors;
  auto files = list_rubric_files(paths, errors);
  if (!errors.empty() || files.empty()) return check_library(paths);  // the compiler says what is wrong
  auto key = library_key(files);
  if (!key) return check_library(paths);
  const std::string path = cache_path(folder, *key);
  if (auto library = read_cache(path, *key)) {
    LoadReport report;
    report.library = std::move(*library);
    report.files = std::move(files);
    report.from_cache = true;
    return report;
  }
  auto report = check_library(paths);
  // Keep it only when it compiled cleanly from the files the key was made of (none changed meanwhile).
  if (report.errors.empty() && report.library && report.files == files && library_key(files) == key)
    write_cache(folder, path, *key, *report.library);
  return report;
}

}  // namespace ec::rubric
