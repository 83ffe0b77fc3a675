// The marking pool: worker threads take tasks from a queue; the submitting thread writes their
// outputs in submission order.
#include "cli/marking_pool.h"

#include <malloc.h>
#include <sched.h>

#include <algorithm>

namespace ec::cli {

unsigned default_jobs() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<unsigned>(n);
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

void keep_freed_memory() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // the largest glibc allows: an answer's buffers come from the heap
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
}

MarkingPool::MarkingPool(unsigned threads, std::size_t window, Emit emit)
    : emit_(std::move(emit)), window_(std::max<std::size_t>(window, 1)) {
  if (threads > 1) {
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
  }
}

MarkingPool::~MarkingPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& t : threads_) t.join();
}

void MarkingPool::work() {
  for (;;) {
    std::pair<std::size_t, Task> job;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    MarkedOutput out = job.second();
    {
      std::lock_guard lock(mutex_);
      Slot& slot = slots_[job.first - emitted_];
      slot.output = std::move(out);
      slot.done = true;
    }
    slot_done_.notify_all();
  }
}

void MarkingPool::submit(Task task) {
  if (threads_.empty()) {
    MarkedOutput out = task();
    emit_(out);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    slots_.emplace_back();
    queue_.emplace_back(submitted_++, std::move(task));
  }
  work_ready_.notify_one();
  emit_ready(false);
  while (submitted_ - emitted_ >= window_) emit_ready(true);
}

// Emit the outputs that are done at the front, in order; with `wait_for_one`, first wait until
// the oldest is done.
void MarkingPool::emit_ready(bool wait_for_one) {
  std::vector<MarkedOutput> ready;
  {
    std::unique_lock lock(mutex_);
    if (wait_for_one) slot_done_.wait(lock, [this] { return !slots_.empty() && slots_.front().done; });
    while (!slots_.empty() && slots_.front().done) {
      ready.push_back(std::move(slots_.front().output));
      slots_.pop_front();
      ++emitted_;
    }
  }
  for (auto& out : ready) emit_(out);
}

void MarkingPool::finish() {
  while (submitted_ != emitted_) emit_ready(true);
}

}  // namespace ec::cli
