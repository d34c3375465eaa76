#include "generators/random_cases.h"

#include <rapidcheck.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>

#include "core/spec/constraints.h"
#include "core/spec/open_readings.h"
#include "generators/compose.h"
#include "generators/envelope.h"
#include "generators/oracle.h"
#include "generators/raw_params.h"
#include "generators/styled_values.h"
#include "generators/text_shrinks.h"
#include "generators/values.h"

namespace conform::gen {
namespace {

using OpPtr = std::shared_ptr<const spec::Operation>;
using FixturesPtr = std::shared_ptr<const Fixtures>;

// A shrinkable that works out its value once. RapidCheck's shrinkables compute their value anew on
// every value() call, and a case is asked for several times (gen::suchThat's test, then the
// property, then the shrinks' filters), each time decoding and checking it against the rules.
template <typename T>
class Memoised {
 public:
  explicit Memoised(rc::Shrinkable<T> inner)
      : inner_(std::move(inner)), value_(std::make_shared<std::optional<T>>()) {}

  T value() const {
    if (!*value_)
      *value_ = inner_.value();
    return **value_;
  }

  rc::Seq<rc::Shrinkable<T>> shrinks() const {
    return rc::seq::map(inner_.shrinks(), [](rc::Shrinkable<T>&& s) {
      return rc::makeShrinkable<Memoised<T>>(std::move(s));
    });
  }

 private:
  rc::Shrinkable<T> inner_;
  std::shared_ptr<std::optional<T>> value_;
};

template <typename T>
rc::Gen<T> memoised(rc::Gen<T> gen) {
  return rc::Gen<T>([gen = std::move(gen)](const rc::Random& random, int size) {
    return rc::makeShrinkable<Memoised<T>>(gen(random, size));
  });
}

// gen::elementOf never shrinks; an index from gen::inRange shrinks towards the first element.
template <typename T>
rc::Gen<T> shrinking_element_of(std::vector<T> values) {
  const std::size_t n = values.size();
  return rc::gen::map(rc::gen::inRange<std::size_t>(0, n),
                      [values = std::move(values)](std::size_t i) { return values[i]; });
}

// Decodes draws into parameters. What it needs of the operation and the fixtures is worked out
// once per generator, not once per parameter of every case: the order, which parameters are
// free text and their limits, and each parameter's values (valid_values) and integer range under
// the values of the parameters its conditions name, which is all of the context they read.
class Decoder {
 public:
  Decoder(OpPtr op, FixturesPtr fixtures) : op_(std::move(op)), fixtures_(std::move(fixtures)) {
    order_ = dependency_order(*op_);
    for (const auto& p : op_->parameters) {
      Text text;
      text.free = is_free_text(*op_, *fixtures_, p);
      if (text.free) {
        text.ascii_only = spec::conservative_limits(p).ascii_only;
        text.shortest = std::max<std::size_t>(p.min_length.value_or(1), 1);
        text.longest = drawn_length_limit(*op_, p);
      }
      for (const auto& c : p.conditional) {
        if (std::find(text.conditions.begin(), text.conditions.end(), c.when.param) ==
            text.conditions.end())
          text.conditions.push_back(c.when.param);
      }
      params_.push_back(std::move(text));
    }
  }

  const spec::Operation& op() const { return *op_; }
  const Fixtures& fixtures() const { return *fixtures_; }

  std::vector<Param> decode(const RawParams& raws, const Break* fixed) const {
    const auto& op = *op_;
    std::vector<Param> params;
    spec::ParamMap context;
    if (fixed) {
      for (const auto& [name, value] : fixed->set)
        context.emplace(name, value);
    }
    for (const auto* p : order_) {
      if (fixed && (context.contains(p->name) || std::find(fixed->drop.begin(), fixed->drop.end(),
                                                           p->name) != fixed->drop.end()))
        continue;
      const auto index = static_cast<std::size_t>(p - op.parameters.data());
      const auto& raw = raws.at(index);
      if (!raw)
        continue;
      if (auto value = decode_one(index, *raw, context)) {
        for (auto& wire : wire_params(op, p->name, *value))
          params.push_back(std::move(wire));
        context.emplace(p->name, std::move(*value));
      }
    }
    return fixed ? overlay(op, std::move(params), fixed->set, fixed->drop)
                 : overlay(op, std::move(params), {});
  }

 private:
  struct Text {
    bool free = false;  // free text: drawn piece by piece
    bool ascii_only = false;
    std::size_t shortest = 1;
    std::optional<std::size_t> longest;
    std::vector<std::string> conditions;  // the parameters the constraints' conditions name
  };
  struct Pool {
    std::optional<spec::IntegerRange> range;
    std::vector<std::string> values;  // valid_values, when there is no range
  };
  using PoolKey = std::pair<std::size_t, std::vector<std::optional<std::string>>>;
  // Conditions on a parameter of unbounded values could make pools without end: past this many,
  // a pool is computed and not kept.
  static constexpr std::size_t kMaxPools = 4096;

  std::shared_ptr<const Pool> pool(std::size_t index, const spec::ParamMap& context) const {
    const auto& p = op_->parameters[index];
    PoolKey key{index, {}};
    for (const auto& name : params_[index].conditions) {
      const auto it = context.find(name);
      key.second.push_back(it == context.end() ? std::nullopt
                                               : std::optional<std::string>(it->second));
    }
    std::lock_guard lock(mutex_);
    if (const auto it = pools_.find(key); it != pools_.end())
      return it->second;
    auto made = std::make_shared<Pool>();
    made->range = spec::integer_range(*op_, p, context);
    if (!made->range)
      made->values = valid_values(*op_, *fixtures_, p, context);
    if (pools_.size() < kMaxPools)
      pools_.emplace(std::move(key), made);
    return made;
  }

  std::optional<std::string> decode_one(std::size_t index, const Raw& raw,
                                        const spec::ParamMap& context) const {
    const auto& text = params_[index];
    if (text.free) {
      std::size_t pieces = 0;
      std::string out;
      // Only what every reading of the sources accepts: pieces outside the conservative limits'
      // characters are dropped, and the length leaves room for a runner's token suffix.
      for (const auto& piece : raw.text) {
        if (text.longest && pieces >= *text.longest)
          break;
        if (text.ascii_only && std::any_of(piece.begin(), piece.end(), [](char c) {
              return static_cast<unsigned char>(c) > 0x7E;
            }))
          continue;
        out += piece;
        ++pieces;
      }
      // Empty values are left to observation: services often read them as absent.
      for (; pieces < text.shortest; ++pieces)
        out += 'a';
      return out;
    }
    const auto pool = this->pool(index, context);
    if (const auto& r = pool->range) {
      if (raw.pick < 2)
        return std::to_string(raw.pick == 0 ? r->lo : r->hi);
      // Unsigned arithmetic: the span of an int64 range does not fit an int64.
      const auto span = static_cast<std::uint64_t>(r->hi) - static_cast<std::uint64_t>(r->lo);
      const std::uint64_t offset = span == UINT64_MAX ? raw.pick - 2 : (raw.pick - 2) % (span + 1);
      return std::to_string(static_cast<std::int64_t>(static_cast<std::uint64_t>(r->lo) + offset));
    }
    if (pool->values.empty())
      return std::nullopt;
    return pool->values[static_cast<std::size_t>(raw.pick % pool->values.size())];
  }

  OpPtr op_;
  FixturesPtr fixtures_;
  std::vector<const spec::Parameter*> order_;
  std::vector<Text> params_;  // one per operation parameter, spec order
  mutable std::mutex mutex_;
  mutable std::map<PoolKey, std::shared_ptr<const Pool>> pools_;
};

using DecoderPtr = std::shared_ptr<const Decoder>;

rc::Gen<Envelope> envelope_gen(const spec::Operation& op) {
  auto all = envelopes(op);
  if (all.empty())
    all.push_back(Envelope{});
  return shrinking_element_of(std::move(all));
}

// A valid case, or an invalid case of `fixed`, from one draw; nullopt when the rules engine says
// the draw is not what was asked for.
std::optional<Case> build(const Decoder& decoder, const RawParams& raws, const Envelope& envelope,
                          const Break* fixed) {
  const auto& op = decoder.op();
  const auto& fixtures = decoder.fixtures();
  auto params = decoder.decode(raws, fixed);
  std::optional<Case> c;
  if (fixed) {
    c = breaking_case(op, fixtures, params, *fixed);
  } else {
    c.emplace();
    c->description = "random valid case";
    c->charges = charges(op, params);
    c->params = std::move(params);
    if (first_breach(op, fixtures, *c) || spec::open_reading(op, param_map(c->params)))
      c.reset();
  }
  if (c)
    apply_envelope(op, envelope, *c);
  return c;
}

rc::Gen<Case> case_gen(const DecoderPtr& decoder, std::optional<Break> fixed) {
  auto draws = rc::gen::pair(raw_params_gen(decoder->op(), decoder->fixtures()),
                             envelope_gen(decoder->op()));
  auto built =
      memoised(rc::gen::map(draws, [decoder, fixed](const std::pair<RawParams, Envelope>& d) {
        return build(*decoder, d.first, d.second, fixed ? &*fixed : nullptr);
      }));
  return rc::gen::map(
      rc::gen::suchThat(built, [](const std::optional<Case>& c) { return c.has_value(); }),
      [](std::optional<Case> c) { return std::move(*c); });
}

DecoderPtr decoder_of(OpPtr op, Fixtures fixtures) {
  return std::make_shared<const Decoder>(std::move(op),
                                         std::make_shared<const Fixtures>(std::move(fixtures)));
}

}  // namespace

rc::Gen<Case> valid_case(std::shared_ptr<const spec::Operation> op, Fixtures fixtures) {
  std::vector<Skip> skipped;
  if (!minimal_params(*op, fixtures, skipped)) {
    throw std::invalid_argument("no valid case: " + skipped.front().what + ": " +
                                skipped.front().reason);
  }
  return case_gen(decoder_of(std::move(op), std::move(fixtures)), std::nullopt);
}

rc::Gen<Case> invalid_case(std::shared_ptr<const spec::Operation> op, Fixtures fixtures, Break b) {
  return case_gen(decoder_of(std::move(op), std::move(fixtures)), std::move(b));
}

rc::Gen<Case> invalid_case(std::shared_ptr<const spec::Operation> op, Fixtures fixtures) {
  auto set = breaks(*op, fixtures);
  if (set.breaks.empty())
    throw std::invalid_argument("no rule of the spec can be broken with these fixtures");
  const auto decoder = decoder_of(std::move(op), std::move(fixtures));
  std::vector<rc::Gen<Case>> per_break;
  for (auto& b : set.breaks)
    per_break.push_back(case_gen(decoder, std::move(b)));
  // The break is chosen once and never shrunk: a shrunk case must break the same rule.
  return rc::gen::mapcat(rc::gen::noShrink(rc::gen::inRange<std::size_t>(0, per_break.size())),
                         [per_break](std::size_t i) { return per_break[i]; });
}

}  // namespace conform::gen
