#include "reports/interrupt_guard.h"

#include <signal.h>

#include <atomic>
#include <csignal>
#include <stdexcept>

namespace conform::report {
namespace {

volatile std::sig_atomic_t g_signal = 0;
std::atomic<bool> g_installed{false};
struct sigaction g_old_int {};
struct sigaction g_old_term {};

extern "C" void on_signal(int sig) {
  if (g_signal != 0) {
    // Second signal: the user insists. Die by it, with the default action.
    ::signal(sig, SIG_DFL);
    ::raise(sig);
    return;
  }
  g_signal = sig;
}

}  // namespace

InterruptGuard::InterruptGuard() {
  if (g_installed.exchange(true)) {
    throw std::logic_error("only one InterruptGuard may exist at a time");
  }
  g_signal = 0;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  // No SA_RESTART: a blocking call in a check returns EINTR, so the runner notices sooner.
  sa.sa_flags = 0;
  ::sigaction(SIGINT, &sa, &g_old_int);
  ::sigaction(SIGTERM, &sa, &g_old_term);
}

InterruptGuard::~InterruptGuard() {
  ::sigaction(SIGINT, &g_old_int, nullptr);
  ::sigaction(SIGTERM, &g_old_term, nullptr);
  g_installed = false;
}

bool InterruptGuard::requested() const {
  return g_signal != 0;
}

int InterruptGuard::signal() const {
  return static_cast<int>(g_signal);
}

std::string InterruptGuard::reason() const {
  switch (g_signal) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    default:
      return "";
  }
}

}  // namespace conform::report
