// The store: one SQLite file (SQLiteCpp) holding students, their attempts with the report each got,
// autosaved drafts, classes and teachers' overrides. The schema and its migrations are at the top of
// store.cc. Entry points: Store::open(), default_db_path().
//
// Every write is one transaction; WAL and a busy timeout let two processes save at once. Errors
// cross the border as values (ErrorKind::storage) that name the file and say what to do next.
// A Store is safe to share between threads (calls are serialised).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace ec::store {

// The schema version this build writes (PRAGMA user_version).
inline constexpr int kSchemaVersion = 3;

// Where the database is when no --db is given: $ESSAYCOACH_DB, else
// $XDG_DATA_HOME/essaycoach/essaycoach.db, else ~/.local/share/essaycoach/essaycoach.db.
std::string default_db_path();

// A hex digest of text (FNV-1a, 64 bits): answers are keyed by content, rubric sets by content.
std::string content_hash(std::string_view text);

// The student's own view of an attempt, given before the mark is shown.
struct SelfAssessment {
  std::optional<int> level;              // the level they think they reached
  std::vector<std::string> factors;      // factor ids they think they explained
};

// What a teacher decided instead of the engine's suggestion.
struct Override {
  int mark = 0;
  std::optional<int> level;
  std::string note;
  std::string created_at;
};

struct NewAttempt {
  std::string student;
  std::string prompt;
  std::string answer;        // UTF-8, exactly as marked
  std::string report_json;   // the report of `essaycoach mark --format json`
  int mark = 0;
  std::optional<int> level;  // null for points-based schemes
  std::optional<int> seconds;
  std::optional<SelfAssessment> self_assessment;
  std::string rubric_hash;   // content hash of the rubrics it was marked with
  std::string source;        // where it came from: "web", "cli", a file name (classes)
};

struct Attempt : NewAttempt {
  std::int64_t id = 0;
  int number = 0;            // 1, 2, 3 … within this student and prompt
  std::string answer_hash;
  std::string created_at;    // UTC, ISO 8601
  std::optional<Override> override_mark;
  // The mark and level that count: the teacher's where there is an override.
  int final_mark() const { return override_mark ? override_mark->mark : mark; }
  std::optional<int> final_level() const { return override_mark ? override_mark->level : level; }
};

// When a draft's text was typed, by the clock of the browser that typed it. Saves from one browser
// are kept in typing order: an autosave that was still in flight when a newer one (or the page's last
// save on leaving) reached the server must not overwrite it. Clocks of different browsers are never
// compared: between browsers the last save to arrive wins.
struct DraftClock {
  std::string browser;        // a random id the browser keeps (1–100 bytes)
  std::int64_t typed_at = 0;  // milliseconds since 1970 by that browser's clock
};

struct Draft {
  std::string text;
  std::string updated_at;            // when the server stored it (UTC, ISO 8601)
  std::optional<DraftClock> typed;   // none for saves that did not say (older pages, API clients)
};

// What save_draft did: kept the text, or refused it as older than the stored one from the same browser.
struct DraftSave {
  Draft draft;        // the draft as stored now
  bool kept = true;
};

struct ForgetCounts {
  int attempts = 0;
  int drafts = 0;
  int class_entries = 0;
};

struct ClassEntry {
  std::string student;
  std::int64_t attempt = 0;
};

// An answer of a class run that could not be marked (unreadable, undecodable), and why.
struct ClassProblem {
  std::string source;
  std::string reason;
};

// Is this student id acceptable (as typed, or taken from a file name)? Empty when yes, else why not:
// 1–100 bytes of UTF-8 text without control characters, '/' or '\\', and not "." or "..".
std::string check_student_id(const std::string& id);

class Store {
 public:
  // Opens (creating it and its folder if missing) and migrates to kSchemaVersion. A file that is not
  // an Essay Coach database, a damaged one, or one from a newer version is an error and is left as it is.
  static Result<std::unique_ptr<Store>> open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }

  // Students are created on their first attempt or draft.
  Result<bool> has_student(const std::string& student);
  Result<std::vector<std::string>> students();

  // Stores the attempt (and its student) in one transaction and gives it back as stored.
  Result<Attempt> add_attempt(const NewAttempt& attempt);
  // A student's attempts, oldest first (all prompts, or one).
  Result<std::vector<Attempt>> attempts(const std::string& student, const std::string& prompt = "");
  Result<std::optional<Attempt>> attempt(std::int64_t id);
  // The newest attempt of this student at this prompt with exactly this answer text, if any.
  Result<std::optional<Attempt>> find_attempt(const std::string& student, const std::string& prompt,
                                              const std::string& answer_hash);

  // Replaces the draft, unless `typed` says it was typed before the stored one by the same browser.
  Result<DraftSave> save_draft(const std::string& student, const std::string& prompt, const std::string& text,
                               const std::optional<DraftClock>& typed = std::nullopt);
  Result<std::optional<Draft>> draft(const std::string& student, const std::string& prompt);
  // Every draft of a student: (prompt, draft), by prompt.
  Result<std::vector<std::pair<std::string, Draft>>> drafts(const std::string& student);

  // Deletes everything stored about a student; says how much.
  Result<ForgetCounts> forget(const std::string& student);

  // Classes: an attempt joins a class for a prompt (once); overrides keep the engine's mark beside.
  Result<bool> add_to_class(const std::string& class_name, const std::string& prompt, std::int64_t attempt);
  Result<std::vector<ClassEntry>> class_entries(const std::string& class_name, const std::string& prompt);
  Result<std::vector<std::string>> class_prompts(const std::string& class_name);  // newest use first
  Result<std::vector<std::string>> classes();
  // The answers of the last `class mark` run of this class and prompt that could not be marked.
  Result<bool> set_class_problems(const std::string& class_name, const std::string& prompt,
                                  const std::vector<ClassProblem>& problems);
  Result<std::vector<ClassProblem>> class_problems(const std::string& class_name, const std::string& prompt);
  Result<Override> set_override(std::int64_t attempt, int mark, std::optional<int> level, const std::string& note);

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl, std::string path);
  std::unique_ptr<Impl> impl_;
  std::string path_;
};

}  // namespace ec::store
