// The syntax tree of a rubric file, as written: declarations (factor, term, event, misconception,
// signal, scheme, prompt) with their statements, each where it stands in its file; patterns are kept as the
// author's raw text. Entry points: parse() (grammar.cc), parse_file(), print() (print.cc).
// Two trees compare equal when they say the same thing: places (and comments) are ignored.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.h"
#include "match/pattern.h"
#include "rubric/rubric.h"

namespace ec::rubric::ast {

// A place that every comparison ignores, so that a reformatted file gives an equal tree.
struct At : Place {
  bool operator==(const At&) const { return true; }
};

template <class T>
struct Located {
  T value{};
  At place;
  bool operator==(const Located&) const = default;
};

// A pmatch expression exactly as written (it may span lines), placed at its first character.
struct PatternText {
  std::string source;
  match::Scope scope = match::Scope::sentence;  // `within paragraph` / `within answer` (response)
  At place;
  bool operator==(const PatternText&) const = default;
};

struct Example {
  bool hit = true;
  std::string text;
  At place;
  bool operator==(const Example&) const = default;
};

// A CONDITION of a level or a cap: `or`/`and` hold two or more operands, `not` one.
struct Condition {
  using Op = rubric::Condition::Op;    // always is not used in the tree
  using Cmp = rubric::Condition::Cmp;
  Op op = Op::measure;
  std::string measure;  // measure / compare
  Cmp cmp = Cmp::ge;    // compare
  double value = 0;     // compare
  std::vector<Condition> operands;
  At place;
  bool operator==(const Condition&) const = default;
};

struct Factor {
  std::string id, label;
  std::vector<Located<int>> cards;  // every `cards` statement's numbers, in order
  std::vector<PatternText> names, explain;
  std::optional<Located<std::string>> hint, praise;
  std::optional<Located<std::string>> side;  // for "how far" questions: which side of the argument
  std::vector<Example> examples;
  At place;
  bool operator==(const Factor&) const = default;
};

struct Term {
  std::string id, term, definition;
  std::vector<Located<int>> cards;
  std::vector<PatternText> names;
  std::vector<Example> examples;
  At place;
  bool operator==(const Term&) const = default;
};

struct Event {
  std::string id;
  int year_from = 0, year_to = 0;  // equal for a single year
  std::string what;                // may be empty: `event ID 1923 { … }`
  std::vector<Located<int>> cards;
  std::vector<PatternText> names;
  std::vector<Example> examples;
  At place;
  bool operator==(const Event&) const = default;
};

struct Misconception {
  std::string id, claim_text;
  std::vector<Located<int>> cards;
  std::vector<PatternText> claims;
  std::optional<Located<std::string>> correction;
  std::vector<Example> examples;
  At place;
  bool operator==(const Misconception&) const = default;
};

struct Signal {
  std::string id, label;
  std::vector<PatternText> names;
  std::vector<Example> examples;
  At place;
  bool operator==(const Signal&) const = default;
};

struct Award {
  int points = 1;
  std::string measure;
  int max_points = 0;  // 0: no `max`
  std::string reason;
  At place;
  bool operator==(const Award&) const = default;
};

struct Level {
  int number = 0, min_mark = 0, max_mark = 0;
  std::string descriptor;
  std::optional<Condition> when;
  std::optional<Condition> top, bottom;  // `top when …` / `bottom when …`: where in the range it goes
  At place;
  bool operator==(const Level&) const = default;
};

struct Cap {
  int max_mark = 0;
  Condition when;
  std::string reason;
  At place;
  bool operator==(const Cap&) const = default;
};

struct Scheme {
  std::string id, title;
  std::optional<Located<int>> marks;
  std::vector<Level> levels;  // in file order
  std::vector<Award> awards;
  std::vector<Cap> caps;
  std::optional<Located<int>> exam_year;
  At place;
  bool operator==(const Scheme&) const = default;
};

struct Stimulus {
  std::string factor, text;  // text may be empty
  At place;
  bool operator==(const Stimulus&) const = default;
};

struct Prompt {
  std::string id;
  std::optional<Located<std::string>> question;
  std::optional<Located<std::string>> topic;
  std::optional<Located<int>> marks;
  std::optional<Located<std::string>> scheme;
  std::optional<Located<int>> minutes;
  std::vector<Stimulus> stimulus;
  std::vector<Located<std::string>> uses;
  At place;
  bool operator==(const Prompt&) const = default;
};

using Declaration = std::variant<Factor, Term, Event, Misconception, Signal, Scheme, Prompt>;

struct File {
  std::string path;
  std::vector<Declaration> declarations;
  std::shared_ptr<const std::string> text;  // the source, for excerpts (not compared)
  bool operator==(const File& o) const { return declarations == o.declarations; }
};

// Parse a whole file. `path` names it in places and errors. Errors are ErrorKind::rubric with
// file:line:col (col in characters) and an excerpt: the offending line, then a caret line.
Result<File> parse(std::string_view text, const std::string& path);
// Read and parse; an unreadable file is an ErrorKind::usage error naming it.
Result<File> parse_file(const std::string& path);

// The canonical form: declarations in file order separated by a blank line, statements in a fixed
// order, two-space indent, strings escaped, patterns as written, comments dropped.
std::string print(const File& file);
std::string print(const Declaration& declaration);

// The offending line of `text` and a caret under column `column` (characters), for Error::excerpt.
std::string excerpt_at(std::string_view text, int line, int column);

}  // namespace ec::rubric::ast
