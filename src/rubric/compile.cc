// Syntax trees to the compiled Library that marking reads: patterns compiled once (case-insensitive,
// sentence scope unless the rubric says otherwise), then every cross-check an author needs, each an
// error at file:line:col. Entry points: check_library(), load_library(), default_rubric_dirs(),
// run_examples().
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "rubric/ast.h"
#include "rubric/library_cache.h"
#include "rubric/rubric.h"
#include "text/document.h"

namespace ec::rubric {

const std::vector<std::string>& known_measures() {
  // What marking measures (src/mark/measures.cc sets each); rubrics/README.md explains them.
  static const std::vector<std::string> measures = {
      "explained",  "mentioned",   "credited",    "supported",     "beyond_stimulus", "explained_beyond_stimulus",
      "stimulus_explained", "stimulus_credited", "stimulus_points", "judgement", "comparison", "errors",
      "terms",      "dates",       "words",       "sentences",     "paragraphs",      "narrative",
      "keyword_list", "off_topic", "copied",      "padding", "exam_year", "sides",
      "precise",    "sustained",   "incoherent",  "relevant", "specific", "subject", "features",
      "described",  "explained_paragraphs", "misconceptions", "weighed_paragraphs", "narrated"};
  return measures;
}

bool scheme_reads(const MarkScheme& scheme, const std::string& measure) {
  auto reads = [&](const Condition& c, auto&& self) -> bool {
    if ((c.op == Condition::Op::measure || c.op == Condition::Op::compare) && c.measure == measure) return true;
    return std::any_of(c.operands.begin(), c.operands.end(), [&](const Condition& o) { return self(o, self); });
  };
  for (const auto& l : scheme.levels) {
    if (reads(l.when, reads) || (l.top && reads(*l.top, reads)) || (l.bottom && reads(*l.bottom, reads))) return true;
  }
  return std::any_of(scheme.caps.begin(), scheme.caps.end(), [&](const Cap& c) { return reads(c.when, reads); });
}

namespace {

namespace fs = std::filesystem;

bool is_rubric_file(const fs::path& p) {
  auto ext = p.extension();
  return ext == ".rubric" || ext == ".scheme" || ext == ".prompt";
}

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

std::string where(const Place& p) { return p.file + ":" + std::to_string(p.line); }

// Words of a term, for its default pattern: letters and digits kept (any non-ASCII letter too), an
// apostrophe inside a word kept (Lenin's, with ’ made plain), other quotes, dashes and punctuation
// dropped, lower-cased.
std::vector<std::string> term_words(const std::string& term) {
  std::string plain;  // ’ -> ', other U+2010..U+201F (dashes, quotes) -> space
  for (std::size_t i = 0; i < term.size(); ++i) {
    auto c = static_cast<unsigned char>(term[i]);
    if (c == 0xE2 && i + 2 < term.size() && static_cast<unsigned char>(term[i + 1]) == 0x80) {
      auto c3 = static_cast<unsigned char>(term[i + 2]);
      if (c3 >= 0x90 && c3 <= 0x9F) {
        plain += c3 == 0x99 ? '\'' : ' ';
        i += 2;
        continue;
      }
    }
    plain += term[i];
  }
  auto wordy = [&](std::size_t i) {
    auto c = static_cast<unsigned char>(plain[i]);
    return c >= 0x80 || std::isalnum(c);
  };
  std::string cleaned;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    auto c = static_cast<unsigned char>(plain[i]);
    if (wordy(i))
      cleaned += c < 0x80 ? static_cast<char>(std::tolower(c)) : plain[i];
    else if (c == '\'' && i > 0 && i + 1 < plain.size() && wordy(i - 1) && wordy(i + 1))
      cleaned += '\'';
    else
      cleaned += ' ';
  }
  std::vector<std::string> words;
  std::istringstream ss(cleaned);
  for (std::string w; ss >> w;) words.push_back(w);
  return words;
}

class Compiler {
 public:
  std::vector<Error> errors;
  Library library;
  std::map<std::string, std::shared_ptr<const std::string>> texts;  // path -> source, for excerpts

