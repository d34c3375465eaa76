#include "core/http/deferred_text.h"

namespace conform::http {

DeferredText::DeferredText(std::string text) : state_(std::make_shared<State>()) {
  std::call_once(state_->built, [&] { state_->text = std::move(text); });
}

DeferredText DeferredText::deferred(std::function<std::string()> build) {
  DeferredText t;
  t.state_ = std::make_shared<State>();
  t.state_->build = std::move(build);
  return t;
}

const std::string& DeferredText::str() const {
  static const std::string kEmpty;
  if (!state_) {
    return kEmpty;
  }
  std::call_once(state_->built, [this] {
    state_->text = state_->build();
    state_->build = nullptr;  // releases what the builder captured (a copy of the request)
  });
  return state_->text;
}

}  // namespace conform::http
