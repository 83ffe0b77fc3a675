// The compiled, immutable model of rubrics, prompts and mark schemes that marking reads:
// Factor, Term, Event, Misconception, MarkScheme, Prompt, and the Library that holds them all.
// Built by load_library() (parse.cc + compile.cc); shared read-only across every answer marked.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "match/pattern.h"

namespace ec::rubric {

// Where a declaration or statement stands in its file, for messages to rubric authors.
struct Place {
  std::string file;
  int line = 0;
  int column = 0;
};

// A pattern with the scope it is matched in.
struct Rule {
  match::Pattern pattern;
  match::Scope scope = match::Scope::sentence;
  Place place;
};

struct Example {
  bool hit = true;  // must match (hit) or must not (miss)
  std::string text;
  Place place;
};

struct Factor {
  std::string id, label;
  std::vector<int> cards;
  std::vector<Rule> names;    // any names the factor
  std::vector<Rule> explain;  // supporting detail that explains it
  std::string hint, praise;
  std::string side;  // for "how far" questions: the side of the argument it supports (empty: none)
  std::vector<Example> examples;
  std::string rubric;  // id of the rubric it belongs to
  Place place;
};

struct Term {
  std::string id, term, definition;
  std::vector<int> cards;
  std::vector<Rule> names;
  std::vector<Example> examples;
  std::string rubric;
  Place place;
};

struct Event {
  std::string id, what;
  int year_from = 0, year_to = 0;  // equal for a single year
  std::vector<int> cards;
  std::vector<Rule> names;
  std::vector<Example> examples;
  std::string rubric;
  Place place;
};

struct Misconception {
  std::string id, claim_text, correction;
  std::vector<int> cards;
  std::vector<Rule> claims;
  std::vector<Example> examples;
  std::string rubric;
  Place place;
};

// Language the marker looks for whatever the topic: causal links, judgements, narrative markers.
// The marking engine knows signals by id (see rubrics/README.md); their wording lives in rubrics.
struct Signal {
  std::string id, label;
  std::vector<Rule> names;
  std::vector<Example> examples;
  std::string rubric;
  Place place;
};

// A condition over what marking measured (see rubrics/README.md): a small expression tree.
struct Condition {
  enum class Op { always, measure, compare, and_, or_, not_ };
  enum class Cmp { ge, gt, le, lt, eq, ne };
  Op op = Op::always;
  std::string measure;  // for measure / compare
  Cmp cmp = Cmp::ge;
  double value = 0;
  std::vector<Condition> operands;  // for and_ / or_ / not_
};

struct Level {
  int number = 0;
  int min_mark = 0, max_mark = 0;
  std::string descriptor;
  Condition when;  // Op::always when the file gives none
  // Where the mark goes within the range: the bottom when `bottom` holds, else the top when `top`
  // holds, else the middle. A level without them uses the built-in rule (marker placement.cc).
  std::optional<Condition> top, bottom;
  Place place;
};

struct Cap {
  int max_mark = 0;
  Condition when;
  std::string reason;
  Place place;
};

// A points-based award: `points` for each unit of `measure`, at most `max_points` (0: no limit).
struct Award {
  int points = 1;
  std::string measure;
  int max_points = 0;
  std::string reason;
  Place place;
};

struct MarkScheme {
  std::string id, title;
  int marks = 0;
  std::vector<Level> levels;  // highest level first; empty for a points-based scheme
  std::vector<Award> awards;  // points-based marking (describe two features): used when no levels
  std::vector<Cap> caps;
  std::optional<int> exam_year;
  Place place;
};

struct Stimulus {
  std::string factor;  // a factor id
  std::string text;
};

struct Prompt {
  std::string id, question;
  std::string topic;   // what the questions are grouped under ("The power struggle, 1924–28")
  int marks = 0;
  std::string scheme;  // a MarkScheme id
  int minutes = 0;
  std::vector<Stimulus> stimulus;
  std::vector<std::string> uses;  // rubric ids
  Place place;
};

// Everything loaded from the rubric folders, compiled and cross-checked. Immutable once built.
struct Library {
  std::map<std::string, Prompt> prompts;
  std::map<std::string, MarkScheme> schemes;
  // rubric id -> its declarations, in file order
  struct RubricFile {
    std::string id, path;
    std::vector<Factor> factors;
    std::vector<Term> terms;
    std::vector<Event> events;
    std::vector<Misconception> misconceptions;
    std::vector<Signal> signals;
  };
  std::map<std::string, RubricFile> rubrics;
};

// The names of the measures a CONDITION may use (checked at compile time).
const std::vector<std::string>& known_measures();

// Does the scheme read this measure anywhere (a level's condition, where the mark goes within it, a
// cap)? Feedback and the next step ask for what the scheme rewards, and only that.
bool scheme_reads(const MarkScheme& scheme, const std::string& measure);

// Revision cards are numbered 1..card_count (../shared/cards/ussr-1924-1941.txt).
inline constexpr int card_count = 27;

// ---- loading (compile.cc) ----

// Everything found under `paths` (folders are walked recursively for *.rubric, *.scheme and
// *.prompt; files are taken as they are), in sorted path order: the library when there was no
// author error, and every author error found (parse errors, pattern errors, cross-checks), each
// with file:line:col and an excerpt (the line and a caret).
struct LoadReport {
  std::optional<Library> library;
  std::vector<Error> errors;
  std::vector<std::string> files;  // the files read, sorted
  bool from_cache = false;         // read back compiled (rubric/library_cache.h), not compiled now
};
LoadReport check_library(const std::vector<std::string>& paths);

// The same, giving the first author error only. A rubric's id is its file name without extension.
Result<Library> load_library(const std::vector<std::string>& dirs);

// The bundled folders: <data>/rubrics and <data>/prompts, where <data> is $ESSAYCOACH_DATA_DIR, or
// else the source tree (when it exists), or else the installed share folder.
std::vector<std::string> default_rubric_dirs();

// ---- embedded examples (compile.cc) ----

// An example that did not do what it says: a hit whose rule did not match, or a miss that did.
struct ExampleFailure {
  Place place;          // of the `example` statement
  std::string kind;     // factor, term, event, misconception
  std::string rule_id;
  std::string message;  // "expected factor general-secretary to match, it did not"
  std::string located() const {
    return place.file + ":" + std::to_string(place.line) + ":" + std::to_string(place.column) + ": " +
           message;
  }
};

// Run every example of every rule (names for factors, terms and events; claims for
// misconceptions) through text::Document and the rule's patterns. Sorted by file and line.
std::vector<ExampleFailure> run_examples(const Library& library);

// How many examples the library holds.
int count_examples(const Library& library);

}  // namespace ec::rubric
