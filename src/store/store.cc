// The SQLite store (SQLiteCpp): schema, migrations, and every read and write of students, attempts,
// drafts, classes and overrides. Entry point: Store::open().
//
// Schema (PRAGMA user_version; PRAGMA application_id = 0x45436f61, "ECoa", marks the file as ours):
//
//   version 1
//     students(id TEXT PRIMARY KEY, created_at TEXT)            -- id exactly as typed
//     attempts(id INTEGER PRIMARY KEY, student → students ON DELETE CASCADE, prompt, answer,
//              answer_hash, report (JSON of `mark --format json`), mark, level (NULL for points
//              schemes), seconds, self_assessment (JSON {"level","factors"} or NULL), rubric_hash,
//              source, created_at)
//     drafts(student → students ON DELETE CASCADE, prompt, text, updated_at, PRIMARY KEY(student, prompt))
//   version 2 (teachers)
//     classes(name TEXT PRIMARY KEY, created_at)
//     class_attempts(class → classes, prompt, attempt → attempts ON DELETE CASCADE, student,
//                    PRIMARY KEY(class, prompt, attempt))
//     class_problems(class → classes, prompt, source, reason)   -- answers of the last run that could not be read
//     overrides(attempt PRIMARY KEY → attempts ON DELETE CASCADE, mark, level, note, created_at)
//   version 3 (drafts kept in typing order)
//     drafts + typed_by (the browser's id), typed_at (ms since 1970 by its clock); both NULL when unsaid
//
// Migrations run in order, each in one IMMEDIATE transaction with the user_version bump, so a file
// is always at one version. Times are UTC, ISO 8601.
#include "store/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>

