#include "core/spec/evaluate.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

#include "core/spec/constraints.h"
#include "core/spec/styled_wire.h"
#include "core/text/ascii.h"

namespace conform::spec {
namespace {

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool in_enum(const std::vector<std::string>& values, std::string_view value,
             bool case_insensitive) {
  return std::any_of(values.begin(), values.end(), [&](const std::string& v) {
    return case_insensitive ? text::iequals(v, value) : v == value;
  });
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty())
      out += ", ";
    out += v;
  }
  return out;
}

std::string replace_param(std::string text, std::string_view param) {
  static constexpr std::string_view kPlaceholder = "{param}";
  for (auto pos = text.find(kPlaceholder); pos != std::string::npos;
       pos = text.find(kPlaceholder, pos + param.size())) {
    text.replace(pos, kPlaceholder.size(), param);
  }
  return text;
}

std::optional<std::string> range_violation(std::int64_t v, std::optional<std::int64_t> min,
                                           std::optional<std::int64_t> max, std::string_view why) {
  if ((min && v < *min) || (max && v > *max)) {
    std::string range =
        (min ? std::to_string(*min) : "") + ".." + (max ? std::to_string(*max) : "");
    return std::to_string(v) + " is outside " + range + std::string(why);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> parse_integer(std::string_view text, IntegerFormat format) {
  if (text.empty())
    return std::nullopt;
  std::string_view digits = text;
  if (digits.front() == '+')
    digits.remove_prefix(1);
  if (digits.empty() || digits.front() == '+')
    return std::nullopt;
  std::int64_t value = 0;
  const auto* end = digits.data() + digits.size();
  auto [ptr, ec] = std::from_chars(digits.data(), end, value);
  if (ec != std::errc() || ptr != end)
    return std::nullopt;
  if (format == IntegerFormat::kInt32 && (value < std::numeric_limits<std::int32_t>::min() ||
                                          value > std::numeric_limits<std::int32_t>::max())) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> parse_boolean(std::string_view text) {
  if (text::iequals(text, "true"))
    return true;
  if (text::iequals(text, "false"))
    return false;
  return std::nullopt;
}

std::optional<std::string> effective_value(const Operation& op, const ParamMap& params,
                                           std::string_view name) {
  if (auto it = params.find(name); it != params.end())
    return it->second;
  if (const auto* p = op.find_parameter(name); p && p->default_value)
    return p->default_value;
  return std::nullopt;
}

std::optional<std::string> value_violation(const Operation& op, const Parameter& param,
                                           std::string_view value, const ParamMap& params) {
  if (param.shape)
    return shape_violation(param, value);
  std::optional<std::int64_t> number;
  switch (param.type) {
    case ValueType::kInteger:
      number = parse_integer(value, param.format);
      if (!number) {
        return "\"" + std::string(value) + "\" is not an integer" +
               (param.format == IntegerFormat::kInt32   ? " in the int32 range"
                : param.format == IntegerFormat::kInt64 ? " in the int64 range"
                                                        : "");
      }
      break;
    case ValueType::kBoolean:
      if (!parse_boolean(value))
        return "\"" + std::string(value) + "\" is not true or false";
      break;
    case ValueType::kString:
      break;
  }
  if (param.fixed_value && *param.fixed_value != value) {
    return "\"" + std::string(value) + "\" is not " + *param.fixed_value;
  }
  if (!param.enum_values.empty() && !in_enum(param.enum_values, value, param.case_insensitive)) {
    return "\"" + std::string(value) + "\" is not one of " + join(param.enum_values);
  }
  if (number) {
    if (auto v = range_violation(*number, param.minimum, param.maximum, ""))
      return v;
  }
  if (param.min_length && code_points(value) < *param.min_length) {
    return "shorter than " + std::to_string(*param.min_length) + " characters";
  }
  if (param.max_length && code_points(value) > *param.max_length) {
    return "longer than " + std::to_string(*param.max_length) + " characters";
  }
  if (param.compiled_pattern &&
      !std::regex_match(value.begin(), value.end(), *param.compiled_pattern)) {
    return "\"" + std::string(value) + "\" does not match " + *param.pattern;
  }
  for (const auto& c : param.conditional) {
    if (!condition_holds(op, c.when, params))
      continue;
    const std::string why = " when " + c.when.param + " is " + c.when.equals;
    if (number) {
      if (auto v = range_violation(*number, c.minimum, c.maximum, why))
        return v;
    }
    if (!c.enum_values.empty() && !in_enum(c.enum_values, value, param.case_insensitive)) {
      return "\"" + std::string(value) + "\" is not one of " + join(c.enum_values) + why;
    }
  }
  return std::nullopt;
}

std::optional<std::string> rule_breach(const Operation& op, const Rule& rule,
                                       const ParamMap& params, const ExternalCheck& external) {
  if (rule.check == Check::kPresent) {
    if (!params.contains(rule.param))
      return rule.param + " is missing";
    return std::nullopt;
  }
  if (rule.check == Check::kValid) {
    const auto it = params.find(rule.param);
    const auto* p = op.find_parameter(rule.param);
    if (it == params.end() || !p)
      return std::nullopt;
    if (auto why = value_violation(op, *p, it->second, params))
      return rule.param + ": " + *why;
    return std::nullopt;
  }
  return external ? external(rule) : std::nullopt;
}

std::optional<Breach> first_breach(const Operation& op, const ParamMap& params,
                                   const ExternalCheck& external) {
  for (const auto& rule : op.rules) {
    if (auto detail = rule_breach(op, rule, params, external))
      return Breach{&rule, *detail};
  }
  return std::nullopt;
}

std::vector<const Rule*> deciding_rules(const Operation& op, const Breach& first,
                                        const ParamMap& params, const ExternalCheck& external) {
  std::vector<const Rule*> out{first.rule};
  if (first.rule->order_group.empty())
    return out;
  bool after = false;
  for (const auto& rule : op.rules) {
    if (&rule == first.rule) {
      after = true;
      continue;
    }
    if (after && rule.order_group == first.rule->order_group &&
        rule_breach(op, rule, params, external))
      out.push_back(&rule);
  }
  return out;
}

std::vector<Answer> accepted_answers(const Operation& op, const std::vector<const Rule*>& rules) {
  std::vector<Answer> out;
  for (const auto* rule : rules) {
    for (auto& a : accepted_answers(op, *rule)) {
      if (std::find(out.begin(), out.end(), a) == out.end())
        out.push_back(std::move(a));
    }
  }
  return out;
}

std::vector<Answer> accepted_answers(const Operation& op, const Rule& rule) {
  std::vector<Answer> out;
  for (const auto& a : op.outcome_of(rule).accept) {
    // A protocol rule has no single parameter: its template stays open and matches any name.
    out.push_back({a.http, rule.param.empty() ? a.code : replace_param(a.code, rule.param)});
  }
  return out;
}

bool answer_matches(const Answer& accepted, const Answer& actual) {
  if (accepted.http != actual.http)
    return false;
  const auto hole = accepted.code.find("{param}");
  if (hole == std::string::npos)
    return accepted.code == actual.code;
  const std::string_view prefix(accepted.code.data(), hole);
  const std::string_view suffix = std::string_view(accepted.code).substr(hole + 7);
  const std::string_view code = actual.code;
  if (code.size() <= prefix.size() + suffix.size())
    return false;
  if (!code.starts_with(prefix) || !code.ends_with(suffix))
    return false;
  const auto name = code.substr(prefix.size(), code.size() - prefix.size() - suffix.size());
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

std::string error_message(const ErrorCode& error, const Rule* rule) {
  return rule ? replace_param(error.message, rule->param) : error.message;
}

}  // namespace conform::spec
