#include "generators/raw_params.h"

#include <rapidcheck.h>

#include <memory>

#include "generators/values.h"

namespace conform::gen {
namespace {

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

// Drawn as RapidCheck draws a container, shrunk with text_shrinks (text_shrinks.h).
rc::Gen<Text> text_gen() {
  return rc::Gen<Text>([](const rc::Random& random, int size) {
    return rc::shrinkable::shrinkRecur(
        draw_text(random, size, text_alphabet()),
        [](const Text& text) { return text_shrinks(text, text_alphabet()); });
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

// What one parameter draws: whether it is sent, and its raw value.
struct ParamGens {
  rc::Gen<bool> present;
  rc::Gen<Raw> one;
};

std::vector<ParamGens> param_gens(const spec::Operation& op, const Fixtures& fixtures) {
  std::vector<ParamGens> out;
  for (const auto& p : op.parameters) {
    // gen::maybe sends almost every parameter at larger sizes; a coin sends each about half the
    // time, and its shrink (true to false) still leaves an optional parameter out first.
    // A hidden parameter's answer is open (spec::open_reading): never drawn, so no valid case
    // and no invalid case's rest depends on it.
    auto present = p.required ? rc::gen::just(true)
                   : p.hidden ? rc::gen::just(false)
                              : rc::gen::arbitrary<bool>();
    out.push_back({std::move(present), raw_gen(is_free_text(op, fixtures, p))});
  }
  return out;
}

// The parameters as RapidCheck draws and shrinks them: one nested gen::pair per parameter.
rc::Gen<RawParams> nested_gen(const std::vector<ParamGens>& gens) {
  rc::Gen<RawParams> out = rc::gen::just(RawParams{});
  for (const auto& g : gens) {
    rc::Gen<rc::Maybe<Raw>> maybe =
        rc::gen::map(rc::gen::pair(g.present, g.one), [](std::pair<bool, Raw> d) {
          return d.first ? rc::Maybe<Raw>(std::move(d.second)) : rc::Maybe<Raw>();
        });
    out = rc::gen::map(rc::gen::pair(out, maybe), [](std::pair<RawParams, rc::Maybe<Raw>> p2) {
      p2.first.push_back(std::move(p2.second));
      return std::move(p2.first);
    });
  }
  return out;
}

// The value nested_gen draws from `random`, worked out without its shrink tree: each
// gen::pair splits its random stream twice, the first stream for the parameters before the last,
// the second for the last (rc::gen::detail::TupleGen), and a parameter's pair splits its own the
// same way for its coin and its value. Only the leaves are drawn, from the same streams.
RawParams raw_params_value(const std::vector<ParamGens>& gens, const rc::Random& random, int size) {
  RawParams out(gens.size());
  rc::Random rest = random;
  for (std::size_t k = gens.size(); k-- > 0;) {
    rc::Random pair = rest;
    rest = pair.split();
    rc::Random param = pair.split();
    const rc::Random coin = param.split();
    const rc::Random value = param.split();
    if (gens[k].present(coin, size).value())
      out[k] = gens[k].one(value, size).value();
  }
  return out;
}

// Drawing a case built RapidCheck's whole nested tree of shrinkables, a tenth of a run's work,
// though only a failing case is ever shrunk: the value is worked out directly, and the tree is
// built from the same stream the first time RapidCheck asks for shrinks, so both are what the
// nested generator gives.
class RawParamsShrinkable {
 public:
  RawParamsShrinkable(std::shared_ptr<const std::vector<ParamGens>> gens,
                      std::shared_ptr<const rc::Gen<RawParams>> nested, rc::Random random, int size)
      : gens_(std::move(gens)), nested_(std::move(nested)), random_(random), size_(size) {}

  RawParams value() const { return raw_params_value(*gens_, random_, size_); }
  rc::Seq<rc::Shrinkable<RawParams>> shrinks() const {
    return (*nested_)(random_, size_).shrinks();
  }

 private:
  std::shared_ptr<const std::vector<ParamGens>> gens_;
  std::shared_ptr<const rc::Gen<RawParams>> nested_;
  rc::Random random_;
  int size_;
};

}  // namespace

bool is_free_text(const spec::Operation& op, const Fixtures& fixtures, const spec::Parameter& p) {
  return p.type == spec::ValueType::kString && !p.style && p.enum_values.empty() && !p.pattern &&
         !resource_of(op, p.name) && !fixtures.values.contains(p.name);
}

rc::Gen<RawParams> raw_params_gen(const spec::Operation& op, const Fixtures& fixtures) {
  auto gens = std::make_shared<const std::vector<ParamGens>>(param_gens(op, fixtures));
  auto nested = std::make_shared<const rc::Gen<RawParams>>(nested_gen(*gens));
  return rc::Gen<RawParams>([gens, nested](const rc::Random& random, int size) {
    return rc::makeShrinkable<RawParamsShrinkable>(gens, nested, random, size);
  });
}

rc::Gen<RawParams> nested_raw_params_gen(const spec::Operation& op, const Fixtures& fixtures) {
  return nested_gen(param_gens(op, fixtures));
}

}  // namespace conform::gen
