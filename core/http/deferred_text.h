#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

namespace conform::http {

/// Text built on first read, then kept. A replay snippet costs more to build than signing the
/// request it replays, and only the exchanges that end up in a report are ever read, so the
/// client defers it. Copies share the built text.
class DeferredText {
 public:
  DeferredText() = default;
  DeferredText(std::string text);  // NOLINT(google-explicit-constructor): a string is ready text
  DeferredText(const char* text) : DeferredText(std::string(text)) {}
  /// `build` runs at most once, on the first read, from whichever thread reads first.
  static DeferredText deferred(std::function<std::string()> build);

  const std::string& str() const;
  operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor)
  bool empty() const { return str().empty(); }

  friend std::ostream& operator<<(std::ostream& out, const DeferredText& t) {
    return out << t.str();
  }
  friend bool operator==(const DeferredText& a, const DeferredText& b) {
    return a.str() == b.str();
  }

 private:
  struct State {
    std::once_flag built;
    std::function<std::string()> build;
    std::string text;
  };
  std::shared_ptr<State> state_;
};

}  // namespace conform::http
