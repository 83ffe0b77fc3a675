// A class's marked homework, read from the store (never re-marked): the class sheet (spread of
// levels and marks, coverage of each factor, date and term, least covered first, errors and
// misconceptions with counts and an anonymised example, misspelt key words, exemplar paragraphs,
// students grouped by next step, answers that could not be read), a slip per student, the markbook.
// Entry points: class_summary(), class_sheet_html(), slip_html(), slip_markdown(), markbook_csv(), class_json().
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/coach.h"
#include "store/store.h"

namespace ec::report {

struct ClassSummary {
  std::string class_name;
  std::string prompt, question;
  int marks_available = 0;
  bool levels = true;  // false for points-based schemes

  struct Student {
    store::Attempt attempt;
    nlohmann::json report;
  };
  std::vector<Student> students;  // by student id

  std::map<int, int> level_counts;  // final level -> students
  std::map<int, int> mark_counts;   // final mark -> students
  double mean_mark = 0;

  struct Coverage {
    std::string kind;   // factor, date, term
    std::string id, label;
    int covered = 0;    // students who named it / used it / gave the date
    int explained = 0;  // factors: explained; dates: given correctly
  };
  std::vector<Coverage> coverage;  // least covered first

  struct Issue {
    std::string kind;     // factual-error, misconception
    std::string message;
    int count = 0;
    std::string example;  // one student's words, without their name
  };
  std::vector<Issue> issues;  // most frequent first

  struct Misspelt {
    std::string correct;
    std::vector<std::string> forms;
    int students = 0;
  };
  std::vector<Misspelt> misspelt;

  struct Exemplar {
    std::string text;
    std::string point;  // the factor it makes
    int mark = 0;
  };
  std::vector<Exemplar> exemplars;  // at most 2, from different students

  struct Group {
    std::string code, text, how;
    std::vector<std::string> students;
  };
  std::vector<Group> next_steps;

  std::vector<store::ClassProblem> problems;
};

// The newest attempt of every student of the class at this prompt, with the problems of the last run.
Result<ClassSummary> class_summary(store::Store& store, const Coach& coach, const std::string& class_name,
                                   const std::string& prompt);

// A file name for a student's slip that stays inside its folder whatever the id ("../x" -> "_.._x-<hash>").
std::string slip_file_name(const std::string& student);

// Views. `standalone` HTML carries its own CSS (files); otherwise it links the web app's.
std::string class_sheet_body(const ClassSummary& s, const std::string& slip_link_prefix);
std::string class_sheet_html(const ClassSummary& s, bool standalone);
std::string slip_html(const ClassSummary::Student& s, const Coach& coach, bool standalone);
std::string slips_html(const ClassSummary& s, const Coach& coach);  // every slip, one a page
std::string slip_markdown(const ClassSummary::Student& s, const Coach& coach);
std::string markbook_csv(const ClassSummary& s, bool bom);
nlohmann::ordered_json class_json(const ClassSummary& s);

}  // namespace ec::report
