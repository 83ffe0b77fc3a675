// `essaycoach class mark|override|report`: a teacher pre-marks a whole class's homework in one
// command (every core), keeps every attempt in the store (no duplicates on a re-run: answers are
// keyed by content), and gets the class sheet, a slip per student and the markbook; overrides keep
// the engine's suggestion beside the teacher's mark; `class report` rewrites everything from the store.
// Exit codes: 0 done; 2 usage or rubric error; 3 an answer or the database could not be used.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include "cli/commands.h"
#include "cli/library.h"
#include "mark/spelling.h"
#include "report/class_report.h"
#include "text/input.h"

namespace ec::cli {
namespace {

namespace fs = std::filesystem;

struct ClassArgs {
  std::string prompt;
  std::string class_name;
  std::vector<std::string> inputs;
  std::string out;
  std::string db;
  std::string format = "html";
  std::string student;
  std::string note;
  int mark = -1;
  int level = -1;
  int jobs = 0;
  bool bom = false;
  std::size_t max_bytes = 1 << 20;
  std::vector<std::string> rubric_dirs;
};

// One student's answer to mark: where it came from and its text (or why it cannot be read).
struct Item {
  std::string student;
  std::string source;
  std::string text;
  std::string problem;
  report::Marked marked;
  bool already = false;
  std::int64_t attempt = 0;
};

Item problem_item(std::string student, std::string source, std::string problem) {
  Item it;
  it.student = std::move(student);
  it.source = std::move(source);
  it.problem = std::move(problem);
  return it;
}

// Parses RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
      any = true;
    }
  }
  if (!field.empty() || !rows.back().empty() || any) rows.back().push_back(field);
  while (!rows.empty() && (rows.back().empty() || (rows.back().size() == 1 && rows.back()[0].empty()))) rows.pop_back();
  return rows;
}

void gather(const std::string& input, const text::InputLimits& limits, std::vector<Item>& items) {
  std::error_code ec;
  auto add_file = [&](const fs::path& p) {
    Item it;
    it.source = p.string();
    it.student = p.stem().string();
    if (auto why = store::check_student_id(it.student); !why.empty()) {
      it.problem = "the file name cannot be a student id: " + why;
    } else if (auto read = text::read_answer(p.string(), limits); !read) {
      it.problem = read.error().message;
    } else {
      it.text = std::move(read->utf8);
    }
    items.push_back(std::move(it));
  };
  if (fs::is_directory(input, ec)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(input, ec)) {
      auto name = e.path().filename().string();
      if (!e.is_regular_file(ec) || name.empty() || name[0] == '.') continue;
      files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      auto ext = f.extension().string();
      if (ext == ".txt" || ext == ".md" || ext == ".text") {
        add_file(f);
      } else {
        items.push_back(problem_item(f.stem().string(), f.string(), "skipped: not a .txt or .md file (save answers as plain text)"));
      }
    }
    return;
  }
  if (fs::path(input).extension() == ".csv") {
    auto read = text::read_answer(input, text::InputLimits{limits.max_bytes * 64});
    if (!read) {
      items.push_back(problem_item("", input, read.error().message));
      return;
    }
    auto rows = parse_csv(read->utf8);
    if (rows.empty() || rows[0].size() < 2) {
      items.push_back(problem_item("", input, "a class CSV needs a header row with the columns student,answer"));
      return;
    }
    std::size_t si = rows[0].size(), ai = rows[0].size();
    for (std::size_t i = 0; i < rows[0].size(); ++i) {
      if (rows[0][i] == "student") si = i;
      if (rows[0][i] == "answer") ai = i;
    }
    if (si == rows[0].size() || ai == rows[0].size()) {
      items.push_back(problem_item("", input, "a class CSV needs the columns student and answer in its header row"));
      return;
    }
    for (std::size_t r = 1; r < rows.size(); ++r) {
      Item it;
      it.source = input + ":" + std::to_string(r + 1);
      if (rows[r].size() <= std::max(si, ai)) {
        it.problem = "row " + std::to_string(r + 1) + " has too few columns";
      } else {
        it.student = rows[r][si];
        if (auto why = store::check_student_id(it.student); !why.empty()) it.problem = "student '" + it.student + "': " + why;
        else if (auto d = text::decode_answer(rows[r][ai], it.source, limits); !d) it.problem = d.error().message;
        else it.text = std::move(d->utf8);
      }
      items.push_back(std::move(it));
    }
    return;
  }
  if (!fs::exists(input, ec)) {
    items.push_back(problem_item("", input, "no such file or folder"));
    return;
  }
  add_file(fs::path(input));
}