  void error(const Place& p, std::string message) {
    Error e = make_error(ErrorKind::rubric, std::move(message));
    e.file = p.file;
    e.line = p.line;
    e.column = p.column;
    if (auto t = texts.find(p.file); t != texts.end() && t->second && p.line > 0)
      e.excerpt = ast::excerpt_at(*t->second, p.line, p.column);
    errors.push_back(std::move(e));
  }

  void add_file(const ast::File& file) {
    texts[file.path] = file.text;
    std::string rubric_id = fs::path(file.path).stem().string();
    for (const auto& d : file.declarations) std::visit([&](const auto& decl) { add(decl, file.path, rubric_id); }, d);
  }

  void finish() {
    for (auto& [id, prompt] : library.prompts) check_prompt(prompt);
  }

 private:
  // first place each id was declared, per kind
  std::map<std::string, std::map<std::string, Place>> seen_;
  std::map<std::string, Place> prompt_scheme_place_, prompt_marks_place_;
  std::map<std::string, std::vector<std::pair<std::string, Place>>> prompt_uses_;
  std::map<std::string, std::vector<Place>> stimulus_places_;

  bool unique(const char* kind, const std::string& id, const Place& place) {
    auto [it, fresh] = seen_[kind].emplace(id, place);
    if (!fresh)
      error(place, std::string("duplicate ") + kind + " id '" + id + "' (first declared at " +
                       where(it->second) + ")");
    return fresh;
  }

  Library::RubricFile& rubric(const std::string& id, const std::string& path, const Place& place) {
    auto [it, fresh] = library.rubrics.try_emplace(id);
    if (fresh) {
      it->second.id = id;
      it->second.path = path;
    } else if (it->second.path != path) {
      error(place, "a rubric called '" + id + "' already comes from " + it->second.path +
                       " (a rubric's id is its file name, so two rubric files need different names)");
    }
    return it->second;
  }

  std::vector<int> cards(const std::vector<ast::Located<int>>& cs) {
    std::vector<int> out;
    for (const auto& c : cs) {
      if (c.value < 1 || c.value > card_count)
        error(c.place, "there is no card " + std::to_string(c.value) + ": cards are numbered 1 to " +
                           std::to_string(card_count));
      out.push_back(c.value);
    }
    return out;
  }

  // Compile one pattern; an error is placed inside the rubric file.
  std::optional<Rule> rule(const std::string& source, match::Scope scope, const Place& place) {
    match::Options options;
    options.ignore_case = true;
    auto compiled = match::Pattern::compile(source, options);
    if (!compiled.ok()) {
      const Error& e = compiled.error();
      Place at = place;
      if (e.line > 1) {
        at.line = place.line + e.line - 1;
        at.column = e.column > 0 ? e.column : 1;
      } else if (e.column > 0) {
        at.column = place.column + e.column - 1;
      }
      error(at, e.message);
      return std::nullopt;
    }
    return Rule{std::move(compiled).value(), scope, place};
  }

  std::vector<Rule> rules(const std::vector<ast::PatternText>& ps) {
    std::vector<Rule> out;
    for (const auto& p : ps)
      if (auto r = rule(p.source, p.scope, p.place)) out.push_back(std::move(*r));
    return out;
  }

  std::vector<Example> examples(const char* kind, const std::string& id, const Place& place,
                                const std::vector<ast::Example>& es) {
    std::vector<Example> out;
    bool hit = false, miss = false;
    for (const auto& e : es) {
      (e.hit ? hit : miss) = true;
      out.push_back(Example{e.hit, e.text, e.place});
    }
    if (!hit) error(place, std::string(kind) + " " + id + " needs at least one 'example hit'");
    if (!miss) error(place, std::string(kind) + " " + id + " needs at least one 'example miss'");
    return out;
  }

