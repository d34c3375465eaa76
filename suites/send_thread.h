#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace conform::suite {

/// One thread that runs the jobs handed to it one after the other, in the order handed over: a
/// check's batches go out in the order it drew them while it draws and judges the next ones. It
/// lives as long as its session; a thread per batch cost more than it saved, since each new
/// thread starts with an empty allocator cache.
class SendThread {
 public:
  SendThread();
  /// Runs what was handed over, then joins.
  ~SendThread();
  SendThread(const SendThread&) = delete;
  SendThread& operator=(const SendThread&) = delete;

  /// The job must not throw; report failures through what it captures (a packaged_task does).
  void post(std::function<void()> job);

 private:
  void loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members it reads exist
};

}  // namespace conform::suite