namespace ec::store {
namespace {

constexpr int kApplicationId = 0x45436f61;
constexpr int kBusyTimeoutMs = 5000;

const char* const kMigrations[] = {
    // 0 → 1
    R"sql(
CREATE TABLE students (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE attempts (
  id INTEGER PRIMARY KEY,
  student TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  prompt TEXT NOT NULL,
  answer TEXT NOT NULL,
  answer_hash TEXT NOT NULL,
  report TEXT NOT NULL,
  mark INTEGER NOT NULL,
  level INTEGER,
  seconds INTEGER,
  self_assessment TEXT,
  rubric_hash TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX attempts_by_student ON attempts(student, prompt, id);
CREATE TABLE drafts (
  student TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  prompt TEXT NOT NULL,
  text TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (student, prompt)
);
)sql",
    // 1 → 2
    R"sql(
CREATE TABLE classes (
  name TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE class_attempts (
  class TEXT NOT NULL REFERENCES classes(name) ON DELETE CASCADE,
  prompt TEXT NOT NULL,
  attempt INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  student TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (class, prompt, attempt)
);
CREATE INDEX class_attempts_by_attempt ON class_attempts(attempt);
CREATE TABLE class_problems (
  class TEXT NOT NULL REFERENCES classes(name) ON DELETE CASCADE,
  prompt TEXT NOT NULL,
  source TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (class, prompt, source)
);
CREATE TABLE overrides (
  attempt INTEGER PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
  mark INTEGER NOT NULL,
  level INTEGER,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
)sql",
    // 2 → 3
    R"sql(
ALTER TABLE drafts ADD COLUMN typed_by TEXT;
ALTER TABLE drafts ADD COLUMN typed_at INTEGER;
)sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion);

std::string now_utc() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Error storage_error(const std::string& path, const std::string& what) {
  return make_error(ErrorKind::storage, "database " + path + ": " + what);
}

// What went wrong, in the user's words, with what to do next.
Error explain(const std::string& path, const SQLite::Exception& e) {
  switch (e.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return storage_error(path, "it is locked by another program (still busy after " +
                                     std::to_string(kBusyTimeoutMs / 1000) +
                                     " s); nothing was saved. Close the other program or try again.");
    case SQLITE_NOTADB:
      return storage_error(path, "this file is not an SQLite database; it was left as it is. "
                                 "Choose another file with --db.");
    case SQLITE_CORRUPT:
      return storage_error(path, "the database is damaged (" + std::string(e.what()) +
                                     "); it was left as it is. Restore it from a backup or choose another file with --db.");
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return storage_error(path, "cannot be opened for writing (" + std::string(e.what()) +
                                     "); check the folder exists and is writable, or choose another file with --db.");
    case SQLITE_FULL:
      return storage_error(path, "the disk is full; nothing was saved.");
    default:
      return storage_error(path, e.what());
  }
}

std::string self_assessment_json(const std::optional<SelfAssessment>& s) {
  if (!s) return {};
  nlohmann::ordered_json j;
  j["level"] = s->level ? nlohmann::ordered_json(*s->level) : nlohmann::ordered_json(nullptr);
  j["factors"] = s->factors;
  return j.dump();
}

std::optional<SelfAssessment> parse_self_assessment(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  SelfAssessment s;
  if (j.contains("level") && j["level"].is_number_integer()) s.level = j["level"].get<int>();
  if (j.contains("factors") && j["factors"].is_array())
    for (const auto& f : j["factors"])
      if (f.is_string()) s.factors.push_back(f.get<std::string>());
  return s;
}

// Creates the student (or class) row the first time it is named; a no-op after that.
void insert_once(SQLite::Database& db, const char* table, const std::string& id, const std::string& now) {
  SQLite::Statement q(db, std::string("INSERT OR IGNORE INTO ") + table + (std::string(table) == "classes" ? "(name" : "(id") +
                              ", created_at) VALUES (?, ?)");
  q.bind(1, id);
  q.bind(2, now);
  q.exec();
}

std::optional<int> optional_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt();
}

void bind_optional(SQLite::Statement& q, int index, const std::optional<int>& v) {
  if (v) q.bind(index, *v);
  else q.bind(index);
}

constexpr const char* kAttemptColumns =
    "a.id, a.student, a.prompt, a.answer, a.answer_hash, a.report, a.mark, a.level, a.seconds, "
    "a.self_assessment, a.rubric_hash, a.source, a.created_at, "
    "(SELECT count(*) FROM attempts b WHERE b.student = a.student AND b.prompt = a.prompt AND b.id <= a.id), "
    "o.mark, o.level, o.note, o.created_at";

Attempt read_attempt(SQLite::Statement& q) {
  Attempt a;
  a.id = q.getColumn(0).getInt64();
  a.student = q.getColumn(1).getString();
  a.prompt = q.getColumn(2).getString();
  a.answer = q.getColumn(3).getString();
  a.answer_hash = q.getColumn(4).getString();
  a.report_json = q.getColumn(5).getString();
  a.mark = q.getColumn(6).getInt();
  a.level = optional_int(q.getColumn(7));
  a.seconds = optional_int(q.getColumn(8));
  a.self_assessment = parse_self_assessment(q.getColumn(9).isNull() ? "" : q.getColumn(9).getString());
  a.rubric_hash = q.getColumn(10).getString();
  a.source = q.getColumn(11).getString();
  a.created_at = q.getColumn(12).getString();
  a.number = q.getColumn(13).getInt();
  if (!q.getColumn(14).isNull()) {
    Override o;
    o.mark = q.getColumn(14).getInt();
    o.level = optional_int(q.getColumn(15));
    o.note = q.getColumn(16).getString();
    o.created_at = q.getColumn(17).getString();
    a.override_mark = o;
  }
  return a;
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 4;
    if (n == 4 || i + n >= s.size() + (n == 0)) return false;
    for (std::size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n + 1;
  }
  return true;
}

// A draft from a row whose columns are text, updated_at, typed_by, typed_at (from `first`).
Draft read_draft(SQLite::Statement& q, int first) {
  Draft d{q.getColumn(first).getString(), q.getColumn(first + 1).getString(), std::nullopt};
  if (!q.getColumn(first + 2).isNull() && !q.getColumn(first + 3).isNull())
    d.typed = DraftClock{q.getColumn(first + 2).getString(), q.getColumn(first + 3).getInt64()};
  return d;
}

}  // namespace

std::string check_student_id(const std::string& id) {
  constexpr std::size_t kMaxStudentId = 100;  // bytes
  if (id.empty()) return "a student id cannot be empty";
  if (id.size() > kMaxStudentId) return "a student id can be at most " + std::to_string(kMaxStudentId) + " bytes long";
  if (!valid_utf8(id)) return "a student id must be text (UTF-8)";
  for (unsigned char c : id)
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') return "a student id cannot contain control characters, / or \\";
  if (id == "." || id == "..") return "a student id cannot be . or ..";
  return {};
}

struct Store::Impl {
  explicit Impl(const std::string& path)
      : db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX, kBusyTimeoutMs) {}
  SQLite::Database db;
  std::mutex mutex;  // one call at a time on this connection
};

std::string default_db_path() {
  if (const char* env = std::getenv("ESSAYCOACH_DB"); env != nullptr && *env != '\0') return env;
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    base = std::filesystem::path(home) / ".local" / "share";
  } else {
    base = ".";
  }
  return (base / "essaycoach" / "essaycoach.db").string();
}

std::string content_hash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