// Writes `text` to `path` whole or not at all (a temporary file renamed over it).
bool write_whole(const fs::path& path, const std::string& text, std::ostream& err) {
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      err << "essaycoach class: cannot write " << path.string() << "\n";
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    err << "essaycoach class: cannot write " << path.string() << ": " << ec.message() << "\n";
    return false;
  }
  return true;
}

// class-sheet.html, slips/<student>.html and .md, slips.html (every slip, one a page), markbook.csv, class.json.
bool write_outputs(const report::ClassSummary& s, const report::Coach& coach, const fs::path& dir, bool bom, std::ostream& err) {
  std::error_code ec;
  fs::create_directories(dir / "slips", ec);
  if (ec) {
    err << "essaycoach class: cannot create " << (dir / "slips").string() << ": " << ec.message() << "\n";
    return false;
  }
  bool ok = write_whole(dir / "class-sheet.html", report::class_sheet_html(s, true), err);
  for (const auto& st : s.students) {
    auto name = report::slip_file_name(st.attempt.student);
    ok = write_whole(dir / "slips" / (name + ".html"), report::slip_html(st, coach, true), err) && ok;
    ok = write_whole(dir / "slips" / (name + ".md"), report::slip_markdown(st, coach), err) && ok;
  }
  ok = write_whole(dir / "slips.html", report::slips_html(s, coach), err) && ok;
  ok = write_whole(dir / "markbook.csv", report::markbook_csv(s, bom), err) && ok;
  ok = write_whole(dir / "class.json", report::class_json(s).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n", err) && ok;
  return ok;
}

std::string default_out(const std::string& class_name, const std::string& prompt) {
  return report::slip_file_name(class_name) + "-" + report::slip_file_name(prompt);
}

int run_class_mark(const ClassArgs& args) {
  mark::prepare_spell_checker();
  auto coach = load_coach_or_report(args.rubric_dirs, std::cerr);
  if (!coach) return 2;
  if (coach->prompt(args.prompt) == nullptr) {
    auto e = coach->mark(args.prompt, "", report::Source{});
    std::cerr << "essaycoach class mark: " << e.error().message << "\n";
    return 2;
  }
  if (auto why = store::check_student_id(args.class_name); !why.empty()) {
    std::cerr << "essaycoach class mark: the class name cannot be used (" << why << ")\n";
    return 2;
  }
  auto store = open_store_or_report(args.db, std::cerr);
  if (!store) return 3;

  text::InputLimits limits;
  limits.max_bytes = args.max_bytes;
  std::vector<Item> items;
  for (const auto& in : args.inputs) gather(in, limits, items);
  // One answer a student: a second one is listed as a problem.
  std::set<std::string> seen;
  for (auto& it : items)
    if (it.problem.empty() && !seen.insert(it.student).second) it.problem = "a second answer for student " + it.student + " (the first was marked)";
  // Already stored with exactly this text (a re-run): not marked again.
  for (auto& it : items) {
    if (!it.problem.empty()) continue;
    auto found = store->find_attempt(it.student, args.prompt, store::content_hash(it.text));
    if (!found) {
      std::cerr << "essaycoach class mark: " << found.error().message << "\n";
      return 3;
    }
    if (*found) {
      it.already = true;
      it.attempt = (*found)->id;
    }
  }

  // Mark on every core; each item is marked by exactly one thread.
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].problem.empty() && !items[i].already) todo.push_back(i);
  unsigned jobs = args.jobs > 0 ? static_cast<unsigned>(args.jobs) : std::max(1u, std::thread::hardware_concurrency());
  jobs = std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(1, todo.size())));
  std::atomic<std::size_t> next{0}, done{0};
  const bool bar = ::isatty(STDERR_FILENO) == 1;
  auto worker = [&] {
    for (std::size_t k; (k = next.fetch_add(1)) < todo.size();) {
      auto& it = items[todo[k]];
      auto m = coach->mark(args.prompt, it.text, report::Source{it.source, "UTF-8"});
      if (m) it.marked = std::move(*m);
      else it.problem = m.error().message;
      ++done;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned j = 1; j < jobs; ++j) pool.emplace_back(worker);
  if (bar) {
    std::thread progress([&] {
      while (done.load() < todo.size()) {
        std::cerr << "\rmarking " << done.load() << "/" << todo.size() << std::flush;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
    worker();
    for (auto& t : pool) t.join();
    progress.join();
    std::cerr << "\rmarking " << todo.size() << "/" << todo.size() << "\n";
  } else {
    worker();
    for (auto& t : pool) t.join();
  }

  // Store in input order: each attempt one transaction, then its place in the class.
  int added = 0, reused = 0;
  std::vector<store::ClassProblem> problems;
  for (auto& it : items) {
    if (!it.problem.empty()) {
      problems.push_back({it.source, it.problem});
      bool named = it.problem.rfind(it.source, 0) == 0;  // decode errors already name their file
      std::cerr << "essaycoach class mark: " << (named ? "" : it.source + ": ") << it.problem << "\n";
      continue;
    }
    if (!it.already) {
      store::NewAttempt n;
      n.student = it.student;
      n.prompt = args.prompt;
      n.answer = it.text;
      n.report_json = it.marked.report_json;
      n.mark = it.marked.mark;
      n.level = it.marked.level;
      n.rubric_hash = coach->rubric_hash();
      n.source = it.source;
      auto saved = store->add_attempt(n);
      if (!saved) {
        std::cerr << "essaycoach class mark: " << saved.error().message << "\n";
        return 3;
      }
      it.attempt = saved->id;
      ++added;
    } else {
      ++reused;
    }
    if (auto r = store->add_to_class(args.class_name, args.prompt, it.attempt); !r) {
      std::cerr << "essaycoach class mark: " << r.error().message << "\n";
      return 3;
    }
  }
  if (auto r = store->set_class_problems(args.class_name, args.prompt, problems); !r) {
    std::cerr << "essaycoach class mark: " << r.error().message << "\n";
    return 3;
  }
  auto summary = report::class_summary(*store, *coach, args.class_name, args.prompt);
  if (!summary) {
    std::cerr << "essaycoach class mark: " << summary.error().message << "\n";
    return 3;
  }
  fs::path dir = args.out.empty() ? default_out(args.class_name, args.prompt) : args.out;
  if (!write_outputs(*summary, *coach, dir, args.bom, std::cerr)) return 3;
  std::cout << "Class " << args.class_name << ", " << args.prompt << ": marked " << added << (added == 1 ? " answer" : " answers");
  if (reused) std::cout << " (" << reused << " already stored, not marked again)";
  if (!problems.empty()) std::cout << "; " << problems.size() << " could not be marked (listed in the class sheet)";
  std::cout << ".\n  " << (dir / "class-sheet.html").string() << "\n  " << (dir / "slips").string() << "/ (" << summary->students.size()
            << " slips; all in " << (dir / "slips.html").string() << ")\n  " << (dir / "markbook.csv").string() << "\n";
  return problems.empty() ? 0 : 3;
}

// The class's prompt: --prompt, else the one it was marked on most recently.
std::string class_prompt(store::Store& store, const ClassArgs& args, int& code) {
  if (!args.prompt.empty()) return args.prompt;
  auto prompts = store.class_prompts(args.class_name);
  if (!prompts) {
    std::cerr << "essaycoach class: " << prompts.error().message << "\n";
    code = 3;
    return {};
  }
  if (prompts->empty()) {
    std::cerr << "essaycoach class: no class '" << args.class_name << "' in " << store.path()
              << " (mark it first: essaycoach class mark --class NAME --prompt ID FOLDER)\n";
    code = 3;
    return {};
  }
  return prompts->front();
}

// What `class override` and `class report` work on: the coach, the store and the class's prompt.
struct ClassContext {
  std::shared_ptr<const report::Coach> coach;
  std::unique_ptr<store::Store> store;
  std::string prompt;
};

// Opens them, printing why not and setting `code` (2 rubric error, 3 store or class missing).
std::optional<ClassContext> open_class(const ClassArgs& args, int& code) {
  ClassContext c;
  c.coach = load_coach_or_report(args.rubric_dirs, std::cerr);
  if (!c.coach) {
    code = 2;
    return std::nullopt;
  }
  c.store = open_store_or_report(args.db, std::cerr);
  if (!c.store) {
    code = 3;
    return std::nullopt;
  }
  c.prompt = class_prompt(*c.store, args, code);
  if (c.prompt.empty()) return std::nullopt;
  return c;
}

int run_class_override(const ClassArgs& args) {
  int code = 0;
  auto ctx = open_class(args, code);
  if (!ctx) return code;
  auto& coach = ctx->coach;
  auto& store = ctx->store;
  const std::string& prompt = ctx->prompt;
  auto entries = store->class_entries(args.class_name, prompt);
  if (!entries) {
    std::cerr << "essaycoach class override: " << entries.error().message << "\n";
    return 3;
  }
  std::int64_t attempt = 0;
  for (const auto& e : *entries)
    if (e.student == args.student) attempt = e.attempt;
  if (attempt == 0) {
    std::cerr << "essaycoach class override: no student '" << args.student << "' in class " << args.class_name << " at " << prompt << "\n";
    return 3;
  }
  const auto* p = coach->prompt(prompt);
  int available = p ? p->marks : 0;
  if (args.mark < 0 || (available > 0 && args.mark > available)) {
    std::cerr << "essaycoach class override: --mark must be from 0 to " << available << "\n";
    return 2;
  }
  std::optional<int> level;
  if (args.level >= 0) level = args.level;
  const auto* scheme = p ? &coach->library().schemes.at(p->scheme) : nullptr;
  if (!level) level = coach->level_for(prompt, args.mark);
  if (level && scheme && !scheme->levels.empty()) {
    bool fits = *level == 0 ? args.mark == 0 : false;
    for (const auto& l : scheme->levels)
      if (l.number == *level && args.mark >= l.min_mark && args.mark <= l.max_mark) fits = true;
    if (!fits) {
      std::cerr << "essaycoach class override: mark " << args.mark << " is not in Level " << *level << "'s range\n";
      return 2;
    }
  }
  auto before = store->attempt(attempt);
  auto o = store->set_override(attempt, args.mark, level, args.note);
  if (!o || !before || !*before) {
    std::cerr << "essaycoach class override: " << (o ? before.error().message : o.error().message) << "\n";
    return 3;
  }
  const auto& a = **before;
  std::cout << args.student << ": your mark " << args.mark << (level ? " (Level " + std::to_string(*level) + ")" : std::string())
            << " now counts in every export; the engine's suggestion " << a.mark
            << (a.level ? " (Level " + std::to_string(*a.level) + ")" : std::string()) << " is kept beside it.\n"
            << "Rewrite the outputs with: essaycoach class report --class " << args.class_name << " --out DIR\n";
  return 0;
}

int run_class_report(const ClassArgs& args) {
  int code = 0;
  auto ctx = open_class(args, code);
  if (!ctx) return code;
  auto& coach = ctx->coach;
  auto& store = ctx->store;
  const std::string& prompt = ctx->prompt;
  auto summary = report::class_summary(*store, *coach, args.class_name, prompt);
  if (!summary) {
    std::cerr << "essaycoach class report: " << summary.error().message << "\n";
    return 3;
  }
  if (!args.out.empty()) {
    if (!write_outputs(*summary, *coach, args.out, args.bom, std::cerr)) return 3;
    std::cout << "Rewrote " << args.out << " (class sheet, " << summary->students.size() << " slips, markbook) from the store.\n";
    return 0;
  }
  if (args.format == "csv") std::cout << report::markbook_csv(*summary, args.bom);
  else if (args.format == "json") std::cout << report::class_json(*summary).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  else std::cout << report::class_sheet_html(*summary, true);
  return 0;
}

void common(CLI::App* cmd, const std::shared_ptr<ClassArgs>& args) {
  cmd->add_option("--class,-c", args->class_name, "the class's name (e.g. 10B)")->required();
  cmd->add_option("--db", args->db, "the SQLite database (default: $ESSAYCOACH_DB, else ~/.local/share/essaycoach/essaycoach.db)")
      ->type_name("PATH");
  cmd->add_option("--rubrics", args->rubric_dirs, "a folder of your own rubrics and prompts (repeatable)")->type_name("DIR");
}

}  // namespace

void add_class_commands(CLI::App& app, int& exit_code) {
  CLI::App* cls = app.add_subcommand("class", "Pre-mark a whole class: class sheet, a slip per student, markbook, overrides");
  cls->require_subcommand(1);

  auto m = std::make_shared<ClassArgs>();
  CLI::App* mark = cls->add_subcommand("mark", "Mark a class's answers (a folder, files, or a student,answer CSV), store them, write the outputs");
  common(mark, m);
  mark->add_option("--prompt,-p", m->prompt, "the prompt's id (see 'essaycoach prompts')")->required();
  mark->add_option("inputs", m->inputs, "folders of answers (one file a student, named by student id), answer files, or a CSV")->required();
  mark->add_option("--out,-o", m->out, "folder for the outputs (default: CLASS-PROMPT)")->type_name("DIR");
  mark->add_flag("--bom", m->bom, "start markbook.csv with a UTF-8 byte order mark (for spreadsheets that need it)");
  mark->add_option("--jobs,-j", m->jobs, "marking threads (default: the cores available)");
  mark->add_option("--max-bytes", m->max_bytes, "largest answer accepted (default 1 MiB)");
  mark->footer("Example:\n  essaycoach class mark --prompt why-stalin-won --class 10B homework/ --out 10B-marked\n"
               "Re-running after an interruption does not duplicate attempts (answers are keyed by their text).");
  mark->callback([m, &exit_code] { exit_code = run_class_mark(*m); });

  auto o = std::make_shared<ClassArgs>();
  CLI::App* ov = cls->add_subcommand("override", "Replace the engine's mark with yours for one student (both are kept)");
  common(ov, o);
  ov->add_option("--student,-s", o->student, "the student's id")->required();
  ov->add_option("--mark,-m", o->mark, "your mark")->required();
  ov->add_option("--level,-l", o->level, "your level (default: the level whose range holds the mark)");
  ov->add_option("--note,-n", o->note, "why (kept with the override)");
  ov->add_option("--prompt,-p", o->prompt, "the prompt (default: the one the class was marked on last)");
  ov->footer("Example:\n  essaycoach class override --class 10B --student amira --mark 8 --note \"good use of dates\"");
  ov->callback([o, &exit_code] { exit_code = run_class_override(*o); });

  auto r = std::make_shared<ClassArgs>();
  CLI::App* rep = cls->add_subcommand("report", "The class's outputs again, from the store (no re-marking; overrides applied)");
  common(rep, r);
  rep->add_option("--prompt,-p", r->prompt, "the prompt (default: the one the class was marked on last)");
  rep->add_option("--format", r->format, "to standard output: html (the class sheet), csv (the markbook) or json")
      ->check(CLI::IsMember({"html", "csv", "json"}));
  rep->add_option("--out,-o", r->out, "write every output to this folder instead")->type_name("DIR");
  rep->add_flag("--bom", r->bom, "start the markbook with a UTF-8 byte order mark");
  rep->footer("Example:\n  essaycoach class report --class 10B --format csv > 10B.csv");
  rep->callback([r, &exit_code] { exit_code = run_class_report(*r); });
}

}  // namespace ec::cli
