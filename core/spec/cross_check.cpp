#include "core/spec/cross_check.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "core/json/pointer.h"
#include "core/spec/evaluate.h"

namespace conform::spec {
namespace {

std::string at(std::string_view pointer, std::string_view token) {
  return conform::json::pointer_append(pointer, token);
}
std::string at(std::string_view pointer, std::size_t index) {
  return conform::json::pointer_append(pointer, index);
}

void add(std::vector<SpecError>& errors, const std::string& file, const std::string& pointer,
         const char* rule, std::string message) {
  errors.push_back({file, pointer, rule, std::move(message)});
}

}  // namespace

void check_parameter_names(const Operation& op, std::vector<SpecError>& errors) {
  std::map<std::string, const Parameter*> seen;
  for (const auto* list : {&op.common_parameters, &op.parameters}) {
    for (const auto& p : *list) {
      auto [it, fresh] = seen.emplace(p.name, &p);
      if (!fresh) {
        add(errors, p.origin.file, at(p.origin.pointer, "name"), "duplicate-parameter",
            "parameter " + p.name + " is already defined at " + it->second->origin.file + ":" +
                it->second->origin.pointer);
      }
    }
  }
}

void check_parameter(const Operation& op, const Parameter& p, std::vector<SpecError>& errors) {
  const auto& f = p.origin.file;
  const auto& ptr = p.origin.pointer;
  const bool is_int = p.type == ValueType::kInteger;
  if (!is_int && (p.minimum || p.maximum)) {
    add(errors, f, at(ptr, p.minimum ? "minimum" : "maximum"), "constraint-type-mismatch",
        p.name + " is a " + std::string(to_string(p.type)) + ", a numeric range does not apply");
  }
  if (is_int && (p.min_length || p.max_length || p.pattern)) {
    add(errors, f, ptr, "constraint-type-mismatch",
        p.name + " is an integer; lengths and patterns apply to strings");
  }
  if (!is_int && p.format != IntegerFormat::kNone) {
    add(errors, f, at(ptr, "format"), "constraint-type-mismatch",
        p.name + " has an integer format but is not an integer");
  }
  if (p.minimum && p.maximum && *p.minimum > *p.maximum) {
    add(errors, f, at(ptr, "minimum"), "empty-range",
        p.name + ": minimum " + std::to_string(*p.minimum) + " is greater than maximum " +
            std::to_string(*p.maximum));
  }
  if (p.format == IntegerFormat::kInt32) {
    for (auto [bound, name] : {std::pair{p.minimum, "minimum"}, std::pair{p.maximum, "maximum"}}) {
      if (bound && (*bound < std::numeric_limits<std::int32_t>::min() ||
                    *bound > std::numeric_limits<std::int32_t>::max())) {
        add(errors, f, at(ptr, name), "range-outside-format",
            p.name + ": " + name + " " + std::to_string(*bound) + " does not fit int32");
      }
    }
  }
  if (p.min_length && p.max_length && *p.min_length > *p.max_length) {
    add(errors, f, at(ptr, "min_length"), "empty-range",
        p.name + ": min_length " + std::to_string(*p.min_length) + " is greater than max_length " +
            std::to_string(*p.max_length));
  }
  for (std::size_t i = 0; i < p.enum_values.size(); ++i) {
    Parameter bare = p;  // check each enum value against the type alone
    bare.enum_values.clear();
    bare.conditional.clear();
    if (auto why = value_violation(op, bare, p.enum_values[i], {})) {
      add(errors, f, at(at(ptr, "enum"), i), "enum-value-invalid", p.name + ": enum value " + *why);
    }
  }
  for (const auto& c : p.conditional) {
    const auto* other = op.find_parameter(c.when.param);
    if (!other) {
      add(errors, f, at(at(c.origin.pointer, "when"), "param"), "unknown-parameter",
          p.name + ": condition names " + c.when.param + ", which the operation does not have");
    } else if (other == &p) {
      add(errors, f, at(at(c.origin.pointer, "when"), "param"), "self-condition",
          p.name + ": a condition cannot depend on the parameter itself");
    } else if (!other->enum_values.empty() &&
               std::find(other->enum_values.begin(), other->enum_values.end(), c.when.equals) ==
                   other->enum_values.end()) {
      add(errors, f, at(at(c.origin.pointer, "when"), "equals"), "condition-never-holds",
          p.name + ": " + c.when.param + " can never be \"" + c.when.equals + "\"");
    }
    if ((c.minimum || c.maximum) && !is_int) {
      add(errors, f, c.origin.pointer, "constraint-type-mismatch",
          p.name + " is not an integer, a numeric range does not apply");
    }
    if (c.minimum && c.maximum && *c.minimum > *c.maximum) {
      add(errors, f, at(c.origin.pointer, "minimum"), "empty-range",
          p.name + " when " + c.when.param + " is " + c.when.equals + ": minimum " +
              std::to_string(*c.minimum) + " is greater than maximum " +
              std::to_string(*c.maximum));
    }
    const auto lo = std::max(c.minimum.value_or(std::numeric_limits<std::int64_t>::min()),
                             p.minimum.value_or(std::numeric_limits<std::int64_t>::min()));
    const auto hi = std::min(c.maximum.value_or(std::numeric_limits<std::int64_t>::max()),
                             p.maximum.value_or(std::numeric_limits<std::int64_t>::max()));
    if (lo > hi && !(c.minimum && c.maximum && *c.minimum > *c.maximum)) {
      add(errors, f, c.origin.pointer, "empty-range",
          p.name + " when " + c.when.param + " is " + c.when.equals +
              ": the conditional range and the parameter's own range admit no value");
    }
  }
  if (p.default_value) {
    if (!p.enum_values.empty() && std::find(p.enum_values.begin(), p.enum_values.end(),
                                            *p.default_value) == p.enum_values.end()) {
      add(errors, f, at(ptr, "default"), "default-not-in-enum",
          p.name + ": default \"" + *p.default_value + "\" is not one of its enum values");
    } else if (auto why = value_violation(op, p, *p.default_value, {})) {
      add(errors, f, at(ptr, "default"), "invalid-default", p.name + ": default " + *why);
    }
    if (p.required) {
      add(errors, f, at(ptr, "default"), "required-with-default",
          p.name + " is required, so a default never applies");
    }
  }
  if (p.example && !p.fixed_value) {
    if (auto why = value_violation(op, p, *p.example, {})) {
      add(errors, f, at(ptr, "example"), "invalid-example", p.name + ": example " + *why);
    }
  }
}

void check_coverage(const Operation& op, std::vector<SpecError>& errors) {
  std::set<std::size_t> triggered;
  for (const auto& r : op.rules)
    triggered.insert(r.outcome);
  if (op.idempotency && op.idempotency->different_request) {
    triggered.insert(*op.idempotency->different_request);
  }
  for (std::size_t i = 0; i < op.outcomes.size(); ++i) {
    // Common outcomes are a library operations draw on; an operation need not use them all.
    if (!triggered.count(i) && !op.outcomes[i].common) {
      const auto& o = op.outcomes[i];
      add(errors, o.origin.file, o.origin.pointer, "untriggered-outcome",
          "no rule triggers outcome " + o.id);
    }
  }
  for (const auto& e : op.errors) {
    const bool accepted =
        std::any_of(op.outcomes.begin(), op.outcomes.end(), [&](const Outcome& o) {
          return std::any_of(o.accept.begin(), o.accept.end(),
                             [&](const Answer& a) { return a.code == e.code && a.http == e.http; });
        });
    if (!accepted) {
      add(errors, e.origin.file, e.origin.pointer, "unused-error-code",
          e.code + " (HTTP " + std::to_string(e.http) + ") is accepted by no outcome");
    }
  }
  for (const auto& p : op.parameters) {
    if (!p.required)
      continue;
    const bool covered = std::any_of(op.rules.begin(), op.rules.end(), [&](const Rule& r) {
      return r.check == Check::kPresent && r.param == p.name;
    });
    if (!covered) {
      add(errors, p.origin.file, p.origin.pointer, "required-without-rule",
          p.name + " is required but no present rule says what its absence returns");
    }
  }
}

}  // namespace conform::spec