  void add(const ast::Factor& d, const std::string& path, const std::string& rubric_id) {
    auto& file = rubric(rubric_id, path, d.place);
    if (!unique("factor", d.id, d.place)) return;
    Factor f;
    f.id = d.id;
    f.label = d.label;
    f.cards = cards(d.cards);
    if (d.names.empty()) error(d.place, "factor " + d.id + " needs at least one 'names' pattern");
    f.names = rules(d.names);
    f.explain = rules(d.explain);
    if (d.hint) f.hint = d.hint->value;
    if (d.praise) f.praise = d.praise->value;
    if (d.side) f.side = d.side->value;
    f.examples = examples("factor", d.id, d.place, d.examples);
    f.rubric = rubric_id;
    f.place = d.place;
    file.factors.push_back(std::move(f));
  }

  void add(const ast::Term& d, const std::string& path, const std::string& rubric_id) {
    auto& file = rubric(rubric_id, path, d.place);
    if (!unique("term", d.id, d.place)) return;
    Term t;
    t.id = d.id;
    t.term = d.term;
    t.definition = d.definition;
    t.cards = cards(d.cards);
    if (d.names.empty()) {
      // the term itself, one misspelling allowed per word
      auto words = term_words(d.term);
      if (words.empty())
        error(d.place, "term " + d.id + " has no words to match: give it a 'names' pattern");
      else if (auto r = rule("match_mw([" + join(words, " ") + "])", match::Scope::sentence, d.place))
        t.names.push_back(std::move(*r));
    } else {
      t.names = rules(d.names);
    }
    t.examples = examples("term", d.id, d.place, d.examples);
    t.rubric = rubric_id;
    t.place = d.place;
    file.terms.push_back(std::move(t));
  }

  void add(const ast::Event& d, const std::string& path, const std::string& rubric_id) {
    auto& file = rubric(rubric_id, path, d.place);
    if (!unique("event", d.id, d.place)) return;
    Event e;
    e.id = d.id;
    e.what = d.what;
    e.year_from = d.year_from;
    e.year_to = d.year_to;
    if (d.year_from > d.year_to)
      error(d.place, "event " + d.id + "'s years run backwards: " + std::to_string(d.year_from) + "-" +
                         std::to_string(d.year_to));
    e.cards = cards(d.cards);
    if (d.names.empty()) error(d.place, "event " + d.id + " needs at least one 'names' pattern");
    e.names = rules(d.names);
    e.examples = examples("event", d.id, d.place, d.examples);
    e.rubric = rubric_id;
    e.place = d.place;
    file.events.push_back(std::move(e));
  }

  void add(const ast::Misconception& d, const std::string& path, const std::string& rubric_id) {
    auto& file = rubric(rubric_id, path, d.place);
    if (!unique("misconception", d.id, d.place)) return;
    Misconception m;
    m.id = d.id;
    m.claim_text = d.claim_text;
    m.cards = cards(d.cards);
    if (d.claims.empty()) error(d.place, "misconception " + d.id + " needs at least one 'claim' pattern");
    m.claims = rules(d.claims);
    if (d.correction) m.correction = d.correction->value;
    m.examples = examples("misconception", d.id, d.place, d.examples);
    m.rubric = rubric_id;
    m.place = d.place;
    file.misconceptions.push_back(std::move(m));
  }

  void add(const ast::Signal& d, const std::string& path, const std::string& rubric_id) {
    auto& file = rubric(rubric_id, path, d.place);
    if (!unique("signal", d.id, d.place)) return;
    Signal g;
    g.id = d.id;
    g.label = d.label;
    if (d.names.empty()) error(d.place, "signal " + d.id + " needs at least one 'names' pattern");
    g.names = rules(d.names);
    g.examples = examples("signal", d.id, d.place, d.examples);
    g.rubric = rubric_id;
    g.place = d.place;
    file.signals.push_back(std::move(g));
  }