Store::Store(std::unique_ptr<Impl> impl, std::string path) : impl_(std::move(impl)), path_(std::move(path)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const std::string& path) {
  if (path.empty()) return storage_error("(none)", "no file given");
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
    std::filesystem::create_directories(parent, ec);
    if (ec) return storage_error(path, "cannot create the folder " + parent.string() + ": " + ec.message());
  }
  if (std::filesystem::is_directory(path, ec)) return storage_error(path, "is a folder, not a database file");
  try {
    auto impl = std::make_unique<Impl>(path);
    auto& db = impl->db;
    // Reading the header first: a file that is not SQLite fails here, before anything is written.
    int version = db.execAndGet("PRAGMA user_version").getInt();
    int app_id = db.execAndGet("PRAGMA application_id").getInt();
    int tables = db.execAndGet("SELECT count(*) FROM sqlite_master").getInt();
    if (version == 0 && tables > 0 && app_id != kApplicationId)
      return storage_error(path, "is an SQLite database of another program (it has tables but is not Essay Coach's); "
                                 "it was left as it is. Choose another file with --db.");
    if (version > 0 && app_id != kApplicationId)
      return storage_error(path, "is an SQLite database of another program; it was left as it is. "
                                 "Choose another file with --db.");
    if (version > kSchemaVersion)
      return storage_error(path, "was written by a newer Essay Coach (schema " + std::to_string(version) +
                                     ", this one knows " + std::to_string(kSchemaVersion) +
                                     "); it was left as it is. Upgrade Essay Coach to use it.");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
    for (int v = version; v < kSchemaVersion; ++v) {
      SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
      // Another process may have migrated while we waited for the lock.
      int now = db.execAndGet("PRAGMA user_version").getInt();
      if (now > v) {
        t.commit();
        v = now - 1;
        continue;
      }
      db.exec(kMigrations[v]);
      db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
      db.exec("PRAGMA user_version = " + std::to_string(v + 1));
      t.commit();
    }
    return std::unique_ptr<Store>(new Store(std::move(impl), path));
  } catch (const SQLite::Exception& e) {
    return explain(path, e);
  }
}

// Runs a body under the connection's lock; SQLite's exceptions become errors that name the file.
#define EC_STORE_TRY(...)                           \
  try {                                             \
    std::lock_guard<std::mutex> lock(impl_->mutex); \
    __VA_ARGS__                                     \
  } catch (const SQLite::Exception& e) {            \
    return explain(path_, e);                       \
  }

Result<bool> Store::has_student(const std::string& student) {
  EC_STORE_TRY({
    SQLite::Statement q(impl_->db, "SELECT 1 FROM students WHERE id = ?");
    q.bind(1, student);
    return q.executeStep();
  })
}

Result<std::vector<std::string>> Store::students() {
  EC_STORE_TRY({
    SQLite::Statement q(impl_->db, "SELECT id FROM students ORDER BY id");
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  })
}

