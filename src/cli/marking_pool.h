// Marking on every core: a pool of threads that runs one task per answer and hands the outputs back
// in the order the answers were given, with at most `window` answers in flight (so memory stays
// bounded however long the input). Entry point: MarkingPool (submit(), then finish()).
#pragma once

#include <optional>

#include "store/store.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ec::cli {

// What marking one answer gives: the report text for standard output, any message for standard
// error, and the exit code it asks for (0, or 3 for an unreadable answer).
struct MarkedOutput {
  std::string out;
  std::string err;
  int exit_code = 0;
  std::optional<store::NewAttempt> save;  // with `mark --save`: the attempt to store, in input order
};

// Threads to use for `--jobs 0` (the default): the cores this process may run on.
unsigned default_jobs();

// Keep freed memory in the process instead of giving it back to the system after every answer
// (glibc trims and unmaps large blocks by default: a page fault storm, ~20% of marking's time).
void keep_freed_memory();

class MarkingPool {
 public:
  using Task = std::function<MarkedOutput()>;
  using Emit = std::function<void(MarkedOutput&)>;

  // `threads` 1 runs each task on the calling thread as it is submitted (no threads started).
  // `emit` is called on the calling thread, in submission order.
  MarkingPool(unsigned threads, std::size_t window, Emit emit);
  ~MarkingPool();
  MarkingPool(const MarkingPool&) = delete;
  MarkingPool& operator=(const MarkingPool&) = delete;

  // Queue one task; emits every output that is ready in order, and waits while `window` are in flight.
  void submit(Task task);
  // Wait for every task and emit the rest.
  void finish();

 private:
  struct Slot {
    MarkedOutput output;
    bool done = false;
  };
  void work();
  void emit_ready(bool wait_for_one);

  Emit emit_;
  std::size_t window_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable work_ready_;  // a task was queued, or stopping
  std::condition_variable slot_done_;   // a task finished
  std::deque<std::pair<std::size_t, Task>> queue_;  // (sequence number, task)
  std::deque<Slot> slots_;  // outputs not yet emitted; slots_[0] is sequence number `emitted_`
  std::size_t emitted_ = 0;
  std::size_t submitted_ = 0;
  bool stopping_ = false;
};

}  // namespace ec::cli
