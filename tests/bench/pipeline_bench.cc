// Benchmarks of the text pipeline and the pattern engine, in one run on the same essays:
// (1) bare ICU (NFKC_Casefold + sentence + word BreakIterator): the floor; (2) building a Document;
// (3) matching a rubric's worth of 50 patterns over a 500-word answer; (4) the same over 5,000
// words. Prints each throughput and the ratios the issues ask for. Run: build/default/tests/essaycoach_bench
// (with ESSAYCOACH_BENCH_FILES=DIR also the ICU floor over DIR's *.txt answers: BM_IcuFloorOverFiles)
#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/utext.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "feedback/feedback.h"
#include "mark/marker.h"
#include "match/pattern.h"
#include "report/report.h"
#include "match/subject.h"
#include "text/document.h"

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string& essay() {  // ~500 words, ~3,000 characters
  static const std::string text = read(std::string(ESSAYCOACH_REPO_DIR) + "/examples/why-stalin-won/strong.txt");
  return text;
}

const std::string& long_essay() {  // ten times as long: ~5,000 words
  static const std::string text = [] {
    std::string t;
    for (int i = 0; i < 10; ++i) t += essay() + "\n\n";
    return t;
  }();
  return text;
}

// The first 50 one-line patterns of the power-struggle rubric: real rules, mixed flags (w o m m2
// p0-p3 s), phrases, wildcards and proximity. Stems are added to a few to cover the s flag.
const std::vector<ec::match::Pattern>& patterns() {
  static const std::vector<ec::match::Pattern> list = [] {
    std::vector<ec::match::Pattern> out;
    std::istringstream in(read(std::string(ESSAYCOACH_REPO_DIR) + "/rubrics/ussr/power-struggle.rubric"));
    std::string line;
    ec::match::Options options;
    options.ignore_case = true;
    while (std::getline(in, line) && out.size() < 50) {
      auto start = line.find_first_not_of(' ');
      if (start == std::string::npos) continue;
      std::string_view l(line);
      l.remove_prefix(start);
      for (std::string_view key : {"names ", "explain ", "claim "}) {
        if (!l.starts_with(key)) continue;
        std::string expr(l.substr(key.size()));
        expr.erase(0, expr.find_first_not_of(' '));
        if (auto w = expr.find(" within "); w != std::string::npos) expr.erase(w);
        if (out.size() % 10 == 3 && expr.starts_with("match_w(")) expr.replace(0, 8, "match_ws(");
        auto p = ec::match::Pattern::compile(expr, options);
        if (p) out.push_back(*p);
      }
    }
    if (out.size() < 50) {
      std::cerr << "only " << out.size() << " patterns found in the rubric\n";
      std::exit(1);
    }
    return out;
  }();
  return list;
}

void icu_floor(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
  static std::unique_ptr<icu::BreakIterator> sentences(
      icu::BreakIterator::createSentenceInstance(icu::Locale("en"), status));
  static std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale("en"), status));
  std::string folded;
  icu::StringByteSink<std::string> sink(&folded);
  icu::Edits edits;
  nfkc->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink, &edits, status);
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  sentences->setText(ut, status);
  int n = 0;
  for (int32_t b = sentences->first(); b != icu::BreakIterator::DONE; b = sentences->next()) ++n;
  words->setText(ut, status);
  for (int32_t b = words->first(); b != icu::BreakIterator::DONE; b = words->next()) {
    if (words->getRuleStatus() != UBRK_WORD_NONE) ++n;
  }
  utext_close(ut);
  benchmark::DoNotOptimize(n);
  benchmark::DoNotOptimize(folded.data());
}

void BM_IcuFloor(benchmark::State& state) {
  for (auto _ : state) icu_floor(essay());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * essay().size()));
}

void BM_DocumentBuild(benchmark::State& state) {
  for (auto _ : state) {
    auto doc = ec::text::Document::build(essay());
    benchmark::DoNotOptimize(doc.words().size());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * essay().size()));
}

