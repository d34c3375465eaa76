#include "generators/text_shrinks.h"

#include <rapidcheck/seq/Create.h>

#include <algorithm>
#include <cstdint>

namespace conform::gen {

Text draw_text(const rc::Random& random, int size, const std::vector<std::string>& alphabet) {
  // As rc::detail::ContainerHelper::generate and generateShrinkables (rapidcheck/gen/Container.hpp)
  // with rc::gen::detail::ElementOfGen (rapidcheck/gen/Select.hpp).
  auto r = random;
  const std::size_t count = r.split().next() % static_cast<std::uint64_t>(size + 1);
  Text text;
  text.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    text.push_back(alphabet[rc::Random(r.split()).next() % alphabet.size()]);
  return text;
}

namespace {

class TextShrinkSeq {
 public:
  TextShrinkSeq(Text text, std::vector<std::string> alphabet)
      : text_(std::move(text)),
        alphabet_(std::move(alphabet)),
        cut_(text_.size()),
        chunk_(text_.size() / 2) {}

  rc::Maybe<Text> operator()() {
    while (stage_ < kDone) {
      if (auto next = step())
        return next;
    }
    return rc::Nothing;
  }

 private:
  enum Stage { kPrefixes, kChunks, kAllFirst, kEachPiece, kDone };

  // The next candidate of the current stage, or nothing when the stage is over (it then moves on).
  rc::Maybe<Text> step() {
    switch (stage_) {
      case kPrefixes:
        if (cut_ == 0)
          return next_stage();
        {
          Text out(text_.begin(), text_.end() - static_cast<std::ptrdiff_t>(cut_));
          cut_ /= 2;
          return out;
        }
      case kChunks:
        // The tail chunk of each size is a prefix already offered in stage 1 only when the size
        // is one of the cuts; offering it again costs nothing, since runners skip a case they
        // have already sent.
        while (chunk_ > 0) {
          if (start_ + chunk_ <= text_.size()) {
            Text out = text_;
            out.erase(out.begin() + static_cast<std::ptrdiff_t>(start_),
                      out.begin() + static_cast<std::ptrdiff_t>(start_ + chunk_));
            start_ += chunk_;
            return out;
          }
          chunk_ /= 2;
          start_ = 0;
        }
        return next_stage();
      case kAllFirst: {
        stage_ = kEachPiece;
        if (alphabet_.empty())
          return rc::Nothing;
        const auto& first = alphabet_.front();
        if (std::all_of(text_.begin(), text_.end(), [&](const auto& p) { return p == first; }))
          return rc::Nothing;
        return Text(text_.size(), first);
      }
      case kEachPiece:
        return each_piece();
      case kDone:
        break;
    }
    return rc::Nothing;
  }

  rc::Maybe<Text> next_stage() {
    stage_ = static_cast<Stage>(stage_ + 1);
    return rc::Nothing;
  }

  // Piece `piece_` goes to alphabet index (its index - distance_), the distance halving.
  rc::Maybe<Text> each_piece() {
    while (piece_ < text_.size()) {
      if (distance_ == 0) {
        const auto it = std::find(alphabet_.begin(), alphabet_.end(), text_[piece_]);
        distance_ = it == alphabet_.end() ? 0 : static_cast<std::size_t>(it - alphabet_.begin());
        if (distance_ == 0) {
          ++piece_;
          continue;
        }
        index_ = distance_;
      }
      Text out = text_;
      out[piece_] = alphabet_[index_ - distance_];
      distance_ /= 2;
      if (distance_ == 0)
        ++piece_;
      return out;
    }
    return next_stage();
  }

  Text text_;
  std::vector<std::string> alphabet_;
  Stage stage_ = kPrefixes;
  std::size_t cut_;
  std::size_t chunk_;
  std::size_t start_ = 0;
  std::size_t piece_ = 0;
  std::size_t index_ = 0;
  std::size_t distance_ = 0;
};

}  // namespace

rc::Seq<Text> text_shrinks(const Text& text, const std::vector<std::string>& alphabet) {
  return rc::makeSeq<TextShrinkSeq>(text, alphabet);
}

}  // namespace conform::gen