Result<Attempt> Store::add_attempt(const NewAttempt& n) {
  if (n.student.empty()) return storage_error(path_, "an attempt needs a student id");
  EC_STORE_TRY({
    auto& db = impl_->db;
    std::string now = now_utc();
    std::int64_t id = 0;
    {
      SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
      insert_once(db, "students", n.student, now);
      SQLite::Statement q(db,
                          "INSERT INTO attempts(student, prompt, answer, answer_hash, report, mark, level, seconds, "
                          "self_assessment, rubric_hash, source, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
      q.bind(1, n.student);
      q.bind(2, n.prompt);
      q.bind(3, n.answer);
      q.bind(4, content_hash(n.answer));
      q.bind(5, n.report_json);
      q.bind(6, n.mark);
      bind_optional(q, 7, n.level);
      bind_optional(q, 8, n.seconds);
      if (n.self_assessment) q.bind(9, self_assessment_json(n.self_assessment));
      else q.bind(9);
      q.bind(10, n.rubric_hash);
      q.bind(11, n.source);
      q.bind(12, now);
      q.exec();
      id = db.getLastInsertRowid();
      t.commit();
    }
    SQLite::Statement r(db, std::string("SELECT ") + kAttemptColumns +
                                " FROM attempts a LEFT JOIN overrides o ON o.attempt = a.id WHERE a.id = ?");
    r.bind(1, id);
    r.executeStep();
    return read_attempt(r);
  })
}

Result<std::vector<Attempt>> Store::attempts(const std::string& student, const std::string& prompt) {
  EC_STORE_TRY({
    SQLite::Statement q(impl_->db, std::string("SELECT ") + kAttemptColumns +
                                       " FROM attempts a LEFT JOIN overrides o ON o.attempt = a.id "
                                       "WHERE a.student = ? AND (? = '' OR a.prompt = ?) ORDER BY a.id");
    q.bind(1, student);
    q.bind(2, prompt);
    q.bind(3, prompt);
    std::vector<Attempt> out;
    while (q.executeStep()) out.push_back(read_attempt(q));
    return out;
  })
}

Result<std::optional<Attempt>> Store::attempt(std::int64_t id) {
  EC_STORE_TRY({
    SQLite::Statement q(impl_->db, std::string("SELECT ") + kAttemptColumns +
                                       " FROM attempts a LEFT JOIN overrides o ON o.attempt = a.id WHERE a.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::optional<Attempt>();
    return std::optional<Attempt>(read_attempt(q));
  })
}

Result<std::optional<Attempt>> Store::find_attempt(const std::string& student, const std::string& prompt,
                                                   const std::string& answer_hash) {
  EC_STORE_TRY({
    SQLite::Statement q(impl_->db, std::string("SELECT ") + kAttemptColumns +
                                       " FROM attempts a LEFT JOIN overrides o ON o.attempt = a.id "
                                       "WHERE a.student = ? AND a.prompt = ? AND a.answer_hash = ? "
                                       "ORDER BY a.id DESC LIMIT 1");
    q.bind(1, student);
    q.bind(2, prompt);
    q.bind(3, answer_hash);
    if (!q.executeStep()) return std::optional<Attempt>();
    return std::optional<Attempt>(read_attempt(q));
  })
}

Result<DraftSave> Store::save_draft(const std::string& student, const std::string& prompt, const std::string& text,
                                    const std::optional<DraftClock>& typed) {
  if (student.empty()) return storage_error(path_, "a draft needs a student id");
  EC_STORE_TRY({
    auto& db = impl_->db;
    std::string now = now_utc();
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    if (typed) {
      SQLite::Statement old(db,
                            "SELECT text, updated_at, typed_by, typed_at FROM drafts WHERE student = ? AND prompt = ?");
      old.bind(1, student);
      old.bind(2, prompt);
      if (old.executeStep()) {
        Draft stored = read_draft(old, 0);
        if (stored.typed && stored.typed->browser == typed->browser && stored.typed->typed_at > typed->typed_at)
          return DraftSave{stored, false};  // the transaction rolls back: nothing was written
      }
    }
    insert_once(db, "students", student, now);
    SQLite::Statement q(db,
                        "INSERT INTO drafts(student, prompt, text, updated_at, typed_by, typed_at) VALUES (?,?,?,?,?,?) "
                        "ON CONFLICT(student, prompt) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at, "
                        "typed_by = excluded.typed_by, typed_at = excluded.typed_at");
    q.bind(1, student);
    q.bind(2, prompt);
    q.bind(3, text);
    q.bind(4, now);
    if (typed) {
      q.bind(5, typed->browser);
      q.bind(6, static_cast<int64_t>(typed->typed_at));
    } else {
      q.bind(5);
      q.bind(6);
    }
    q.exec();
    t.commit();
    return DraftSave{Draft{text, now, typed}, true};
  })
}

Result<std::optional<Draft>> Store::draft(const std::string& student, const std::string& prompt) {
  EC_STORE_TRY({
    SQLite::Statement q(impl_->db,
                        "SELECT text, updated_at, typed_by, typed_at FROM drafts WHERE student = ? AND prompt = ?");
    q.bind(1, student);
    q.bind(2, prompt);
    if (!q.executeStep()) return std::optional<Draft>();
    return std::optional<Draft>(read_draft(q, 0));
  })
}

Result<std::vector<std::pair<std::string, Draft>>> Store::drafts(const std::string& student) {
  EC_STORE_TRY({
    SQLite::Statement q(impl_->db, "SELECT prompt, text, updated_at, typed_by, typed_at FROM drafts WHERE student = ? "
                                   "ORDER BY prompt");
    q.bind(1, student);
    std::vector<std::pair<std::string, Draft>> out;
    while (q.executeStep()) out.emplace_back(q.getColumn(0).getString(), read_draft(q, 1));
    return out;
  })
}

Result<ForgetCounts> Store::forget(const std::string& student) {
  EC_STORE_TRY({
    auto& db = impl_->db;
    ForgetCounts c;
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    auto count = [&](const char* sql) {
      SQLite::Statement q(db, sql);
      q.bind(1, student);
      q.executeStep();
      return q.getColumn(0).getInt();
    };
    c.attempts = count("SELECT count(*) FROM attempts WHERE student = ?");
    c.drafts = count("SELECT count(*) FROM drafts WHERE student = ?");
    c.class_entries = count("SELECT count(*) FROM class_attempts WHERE student = ?");
    for (const char* sql : {"DELETE FROM class_attempts WHERE student = ?", "DELETE FROM overrides WHERE attempt IN "
                                                                            "(SELECT id FROM attempts WHERE student = ?)",
                            "DELETE FROM attempts WHERE student = ?", "DELETE FROM drafts WHERE student = ?",
                            "DELETE FROM students WHERE id = ?"}) {
      SQLite::Statement q(db, sql);
      q.bind(1, student);
      q.exec();
    }
    t.commit();
    return c;
  })
}

Result<bool> Store::add_to_class(const std::string& class_name, const std::string& prompt, std::int64_t attempt) {
  EC_STORE_TRY({
    auto& db = impl_->db;
    std::string now = now_utc();
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    insert_once(db, "classes", class_name, now);
    SQLite::Statement q(db,
                        "INSERT OR IGNORE INTO class_attempts(class, prompt, attempt, student, added_at) "
                        "SELECT ?, ?, id, student, ? FROM attempts WHERE id = ?");
    q.bind(1, class_name);
    q.bind(2, prompt);
    q.bind(3, now);
    q.bind(4, attempt);
    bool added = q.exec() > 0;
    t.commit();
    return added;
  })
}

Result<std::vector<ClassEntry>> Store::class_entries(const std::string& class_name, const std::string& prompt) {
  EC_STORE_TRY({
    // Each student's newest attempt in this class at this prompt.
    SQLite::Statement q(impl_->db,
                        "SELECT student, max(attempt) FROM class_attempts WHERE class = ? AND prompt = ? "
                        "GROUP BY student ORDER BY student");
    q.bind(1, class_name);
    q.bind(2, prompt);
    std::vector<ClassEntry> out;
    while (q.executeStep()) out.push_back(ClassEntry{q.getColumn(0).getString(), q.getColumn(1).getInt64()});
    return out;
  })
}

Result<std::vector<std::string>> Store::class_prompts(const std::string& class_name) {
  EC_STORE_TRY({
    SQLite::Statement q(impl_->db,
                        "SELECT prompt FROM class_attempts WHERE class = ? GROUP BY prompt ORDER BY max(attempt) DESC");
    q.bind(1, class_name);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  })
}

Result<std::vector<std::string>> Store::classes() {
  EC_STORE_TRY({
    SQLite::Statement q(impl_->db, "SELECT name FROM classes ORDER BY name");
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  })
}

Result<bool> Store::set_class_problems(const std::string& class_name, const std::string& prompt,
                                      const std::vector<ClassProblem>& problems) {
  EC_STORE_TRY({
    auto& db = impl_->db;
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    insert_once(db, "classes", class_name, now_utc());
    SQLite::Statement d(db, "DELETE FROM class_problems WHERE class = ? AND prompt = ?");
    d.bind(1, class_name);
    d.bind(2, prompt);
    d.exec();
    for (const auto& p : problems) {
      SQLite::Statement q(db, "INSERT OR REPLACE INTO class_problems(class, prompt, source, reason) VALUES (?,?,?,?)");
      q.bind(1, class_name);
      q.bind(2, prompt);
      q.bind(3, p.source);
      q.bind(4, p.reason);
      q.exec();
    }
    t.commit();
    return true;
  })
}

Result<std::vector<ClassProblem>> Store::class_problems(const std::string& class_name, const std::string& prompt) {
  EC_STORE_TRY({
    SQLite::Statement q(impl_->db, "SELECT source, reason FROM class_problems WHERE class = ? AND prompt = ? ORDER BY source");
    q.bind(1, class_name);
    q.bind(2, prompt);
    std::vector<ClassProblem> out;
    while (q.executeStep()) out.push_back(ClassProblem{q.getColumn(0).getString(), q.getColumn(1).getString()});
    return out;
  })
}

Result<Override> Store::set_override(std::int64_t attempt, int mark, std::optional<int> level, const std::string& note) {
  EC_STORE_TRY({
    auto& db = impl_->db;
    Override o{mark, level, note, now_utc()};
    SQLite::Transaction t(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement q(db,
                        "INSERT INTO overrides(attempt, mark, level, note, created_at) VALUES (?,?,?,?,?) "
                        "ON CONFLICT(attempt) DO UPDATE SET mark = excluded.mark, level = excluded.level, "
                        "note = excluded.note, created_at = excluded.created_at");
    q.bind(1, attempt);
    q.bind(2, mark);
    bind_optional(q, 3, level);
    q.bind(4, note);
    q.bind(5, o.created_at);
    q.exec();
    t.commit();
    return o;
  })
}

}  // namespace ec::store