// Matching only: the Document is built once, then the answer is prepared and 50 patterns run.
void match_all_patterns(benchmark::State& state, const std::string& text) {
  auto doc = ec::text::Document::build(text);
  const auto& list = patterns();
  std::size_t hits = 0;
  for (auto _ : state) {
    auto subject = ec::match::Subject::from_document(doc, true, true);
    for (const auto& p : list) hits += p.find_all(subject, ec::match::Scope::sentence).size();
  }
  benchmark::DoNotOptimize(hits);
  state.counters["words"] = static_cast<double>(doc.words().size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
void BM_Match50Patterns_500Words(benchmark::State& state) { match_all_patterns(state, essay()); }
void BM_Match50Patterns_5000Words(benchmark::State& state) { match_all_patterns(state, long_essay()); }

// Everything for one answer: Document plus 50 patterns.
void BM_DocumentAndMatch_500Words(benchmark::State& state) {
  const auto& list = patterns();
  std::size_t hits = 0;
  for (auto _ : state) {
    auto doc = ec::text::Document::build(essay());
    auto subject = ec::match::Subject::from_document(doc, true, true);
    for (const auto& p : list) hits += p.find_all(subject, ec::match::Scope::sentence).size();
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// Marking one 500-word answer to why-stalin-won: Document, every rule of the prompt's rubrics and
// the writing signals, spelling, the level and mark, next level, feedback.
const ec::rubric::Library& bench_library() {
  static const ec::rubric::Library library = [] {
    auto r = ec::rubric::load_library({std::string(ESSAYCOACH_REPO_DIR) + "/rubrics",
                                       std::string(ESSAYCOACH_REPO_DIR) + "/prompts"});
    if (!r) {
      std::cerr << r.error().located() << "\n";
      std::exit(1);
    }
    return std::move(r.value());
  }();
  return library;
}

void BM_MarkAnswer_500Words(benchmark::State& state) {
  auto marker = ec::mark::Marker::make(bench_library(), "why-stalin-won");
  int marks = 0;
  for (auto _ : state) {
    auto doc = ec::text::Document::build(essay());
    auto assessment = marker->assess(doc);
    auto fb = ec::feedback::give_feedback(assessment, doc);
    marks += assessment.mark + static_cast<int>(fb.ebi.size());
  }
  benchmark::DoNotOptimize(marks);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * essay().size()));
}

// The same with the JSON report written, as `essaycoach mark --format json` does.
void BM_MarkAndReport_500Words(benchmark::State& state) {
  auto marker = ec::mark::Marker::make(bench_library(), "why-stalin-won");
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto doc = ec::text::Document::build(essay());
    auto assessment = marker->assess(doc);
    auto fb = ec::feedback::give_feedback(assessment, doc);
    bytes += ec::report::to_json(assessment, fb, doc, {"essay.txt", "UTF-8"}).size();
  }
  benchmark::DoNotOptimize(bytes);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// The parts of marking, for finding where the time goes: the assessment alone (Document built
// once), and the JSON report alone.
void BM_AssessOnly_500Words(benchmark::State& state) {
  auto marker = ec::mark::Marker::make(bench_library(), "why-stalin-won");
  auto doc = ec::text::Document::build(essay());
  int marks = 0;
  for (auto _ : state) marks += marker->assess(doc).mark;
  benchmark::DoNotOptimize(marks);
}
void BM_ReportOnly_500Words(benchmark::State& state) {
  auto marker = ec::mark::Marker::make(bench_library(), "why-stalin-won");
  auto doc = ec::text::Document::build(essay());
  auto a = marker->assess(doc);
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto fb = ec::feedback::give_feedback(a, doc);
    bytes += ec::report::to_json(a, fb, doc, {"essay.txt", "UTF-8"}).size();
  }
  benchmark::DoNotOptimize(bytes);
}

// The ICU floor over a folder of answers ($ESSAYCOACH_BENCH_FILES, every *.txt), one pass an
// iteration: the floor scripts/bench-throughput divides the whole-process rate by.
void BM_IcuFloorOverFiles(benchmark::State& state, std::vector<std::string> texts) {
  for (auto _ : state) {
    for (const auto& t : texts) icu_floor(t);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
}

void register_files_benchmark() {
  const char* dir = std::getenv("ESSAYCOACH_BENCH_FILES");
  if (dir == nullptr || *dir == '\0') return;
  std::vector<std::string> texts;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".txt") texts.push_back(read(e.path().string()));
  }
  benchmark::RegisterBenchmark("BM_IcuFloorOverFiles", BM_IcuFloorOverFiles, std::move(texts))
      ->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_IcuFloor);
BENCHMARK(BM_DocumentBuild);
BENCHMARK(BM_Match50Patterns_500Words)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Match50Patterns_5000Words)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DocumentAndMatch_500Words)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MarkAnswer_500Words)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_MarkAndReport_500Words)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AssessOnly_500Words)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ReportOnly_500Words)->Unit(benchmark::kMicrosecond);

// Keeps each benchmark's time per iteration so the ratios can be printed at the end.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs) {
      if (r.run_type == Run::RT_Iteration) seconds_[r.benchmark_name()] = r.GetAdjustedRealTime() / unit(r.time_unit);
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    auto get = [&](const std::string& n) { return seconds_.count(n) ? seconds_[n] : 0.0; };
    double floor = get("BM_IcuFloor"), doc = get("BM_DocumentBuild");
    double m500 = get("BM_Match50Patterns_500Words"), m5000 = get("BM_Match50Patterns_5000Words");
    double both = get("BM_DocumentAndMatch_500Words");
    std::printf("\nessay: %zu bytes; patterns: %zu\n", essay().size(), patterns().size());
    if (floor > 0 && doc > 0) {
      std::printf("ICU floor:              %8.1f MB/s\n", essay().size() / floor / 1e6);
      std::printf("Document build:         %8.1f MB/s  = %.2f of the ICU floor (target >= 0.50)\n",
                  essay().size() / doc / 1e6, floor / doc);
    }
    if (m500 > 0) std::printf("50 patterns, 500 words: %8.1f us (target <= 100 us)\n", m500 * 1e6);
    if (m500 > 0 && m5000 > 0) {
      std::printf("50 patterns, 5000 words:%8.1f us = %.1fx the 500-word answer (target about 10x)\n", m5000 * 1e6,
                  m5000 / m500);
    }
    if (both > 0) {
      std::printf("Document + 50 patterns: %8.0f answers/s on one core\n", 1.0 / both);
    }
    double marking = get("BM_MarkAnswer_500Words"), reporting = get("BM_MarkAndReport_500Words");
    if (marking > 0) {
      std::printf("Marking why-stalin-won, 500 words: %.0f answers/s on one core (target >= 2000); "
                  "%.1f MB/s = %.2f of the ICU floor\n",
                  1.0 / marking, essay().size() / marking / 1e6, floor > 0 ? floor / marking : 0.0);
    }
    if (reporting > 0) {
      std::printf("Marking and writing the JSON report:  %.0f answers/s on one core\n", 1.0 / reporting);
    }
  }

 private:
  static double unit(benchmark::TimeUnit u) {
    switch (u) {
      case benchmark::kNanosecond: return 1e9;
      case benchmark::kMicrosecond: return 1e6;
      case benchmark::kMillisecond: return 1e3;
      default: return 1.0;
    }
  }
  std::map<std::string, double> seconds_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  register_files_benchmark();
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
