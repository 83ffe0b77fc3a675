// The SQLite store as its users rely on it: migrations from every earlier version, attempts and
// drafts kept exactly, two processes saving at once, a writer killed mid-write, files that are not
// ours left untouched, student ids that look like SQL stored as given.
#include "store/store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/test_support.h"

namespace ec::store {
namespace {

using ec::testing::ScratchFolder;

NewAttempt sample(const std::string& student, const std::string& prompt = "why-stalin-won", int mark = 7) {
  NewAttempt a;
  a.student = student;
  a.prompt = prompt;
  a.answer = "Stalin was General Secretary, so he could appoint his supporters.";
  a.report_json = R"({"schema_version":1,"mark":)" + std::to_string(mark) + "}";
  a.mark = mark;
  a.level = 3;
  a.seconds = 600;
  a.self_assessment = SelfAssessment{3, {"general-secretary"}};
  a.rubric_hash = "abc";
  a.source = "test";
  return a;
}

// Runs sqlite3 statements on a file directly, as an older Essay Coach (or another program) would have.
void raw_exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

int raw_int(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

std::string raw_text(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
  std::string v = sqlite3_step(st) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) : "";
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

TEST(Store, NewFileIsCreatedWithItsFolderAtTheCurrentVersion) {
  ScratchFolder dir;
  std::string path = dir.path() + "/deep/er/coach.db";
  auto s = Store::open(path);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(raw_int(path, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(raw_text(path, "PRAGMA journal_mode"), "wal");
}

TEST(Store, AttemptIsKeptExactlyWithItsNumberAndSelfAssessment) {
  ScratchFolder dir;
  auto s = Store::open(dir.path() + "/a.db");
  ASSERT_TRUE(s.ok());
  auto& store = **s;
  auto first = store.add_attempt(sample("amira"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = store.add_attempt(sample("amira", "why-stalin-won", 9));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->number, 1);
  EXPECT_EQ(second->number, 2);
  auto all = store.attempts("amira");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  const auto& a = (*all)[1];
  EXPECT_EQ(a.mark, 9);
  EXPECT_EQ(a.level, 3);
  EXPECT_EQ(a.seconds, 600);
  EXPECT_EQ(a.answer, sample("x").answer);
  EXPECT_EQ(a.answer_hash, content_hash(a.answer));
  ASSERT_TRUE(a.self_assessment);
  EXPECT_EQ(a.self_assessment->level, 3);
  EXPECT_EQ(a.self_assessment->factors, std::vector<std::string>{"general-secretary"});
  EXPECT_EQ(a.rubric_hash, "abc");
  EXPECT_FALSE(a.created_at.empty());
  EXPECT_TRUE(store.attempts("amira", "other-prompt")->empty());
  EXPECT_TRUE(*store.has_student("amira"));
  EXPECT_FALSE(*store.has_student("nobody"));
}

TEST(Store, StudentIdThatLooksLikeSqlIsStoredAndShownExactly) {
  ScratchFolder dir;
  auto s = Store::open(dir.path() + "/a.db");
  ASSERT_TRUE(s.ok());
  const std::string id = "o'brien'); drop table attempts;--";
  ASSERT_TRUE((*s)->add_attempt(sample(id)).ok());
  ASSERT_TRUE((*s)->save_draft(id, "why-stalin-won", "half an answer").ok());
  auto students = (*s)->students();
  ASSERT_TRUE(students.ok());
  ASSERT_EQ(students->size(), 1u);
  EXPECT_EQ((*students)[0], id);
  EXPECT_EQ((*s)->attempts(id)->size(), 1u);
  EXPECT_EQ(raw_int((*s)->path(), "SELECT count(*) FROM attempts"), 1);
}

TEST(Store, DraftIsReplacedNotDuplicated) {
  ScratchFolder dir;
  auto s = Store::open(dir.path() + "/a.db");
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE((*s)->draft("ben", "why-stalin-won")->has_value());
  ASSERT_TRUE((*s)->save_draft("ben", "why-stalin-won", "first words").ok());
  ASSERT_TRUE((*s)->save_draft("ben", "why-stalin-won", "first words and more").ok());
  auto d = (*s)->draft("ben", "why-stalin-won");
  ASSERT_TRUE(d.ok() && d->has_value());
  EXPECT_EQ((*d)->text, "first words and more");
  EXPECT_EQ(raw_int((*s)->path(), "SELECT count(*) FROM drafts"), 1);
}

TEST(Store, ALateSaveTypedEarlierInTheSameBrowserIsRefused) {
  ScratchFolder dir;
  auto s = Store::open(dir.path() + "/a.db");
  ASSERT_TRUE(s.ok());
  auto newer = (*s)->save_draft("eve", "why-stalin-won", "first words and the last ones", DraftClock{"b1", 2000});
  ASSERT_TRUE(newer.ok());
  EXPECT_TRUE(newer->kept);
  // The autosave that was in flight when the page was left arrives last: refused, nothing written.
  auto late = (*s)->save_draft("eve", "why-stalin-won", "first words", DraftClock{"b1", 1000});
  ASSERT_TRUE(late.ok());
  EXPECT_FALSE(late->kept);
  EXPECT_EQ(late->draft.text, "first words and the last ones");
  auto d = (*s)->draft("eve", "why-stalin-won");
  ASSERT_TRUE(d.ok() && d->has_value());
  EXPECT_EQ((*d)->text, "first words and the last ones");
  ASSERT_TRUE((*d)->typed.has_value());
  EXPECT_EQ((*d)->typed->browser, "b1");
  EXPECT_EQ((*d)->typed->typed_at, 2000);
  // Another browser's clock is not compared: its save is kept, whatever it says.
  auto other = (*s)->save_draft("eve", "why-stalin-won", "from the laptop", DraftClock{"b2", 10});
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->kept);
  // Nor is a save that does not say when it was typed (an API client).
  auto api = (*s)->save_draft("eve", "why-stalin-won", "from a script");
  ASSERT_TRUE(api.ok());
  EXPECT_TRUE(api->kept);
  EXPECT_FALSE((*(*s)->draft("eve", "why-stalin-won"))->typed.has_value());
  // The same typing time (the same text sent twice) is kept.
  ASSERT_TRUE((*s)->save_draft("eve", "why-stalin-won", "again", DraftClock{"b1", 3000})->kept);
  EXPECT_TRUE((*s)->save_draft("eve", "why-stalin-won", "again", DraftClock{"b1", 3000})->kept);
}

TEST(Store, ForgetDeletesEverythingAboutOneStudentAndSaysHowMuch) {
  ScratchFolder dir;
  auto s = Store::open(dir.path() + "/a.db");
  ASSERT_TRUE(s.ok());
  auto a = (*s)->add_attempt(sample("cat"));
  ASSERT_TRUE((*s)->add_attempt(sample("cat")).ok());
  ASSERT_TRUE((*s)->add_attempt(sample("dev")).ok());
  ASSERT_TRUE((*s)->save_draft("cat", "why-stalin-won", "x").ok());
  ASSERT_TRUE((*s)->add_to_class("10B", "why-stalin-won", a->id).ok());
  ASSERT_TRUE((*s)->set_override(a->id, 5, 2, "generous").ok());
  auto c = (*s)->forget("cat");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->attempts, 2);
  EXPECT_EQ(c->drafts, 1);
  EXPECT_EQ(c->class_entries, 1);
  EXPECT_FALSE(*(*s)->has_student("cat"));
  EXPECT_EQ((*s)->attempts("dev")->size(), 1u);
  EXPECT_EQ(raw_int((*s)->path(), "SELECT count(*) FROM overrides"), 0);
}

TEST(Store, OverrideKeepsTheEnginesMarkBeside) {
  ScratchFolder dir;
  auto s = Store::open(dir.path() + "/a.db");
  ASSERT_TRUE(s.ok());
  auto a = (*s)->add_attempt(sample("eve", "why-stalin-won", 7));
  ASSERT_TRUE((*s)->set_override(a->id, 9, 3, "good use of dates").ok());
  auto back = (*s)->attempt(a->id);
  ASSERT_TRUE(back.ok() && back->has_value());
  EXPECT_EQ((*back)->mark, 7);
  ASSERT_TRUE((*back)->override_mark);
  EXPECT_EQ((*back)->final_mark(), 9);
  EXPECT_EQ((*back)->override_mark->note, "good use of dates");
}

TEST(Store, ClassEntriesAreTheNewestAttemptOfEachStudentOnce) {
  ScratchFolder dir;
  auto s = Store::open(dir.path() + "/a.db");
  ASSERT_TRUE(s.ok());
  auto a1 = (*s)->add_attempt(sample("fay"));
  auto a2 = (*s)->add_attempt(sample("fay"));
  auto b1 = (*s)->add_attempt(sample("gus"));
  EXPECT_TRUE(*(*s)->add_to_class("10B", "why-stalin-won", a1->id));
  EXPECT_FALSE(*(*s)->add_to_class("10B", "why-stalin-won", a1->id));  // again: no duplicate
  ASSERT_TRUE((*s)->add_to_class("10B", "why-stalin-won", a2->id).ok());
  ASSERT_TRUE((*s)->add_to_class("10B", "why-stalin-won", b1->id).ok());
  auto e = (*s)->class_entries("10B", "why-stalin-won");
  ASSERT_TRUE(e.ok());
  ASSERT_EQ(e->size(), 2u);
  EXPECT_EQ((*e)[0].student, "fay");
  EXPECT_EQ((*e)[0].attempt, a2->id);
  EXPECT_EQ(*(*s)->classes(), std::vector<std::string>{"10B"});
  EXPECT_EQ(*(*s)->class_prompts("10B"), std::vector<std::string>{"why-stalin-won"});
}

// ---- migrations ----

TEST(StoreMigration, FromAnEmptyFile) {
  ScratchFolder dir;
  std::string path = dir.add("empty.db", "");
  auto s = Store::open(path);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(raw_int(path, "PRAGMA user_version"), kSchemaVersion);
  ASSERT_TRUE((*s)->add_attempt(sample("new")).ok());
}

// The tables of schema version 1, as an Essay Coach of that version wrote them.
constexpr const char* kVersionOneTables =
    "CREATE TABLE students (id TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL);"
    "CREATE TABLE attempts (id INTEGER PRIMARY KEY, student TEXT NOT NULL REFERENCES students(id) ON DELETE "
    "CASCADE, prompt TEXT NOT NULL, answer TEXT NOT NULL, answer_hash TEXT NOT NULL, report TEXT NOT NULL, "
    "mark INTEGER NOT NULL, level INTEGER, seconds INTEGER, self_assessment TEXT, rubric_hash TEXT NOT NULL, "
    "source TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL);"
    "CREATE INDEX attempts_by_student ON attempts(student, prompt, id);"
    "CREATE TABLE drafts (student TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE, prompt TEXT NOT "
    "NULL, text TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (student, prompt));";

// A database as an older Essay Coach left it (`sql`), opened by this one: migrated to kSchemaVersion.
std::unique_ptr<Store> open_old(const std::string& path, const std::string& sql) {
  raw_exec(path, sql);
  auto s = Store::open(path);
  EXPECT_TRUE(s.ok()) << s.error().message;
  if (!s.ok()) return nullptr;
  EXPECT_EQ(raw_int(path, "PRAGMA user_version"), kSchemaVersion);
  return std::move(*s);
}

TEST(StoreMigration, FromVersionOneKeepsItsAttempts) {
  ScratchFolder dir;
  auto s = open_old(dir.path() + "/v1.db",
                    std::string(kVersionOneTables) +
                        "INSERT INTO students VALUES ('old', '2026-01-01T00:00:00Z');"
                        "INSERT INTO attempts(student, prompt, answer, answer_hash, report, mark, level, rubric_hash, "
                        "created_at) VALUES ('old', 'why-stalin-won', 'An old answer.', 'h', '{}', 4, 2, 'r', "
                        "'2026-01-01T00:00:00Z');"
                        "PRAGMA application_id = 1162047329; PRAGMA user_version = 1;");
  ASSERT_NE(s, nullptr);
  auto old = s->attempts("old");
  ASSERT_TRUE(old.ok());
  ASSERT_EQ(old->size(), 1u);
  EXPECT_EQ((*old)[0].answer, "An old answer.");
  // What version 2 added works on the migrated file.
  ASSERT_TRUE(s->set_override((*old)[0].id, 5, 2, "").ok());
  ASSERT_TRUE(s->add_to_class("9A", "why-stalin-won", (*old)[0].id).ok());
}

TEST(StoreMigration, FromVersionTwoKeepsItsDraftsWithoutATypingTime) {
  ScratchFolder dir;
  auto s = open_old(dir.path() + "/v2.db",
                    std::string(kVersionOneTables) +
                        "CREATE TABLE classes (name TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL);"
                        "CREATE TABLE class_attempts (class TEXT NOT NULL REFERENCES classes(name) ON DELETE CASCADE, prompt TEXT "
                        "NOT NULL, attempt INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE, student TEXT NOT NULL, "
                        "added_at TEXT NOT NULL, PRIMARY KEY (class, prompt, attempt));"
                        "CREATE TABLE class_problems (class TEXT NOT NULL REFERENCES classes(name) ON DELETE CASCADE, prompt TEXT "
                        "NOT NULL, source TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (class, prompt, source));"
                        "CREATE TABLE overrides (attempt INTEGER PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE, mark "
                        "INTEGER NOT NULL, level INTEGER, note TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL);"
                        "INSERT INTO students VALUES ('old', '2026-01-01T00:00:00Z');"
                        "INSERT INTO drafts VALUES ('old', 'why-stalin-won', 'half an old answer', '2026-01-01T00:00:00Z');"
                        "PRAGMA application_id = 1162047329; PRAGMA user_version = 2;");
  ASSERT_NE(s, nullptr);
  auto d = s->draft("old", "why-stalin-won");
  ASSERT_TRUE(d.ok() && d->has_value());
  EXPECT_EQ((*d)->text, "half an old answer");
  EXPECT_FALSE((*d)->typed.has_value());
  // The first save that says when it was typed replaces it.
  auto next = s->save_draft("old", "why-stalin-won", "half an old answer, and more", DraftClock{"b", 5});
  ASSERT_TRUE(next.ok());
  EXPECT_TRUE(next->kept);
}

TEST(StoreMigration, ANewerVersionIsRefusedAndLeftAsItIs) {
  ScratchFolder dir;
  std::string path = dir.path() + "/future.db";
  raw_exec(path, "CREATE TABLE t(x); PRAGMA application_id = 1162047329; PRAGMA user_version = 99;");
  auto before = ec::testing::read_file(path);
  auto s = Store::open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("newer Essay Coach"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find(path), std::string::npos);
  EXPECT_EQ(ec::testing::read_file(path), before);
}

// ---- bad files ----

TEST(StoreBadFile, NotSqliteIsAClearErrorAndTheFileIsNeverOverwritten) {
  ScratchFolder dir;
  std::string text(8192, 'x');
  std::string path = dir.add("notes.db", "These are my history notes, not a database.\n" + text);
  auto before = ec::testing::read_file(path);
  auto s = Store::open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::storage);
  EXPECT_NE(s.error().message.find(path), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("not an SQLite database"), std::string::npos) << s.error().message;
  EXPECT_EQ(ec::testing::read_file(path), before);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(StoreBadFile, DamagedDatabaseIsAClearErrorAndLeftAsItIs) {
  ScratchFolder dir;
  std::string path = dir.path() + "/damaged.db";
  {
    auto s = Store::open(path);
    ASSERT_TRUE(s.ok());
    for (int i = 0; i < 50; ++i) ASSERT_TRUE((*s)->add_attempt(sample("s" + std::to_string(i))).ok());
  }
  // Checkpointed into the main file; now scribble over its pages after the header.
  std::string bytes = ec::testing::read_file(path);
  ASSERT_GT(bytes.size(), 8192u);
  for (std::size_t i = 4096; i < bytes.size(); i += 7) bytes[i] = static_cast<char>(0xA5);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  std::ofstream(path, std::ios::binary) << bytes;
  auto s = Store::open(path);
  Result<std::vector<Attempt>> read = s.ok() ? (*s)->attempts("s1") : Result<std::vector<Attempt>>(s.error());
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().kind, ErrorKind::storage);
  EXPECT_NE(read.error().message.find(path), std::string::npos) << read.error().message;
  EXPECT_EQ(ec::testing::read_file(path), bytes);
}

TEST(StoreBadFile, AnotherProgramsDatabaseIsRefused) {
  ScratchFolder dir;
  std::string path = dir.path() + "/other.db";
  raw_exec(path, "CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES ('soup');");
  auto s = Store::open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("another program"), std::string::npos) << s.error().message;
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM recipes"), 1);
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM sqlite_master WHERE name = 'attempts'"), 0);
}

TEST(StoreBadFile, LockedDatabaseIsAClearErrorAfterTheBusyTimeout) {
  ScratchFolder dir;
  std::string path = dir.path() + "/locked.db";
  auto s = Store::open(path);
  ASSERT_TRUE(s.ok());
  // Another connection holds the write lock for longer than the busy timeout.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO students VALUES ('x', 'y');", nullptr, nullptr, nullptr),
            SQLITE_OK);
  auto r = (*s)->add_attempt(sample("zed"));
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("locked by another program"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find(path), std::string::npos);
  // Nothing half-written; it saves once the lock is gone.
  EXPECT_TRUE((*s)->attempts("zed")->empty());
  EXPECT_TRUE((*s)->add_attempt(sample("zed")).ok());
}

// ---- processes ----

// Saves `count` attempts as `student` in a child process; returns its pid.
pid_t spawn_saver(const std::string& path, const std::string& student, int count) {
  pid_t pid = fork();
  if (pid == 0) {
    auto s = Store::open(path);
    if (!s.ok()) _exit(10);
    for (int i = 0; i < count; ++i)
      if (!(*s)->add_attempt(sample(student, "why-stalin-won", i % 13)).ok()) _exit(11);
    _exit(0);
  }
  return pid;
}

TEST(StoreProcesses, TwoProcessesSavingAtOnceBothSucceed) {
  ScratchFolder dir;
  std::string path = dir.path() + "/shared.db";
  ASSERT_TRUE(Store::open(path).ok());
  pid_t a = spawn_saver(path, "left", 150);
  pid_t b = spawn_saver(path, "right", 150);
  int sa = 0, sb = 0;
  waitpid(a, &sa, 0);
  waitpid(b, &sb, 0);
  ASSERT_TRUE(WIFEXITED(sa) && WEXITSTATUS(sa) == 0) << "status " << sa;
  ASSERT_TRUE(WIFEXITED(sb) && WEXITSTATUS(sb) == 0) << "status " << sb;
  auto s = Store::open(path);
  EXPECT_EQ((*s)->attempts("left")->size(), 150u);
  EXPECT_EQ((*s)->attempts("right")->size(), 150u);
}

TEST(StoreProcesses, WriterKilledMidWriteLeavesNothingHalfWritten) {
  ScratchFolder dir;
  std::string path = dir.path() + "/killed.db";
  ASSERT_TRUE(Store::open(path).ok());
  for (int round = 0; round < 3; ++round) {
    pid_t pid = spawn_saver(path, "k" + std::to_string(round), 1000000);
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + 70 * round));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
  }
  EXPECT_EQ(raw_text(path, "PRAGMA integrity_check"), "ok");
  auto s = Store::open(path);
  ASSERT_TRUE(s.ok()) << s.error().message;
  int total = 0;
  for (int round = 0; round < 3; ++round) {
    auto all = (*s)->attempts("k" + std::to_string(round));
    ASSERT_TRUE(all.ok());
    total += static_cast<int>(all->size());
    for (const auto& a : *all) {
      // Every stored attempt is whole: its report parses and carries its mark; its student exists.
      auto j = nlohmann::json::parse(a.report_json, nullptr, false);
      ASSERT_FALSE(j.is_discarded());
      EXPECT_EQ(j["mark"], a.mark);
      EXPECT_EQ(a.answer, sample("x").answer);
    }
  }
  EXPECT_GT(total, 0);
  EXPECT_EQ(raw_int(path, "SELECT count(*) FROM attempts WHERE student NOT IN (SELECT id FROM students)"), 0);
}

}  // namespace
}  // namespace ec::store
