// The store's write speed: saving attempts one transaction each (WAL), as the web app and
// `mark --save` do, into a scratch SQLite file. Issue figure: 10,000 attempts in seconds, not minutes.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "store/store.h"

namespace {

void BM_StoreSave10000Attempts(benchmark::State& state) {
  const std::string report(3000, 'r');  // about the size of a report
  const std::string answer(3000, 'a');  // about a 500-word answer
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto path = std::filesystem::temp_directory_path() / ("ec-bench-" + std::to_string(::getpid()) + "-" + std::to_string(round++) + ".db");
    std::filesystem::remove(path);
    auto store = ec::store::Store::open(path.string());
    state.ResumeTiming();
    for (int i = 0; i < 10000; ++i) {
      ec::store::NewAttempt a;
      a.student = "student-" + std::to_string(i % 30);
      a.prompt = "why-stalin-won";
      a.answer = answer;
      a.report_json = report;
      a.mark = i % 13;
      a.level = i % 5;
      a.rubric_hash = "bench";
      auto r = (*store)->add_attempt(a);
      benchmark::DoNotOptimize(r);
    }
    state.PauseTiming();
    store->reset();
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    state.ResumeTiming();
  }
  state.counters["attempts/s"] = benchmark::Counter(10000.0 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_StoreSave10000Attempts)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace
