#include "generators/random_cases.h"

#include <rapidcheck.h>

#include <algorithm>
#include <stdexcept>

#include "core/spec/constraints.h"
#include "core/spec/open_readings.h"
#include "generators/compose.h"
#include "generators/envelope.h"
#include "generators/oracle.h"
#include "generators/styled_values.h"
#include "generators/text_shrinks.h"
#include "generators/values.h"

namespace conform::gen {
namespace {

using OpPtr = std::shared_ptr<const spec::Operation>;
using FixturesPtr = std::shared_ptr<const Fixtures>;

// What a generator draws for one parameter; see the header for how it is decoded.
struct Raw {
  std::uint64_t pick = 0;
  Text text;  // one code point each, free text parameters only
};

using RawParams = std::vector<rc::Maybe<Raw>>;  // one per operation parameter, spec order

// gen::elementOf never shrinks; an index from gen::inRange shrinks towards the first element.
template <typename T>
rc::Gen<T> shrinking_element_of(std::vector<T> values) {
  const std::size_t n = values.size();
  return rc::gen::map(rc::gen::inRange<std::size_t>(0, n),
                      [values = std::move(values)](std::size_t i) { return values[i]; });
}

// Letters first: text shrinks towards the first piece.
const std::vector<std::string>& text_alphabet() {
  static const std::vector<std::string> kPieces = {
      "a",
      "b",
      "z",
      "A",
      "Z",
      "0",
      "9",
      "-",
      "_",
      ".",
      " ",
      "*",
      "~",
      "+",
      "/",
      "&",
      "=",
      "%",
      "\xF0\x9F\x98\x80",  // an emoji, outside the BMP
      "\xE4\xB8\xAD",      // a CJK ideograph
  };
  return kPieces;
}

bool is_free_text(const spec::Operation& op, const Fixtures& fixtures, const spec::Parameter& p) {
  return p.type == spec::ValueType::kString && !p.style && p.enum_values.empty() && !p.pattern &&
         !resource_of(op, p.name) && !fixtures.values.contains(p.name);
}

// Drawn as RapidCheck draws a container, shrunk with text_shrinks (text_shrinks.h).
rc::Gen<Text> text_gen() {
  const auto drawn = rc::gen::container<Text>(rc::gen::elementOf(text_alphabet()));
  return rc::Gen<Text>([drawn](const rc::Random& random, int size) {
    return rc::shrinkable::shrinkRecur(drawn(random, size).value(), [](const Text& text) {
      return text_shrinks(text, text_alphabet());
    });
  });
}

rc::Gen<Raw> raw_gen(bool free_text) {
  if (free_text) {
    return rc::gen::map(text_gen(), [](Text text) { return Raw{0, std::move(text)}; });
  }
  // Mostly small picks (the minimum, the maximum, values near the minimum), sometimes any.
  return rc::gen::map(
      rc::gen::oneOf(rc::gen::inRange<std::uint64_t>(0, 16), rc::gen::arbitrary<std::uint64_t>()),
      [](std::uint64_t pick) {
        return Raw{pick, {}};
      });
}

rc::Gen<RawParams> raw_params_gen(const spec::Operation& op, const Fixtures& fixtures) {
  rc::Gen<RawParams> out = rc::gen::just(RawParams{});
  for (const auto& p : op.parameters) {
    auto one = raw_gen(is_free_text(op, fixtures, p));
    // gen::maybe sends almost every parameter at larger sizes; a coin sends each about half the
    // time, and its shrink (true to false) still leaves an optional parameter out first.
    // A hidden parameter's answer is open (spec::open_reading): never drawn, so no valid case
    // and no invalid case's rest depends on it.
    auto present = p.required ? rc::gen::just(true)
                   : p.hidden ? rc::gen::just(false)
                              : rc::gen::arbitrary<bool>();
    rc::Gen<rc::Maybe<Raw>> maybe =
        rc::gen::map(rc::gen::pair(present, one), [](std::pair<bool, Raw> d) {
          return d.first ? rc::Maybe<Raw>(std::move(d.second)) : rc::Maybe<Raw>();
        });
    out = rc::gen::map(rc::gen::pair(out, maybe), [](std::pair<RawParams, rc::Maybe<Raw>> p2) {
      p2.first.push_back(std::move(p2.second));
      return std::move(p2.first);
    });
  }
  return out;
}

std::optional<std::string> decode_one(const spec::Operation& op, const Fixtures& fixtures,
                                      const spec::Parameter& p, const Raw& raw,
                                      const spec::ParamMap& context) {
  if (is_free_text(op, fixtures, p)) {
    std::vector<std::string> text = raw.text;
    // Only what every reading of the sources accepts: pieces outside the conservative limits'
    // characters are dropped, and the length leaves room for a runner's token suffix.
    if (spec::conservative_limits(p).ascii_only) {
      std::erase_if(text, [](const std::string& piece) {
        return std::any_of(piece.begin(), piece.end(),
                           [](char c) { return static_cast<unsigned char>(c) > 0x7E; });
      });
    }
    // Empty values are left to observation: services often read them as absent.
    const std::size_t lo = std::max<std::size_t>(p.min_length.value_or(1), 1);
    if (const auto longest = drawn_length_limit(op, p); longest && text.size() > *longest)
      text.resize(*longest);
    while (text.size() < lo)
      text.push_back("a");
    std::string out;
    for (const auto& piece : text)
      out += piece;
    return out;
  }
  if (const auto r = spec::integer_range(op, p, context)) {
    if (raw.pick < 2)
      return std::to_string(raw.pick == 0 ? r->lo : r->hi);
    // Unsigned arithmetic: the span of an int64 range does not fit an int64.
    const auto span = static_cast<std::uint64_t>(r->hi) - static_cast<std::uint64_t>(r->lo);
    const std::uint64_t offset = span == UINT64_MAX ? raw.pick - 2 : (raw.pick - 2) % (span + 1);
    return std::to_string(static_cast<std::int64_t>(static_cast<std::uint64_t>(r->lo) + offset));
  }
  const auto values = valid_values(op, fixtures, p, context);
  if (values.empty())
    return std::nullopt;
  return values[static_cast<std::size_t>(raw.pick % values.size())];
}

std::vector<Param> decode(const spec::Operation& op, const Fixtures& fixtures,
                          const RawParams& raws, const Break* fixed) {
  std::vector<Param> params;
  spec::ParamMap context;
  if (fixed) {
    for (const auto& [name, value] : fixed->set)
      context.emplace(name, value);
  }
  for (const auto* p : dependency_order(op)) {
    if (fixed && (context.contains(p->name) ||
                  std::find(fixed->drop.begin(), fixed->drop.end(), p->name) != fixed->drop.end()))
      continue;
    const auto index = static_cast<std::size_t>(p - op.parameters.data());
    const auto& raw = raws.at(index);
    if (!raw)
      continue;
    if (auto value = decode_one(op, fixtures, *p, *raw, context)) {
      for (auto& wire : wire_params(op, p->name, *value))
        params.push_back(std::move(wire));
      context.emplace(p->name, std::move(*value));
    }
  }
  return fixed ? overlay(op, std::move(params), fixed->set, fixed->drop)
               : overlay(op, std::move(params), {});
}

rc::Gen<Envelope> envelope_gen(const spec::Operation& op) {
  auto all = envelopes(op);
  if (all.empty())
    all.push_back(Envelope{});
  return shrinking_element_of(std::move(all));
}

// A valid case, or an invalid case of `fixed`, from one draw; nullopt when the rules engine says
// the draw is not what was asked for.
std::optional<Case> build(const OpPtr& op, const FixturesPtr& fixtures, const RawParams& raws,
                          const Envelope& envelope, const Break* fixed) {
  const auto params = decode(*op, *fixtures, raws, fixed);
  std::optional<Case> c;
  if (fixed) {
    c = breaking_case(*op, *fixtures, params, *fixed);
  } else {
    c.emplace();
    c->description = "random valid case";
    c->params = params;
    c->charges = charges(*op, params);
    if (first_breach(*op, *fixtures, *c) || spec::open_reading(*op, param_map(c->params)))
      c.reset();
  }
  if (c)
    apply_envelope(*op, envelope, *c);
  return c;
}

rc::Gen<Case> case_gen(const OpPtr& op, const FixturesPtr& fixtures, std::optional<Break> fixed) {
  auto draws = rc::gen::pair(raw_params_gen(*op, *fixtures), envelope_gen(*op));
  auto built = rc::gen::map(draws, [op, fixtures, fixed](const std::pair<RawParams, Envelope>& d) {
    return build(op, fixtures, d.first, d.second, fixed ? &*fixed : nullptr);
  });
  return rc::gen::map(
      rc::gen::suchThat(built, [](const std::optional<Case>& c) { return c.has_value(); }),
      [](std::optional<Case> c) { return std::move(*c); });
}

}  // namespace

rc::Gen<Case> valid_case(std::shared_ptr<const spec::Operation> op, Fixtures fixtures) {
  std::vector<Skip> skipped;
  if (!minimal_params(*op, fixtures, skipped)) {
    throw std::invalid_argument("no valid case: " + skipped.front().what + ": " +
                                skipped.front().reason);
  }
  return case_gen(op, std::make_shared<const Fixtures>(std::move(fixtures)), std::nullopt);
}

rc::Gen<Case> invalid_case(std::shared_ptr<const spec::Operation> op, Fixtures fixtures, Break b) {
  return case_gen(op, std::make_shared<const Fixtures>(std::move(fixtures)), std::move(b));
}

rc::Gen<Case> invalid_case(std::shared_ptr<const spec::Operation> op, Fixtures fixtures) {
  auto set = breaks(*op, fixtures);
  if (set.breaks.empty())
    throw std::invalid_argument("no rule of the spec can be broken with these fixtures");
  auto shared = std::make_shared<const Fixtures>(std::move(fixtures));
  std::vector<rc::Gen<Case>> per_break;
  for (auto& b : set.breaks)
    per_break.push_back(case_gen(op, shared, std::move(b)));
  // The break is chosen once and never shrunk: a shrunk case must break the same rule.
  return rc::gen::mapcat(rc::gen::noShrink(rc::gen::inRange<std::size_t>(0, per_break.size())),
                         [per_break](std::size_t i) { return per_break[i]; });
}

}  // namespace conform::gen