  Condition condition(const ast::Condition& c) {
    Condition out;
    out.op = c.op;
    out.measure = c.measure;
    out.cmp = c.cmp;
    out.value = c.value;
    if (c.op == Condition::Op::measure || c.op == Condition::Op::compare) {
      const auto& known = known_measures();
      if (std::find(known.begin(), known.end(), c.measure) == known.end())
        error(c.place, "unknown measure '" + c.measure + "' (measures: " + join(known) + ")");
    }
    for (const auto& o : c.operands) out.operands.push_back(condition(o));
    return out;
  }

  void add(const ast::Scheme& d, const std::string&, const std::string&) {
    if (!unique("scheme", d.id, d.place)) return;
    MarkScheme s;
    s.id = d.id;
    s.title = d.title;
    s.place = d.place;
    if (!d.marks) error(d.place, "scheme " + d.id + " needs 'marks' (the total it is out of)");
    s.marks = d.marks ? d.marks->value : 0;
    if (d.levels.empty() && d.awards.empty())
      error(d.place, "scheme " + d.id + " needs at least one 'level' or 'award'");
    if (!d.levels.empty() && !d.awards.empty())
      error(d.awards.front().place, "scheme " + d.id + " mixes levels and awards: use one or the other");
    for (const auto& a : d.awards) {
      const auto& known = known_measures();
      if (std::find(known.begin(), known.end(), a.measure) == known.end())
        error(a.place, "unknown measure '" + a.measure + "' (measures: " + join(known) + ")");
      s.awards.push_back(Award{a.points, a.measure, a.max_points, a.reason, a.place});
    }
    std::map<int, Place> numbers;
    for (const auto& l : d.levels) {
      Level level;
      level.number = l.number;
      level.min_mark = l.min_mark;
      level.max_mark = l.max_mark;
      level.descriptor = l.descriptor;
      if (l.when) level.when = condition(*l.when);
      if (l.top) level.top = condition(*l.top);
      if (l.bottom) level.bottom = condition(*l.bottom);
      level.place = l.place;
      std::string name = "level " + std::to_string(l.number);
      std::string range = std::to_string(l.min_mark) + "-" + std::to_string(l.max_mark);
      if (auto [it, fresh] = numbers.emplace(l.number, l.place); !fresh)
        error(l.place, name + " is given twice (first at line " + std::to_string(it->second.line) + ")");
      if (l.min_mark > l.max_mark)
        error(l.place, name + "'s mark range " + range + " runs backwards");
      else if (d.marks && l.max_mark > s.marks)
        error(l.place, name + "'s marks " + range + " go beyond the scheme's " + std::to_string(s.marks) +
                           " marks");
      for (const auto& other : s.levels)
        if (l.min_mark <= other.max_mark && other.min_mark <= l.max_mark)
          error(l.place, name + "'s marks " + range + " overlap level " + std::to_string(other.number) +
                             "'s " + std::to_string(other.min_mark) + "-" +
                             std::to_string(other.max_mark));
      s.levels.push_back(std::move(level));
    }
    std::stable_sort(s.levels.begin(), s.levels.end(),
                     [](const Level& a, const Level& b) { return a.number > b.number; });
    for (const auto& c : d.caps) {
      if (d.marks && c.max_mark > s.marks)
        error(c.place, "cap " + std::to_string(c.max_mark) + " is above the scheme's " +
                           std::to_string(s.marks) + " marks");
      s.caps.push_back(Cap{c.max_mark, condition(c.when), c.reason, c.place});
    }
    if (d.exam_year) s.exam_year = d.exam_year->value;
    library.schemes.emplace(s.id, std::move(s));
  }

  void add(const ast::Prompt& d, const std::string&, const std::string&) {
    if (!unique("prompt", d.id, d.place)) return;
    Prompt p;
    p.id = d.id;
    p.place = d.place;
    if (d.question) p.question = d.question->value;
    else error(d.place, "prompt " + d.id + " needs a 'question'");
    if (d.marks) {
      p.marks = d.marks->value;
      prompt_marks_place_[d.id] = d.marks->place;
    }
    if (d.scheme) {
      p.scheme = d.scheme->value;
      prompt_scheme_place_[d.id] = d.scheme->place;
    } else {
      error(d.place, "prompt " + d.id + " needs a 'scheme' (the mark scheme it is marked by)");
    }
    if (d.minutes) p.minutes = d.minutes->value;
    if (d.topic) p.topic = d.topic->value;
    for (const auto& s : d.stimulus) {
      p.stimulus.push_back(Stimulus{s.factor, s.text});
      stimulus_places_[d.id].push_back(s.place);
    }
    for (const auto& u : d.uses) {
      p.uses.push_back(u.value);
      prompt_uses_[d.id].emplace_back(u.value, u.place);
    }
    if (d.uses.empty()) error(d.place, "prompt " + d.id + " needs at least one 'uses' (a rubric's id)");
    library.prompts.emplace(p.id, std::move(p));
  }

  void check_prompt(Prompt& p) {
    if (!p.scheme.empty()) {
      auto s = library.schemes.find(p.scheme);
      if (s == library.schemes.end()) {
        error(prompt_scheme_place_[p.id], "unknown mark scheme '" + p.scheme + "'");
      } else if (!prompt_marks_place_.count(p.id)) {
        p.marks = s->second.marks;  // out of what its scheme is out of
      } else if (p.marks != s->second.marks) {
        error(prompt_marks_place_[p.id], "prompt " + p.id + " is out of " + std::to_string(p.marks) +
                                             " marks but scheme " + p.scheme + " is out of " +
                                             std::to_string(s->second.marks));
      }
    }
    std::set<std::string> factors;
    std::vector<std::string> used;
    for (const auto& [id, place] : prompt_uses_[p.id]) {
      auto r = library.rubrics.find(id);
      if (r == library.rubrics.end()) {
        error(place, "unknown rubric '" + id + "' (a rubric's id is its file name without the extension)");
        continue;
      }
      used.push_back(id);
      for (const auto& f : r->second.factors) factors.insert(f.id);
    }
    const auto& places = stimulus_places_[p.id];
    for (std::size_t i = 0; i < p.stimulus.size(); ++i)
      if (!factors.count(p.stimulus[i].factor))
        error(places[i], "stimulus '" + p.stimulus[i].factor + "' is not a factor of the rubrics this prompt uses" +
                             (used.empty() ? std::string() : " (" + join(used) + ")"));
  }
};

}  // namespace

std::vector<std::string> list_rubric_files(const std::vector<std::string>& paths, std::vector<Error>& errors) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec))
        if (it->is_regular_file(ec) && is_rubric_file(it->path())) files.push_back(it->path().string());
    } else if (fs::is_regular_file(path, ec)) {
      files.push_back(path);
    } else {
      Error e = make_error(ErrorKind::usage, "no such file or folder");
      e.file = path;
      errors.push_back(std::move(e));
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

LoadReport check_library(const std::vector<std::string>& paths) {
  LoadReport report;
  report.files = list_rubric_files(paths, report.errors);
  if (report.files.empty() && report.errors.empty())
    report.errors.push_back(make_error(ErrorKind::usage, "no .rubric, .scheme or .prompt files in " +
                                                             join(paths)));
  Compiler c;
  for (const auto& f : report.files) {
    auto file = ast::parse_file(f);
    if (!file.ok()) {
      report.errors.push_back(file.error());
      continue;
    }
    c.add_file(*file);
  }
  c.finish();
  for (auto& e : c.errors) report.errors.push_back(std::move(e));
  if (report.errors.empty()) report.library = std::move(c.library);
  return report;
}

Result<Library> load_library(const std::vector<std::string>& dirs) {
  auto report = check_library(dirs);
  if (!report.errors.empty()) return report.errors.front();
  return std::move(*report.library);
}

std::vector<std::string> default_rubric_dirs() {
  std::string data;
  std::error_code exe_ec;
  // An installed executable finds its data beside it: <prefix>/bin/essaycoach -> <prefix>/share/essaycoach.
  const fs::path installed = fs::read_symlink("/proc/self/exe", exe_ec).parent_path().parent_path() / "share" /
                             "essaycoach";
  if (const char* env = std::getenv("ESSAYCOACH_DATA_DIR"); env && *env) {
    data = env;
  } else if (!exe_ec && fs::is_directory(installed / "rubrics", exe_ec)) {
    data = installed.string();
  } else {
#ifdef ESSAYCOACH_SOURCE_DATA_DIR
    std::error_code ec;
    if (fs::is_directory(ESSAYCOACH_SOURCE_DATA_DIR, ec)) data = ESSAYCOACH_SOURCE_DATA_DIR;
#endif
#ifdef ESSAYCOACH_INSTALL_DATA_DIR
    if (data.empty()) data = ESSAYCOACH_INSTALL_DATA_DIR;
#endif
  }
  return {(fs::path(data) / "rubrics").string(), (fs::path(data) / "prompts").string()};
}

namespace {

// One kind of rule, seen the same way by the example runner.
struct RuleView {
  const char* kind;
  const std::string& id;
  const std::vector<Rule>& patterns;
  const std::vector<Example>& examples;
};

template <class F>
void each_rule(const Library& library, F f) {
  for (const auto& [id, r] : library.rubrics) {
    for (const auto& x : r.factors) f(RuleView{"factor", x.id, x.names, x.examples});
    for (const auto& x : r.terms) f(RuleView{"term", x.id, x.names, x.examples});
    for (const auto& x : r.events) f(RuleView{"event", x.id, x.names, x.examples});
    for (const auto& x : r.misconceptions) f(RuleView{"misconception", x.id, x.claims, x.examples});
    for (const auto& x : r.signals) f(RuleView{"signal", x.id, x.names, x.examples});
  }
}

}  // namespace

std::vector<ExampleFailure> run_examples(const Library& library) {
  std::vector<ExampleFailure> failures;
  each_rule(library, [&](const RuleView& rule) {
    for (const auto& example : rule.examples) {
      auto doc = text::Document::build(example.text);
      std::string matched;
      int matched_line = 0;
      for (const auto& p : rule.patterns) {
        auto found = p.pattern.find_all(doc, p.scope);
        if (!found.empty()) {
          matched = std::string(doc.text(found.front().span));
          matched_line = p.place.line;
          break;
        }
      }
      bool did_match = matched_line > 0;
      if (did_match == example.hit) continue;
      ExampleFailure f{example.place, rule.kind, rule.id, ""};
      if (example.hit)
        f.message = "expected " + std::string(rule.kind) + " " + rule.id + " to match, it did not";
      else
        f.message = "expected " + std::string(rule.kind) + " " + rule.id + " not to match, it matched \"" +
                    matched + "\" (the pattern at line " + std::to_string(matched_line) + ")";
      failures.push_back(std::move(f));
    }
  });
  std::sort(failures.begin(), failures.end(), [](const ExampleFailure& a, const ExampleFailure& b) {
    return std::tie(a.place.file, a.place.line, a.place.column) <
           std::tie(b.place.file, b.place.line, b.place.column);
  });
  return failures;
}

int count_examples(const Library& library) {
  int n = 0;
  each_rule(library, [&](const RuleView& rule) { n += static_cast<int>(rule.examples.size()); });
  return n;
}

}  // namespace ec::rubric
