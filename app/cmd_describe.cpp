#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "app/cli_parse.h"
#include "app/commands.h"
#include "app/exit_codes.h"
#include "app/spec_files.h"
#include "core/spec/constraints.h"
#include "core/spec/evaluate.h"
#include "core/spec/loader.h"

namespace conform::app {
namespace {

constexpr const char* kUsage =
    "usage: conform describe [--spec-dir DIR] [--operation NAME]... [--merged] [SPEC.json ...]\n"
    "\n"
    "Prints a summary of each operation's contract: transport, parameters with their constraints,\n"
    "the rules in the order the service checks them with the answers each accepts, preconditions,\n"
    "idempotency and the success response.\n"
    "\n"
    "  --spec-dir DIR    where to look for specs (default: the specs directory)\n"
    "  --operation NAME  describe this operation of DIR (repeatable)\n"
    "  --merged          print the operation document itself as JSON: for an overlay, its base\n"
    "                    with the overlay applied (what the pointers of reports and lint name)\n"
    "\n"
    "With neither spec files nor --operation, a directory holding one operation is described in\n"
    "full and one holding more is listed, one line per operation (action, parameters, rules,\n"
    "file).\n";

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& i : items)
    out += (out.empty() ? "" : sep) + i;
  return out;
}

// A list or struct's shape in one line: "1..10 items of string", "{Key*: string, Value: string}"
// (a star marks a required member), leaves with their enum, range, length and pattern.
std::string shape_text(const spec::Shape& s) {
  switch (s.type) {
    case spec::ShapeType::kArray: {
      std::string count = s.min_items || s.max_items
                              ? (s.min_items ? std::to_string(*s.min_items) : "") + ".." +
                                    (s.max_items ? std::to_string(*s.max_items) : "") + " items"
                              : "items";
      return count + " of " + (s.items.empty() ? "?" : shape_text(s.items.front()));
    }
    case spec::ShapeType::kObject: {
      std::vector<std::string> members;
      for (const auto& m : s.members)
        members.push_back(m.name + (m.required ? "*" : "") + ": " + shape_text(m));
      return "{" + join(members) + "}";
    }
    default:
      break;
  }
  std::string out = s.type == spec::ShapeType::kInteger   ? "integer"
                    : s.type == spec::ShapeType::kBoolean ? "boolean"
                    : s.type == spec::ShapeType::kNumber  ? "number"
                                                          : "string";
  if (!s.enum_values.empty())
    out += " one of " + join(s.enum_values, "|");
  if (s.minimum || s.maximum)
    out += " " + (s.minimum ? std::to_string(*s.minimum) : "") + ".." +
           (s.maximum ? std::to_string(*s.maximum) : "");
  if (s.min_length || s.max_length)
    out += " length " + (s.min_length ? std::to_string(*s.min_length) : "") + ".." +
           (s.max_length ? std::to_string(*s.max_length) : "");
  if (s.pattern)
    out += " pattern " + *s.pattern;
  return out;
}

std::string constraints(const spec::Parameter& p) {
  if (p.shape)
    return shape_text(*p.shape);
  std::vector<std::string> parts;
  if (p.fixed_value)
    parts.push_back("= " + *p.fixed_value);
  for (const auto& d : spec::declared_constraints(p)) {
    const std::string range = (d.minimum ? std::to_string(*d.minimum) : "") + ".." +
                              (d.maximum ? std::to_string(*d.maximum) : "");
    if (!d.when) {
      if (!d.enum_values.empty())
        parts.push_back("one of " + join(d.enum_values, "|"));
      if (d.minimum || d.maximum)
        parts.push_back(range);
      continue;
    }
    parts.push_back(range + (d.enum_values.empty() ? "" : " " + join(d.enum_values, "|")) +
                    " when " + d.when->param + "=" + d.when->equals);
  }
  if (const auto length = spec::length_limits(p); length.min || length.max) {
    parts.push_back("length " + (length.min ? std::to_string(*length.min) : "") + ".." +
                    (length.max ? std::to_string(*length.max) : ""));
  }
  if (p.pattern)
    parts.push_back("pattern " + *p.pattern);
  if (p.default_value)
    parts.push_back("default " + *p.default_value);
  return parts.empty() ? "-" : join(parts, "; ");
}

std::string type_of(const spec::Parameter& p) {
  if (p.shape && p.style)
    return std::string(p.shape->type == spec::ShapeType::kArray ? "list" : "struct") + " (" +
           *p.style + ")";
  std::string t(spec::to_string(p.type));
  if (p.format == spec::IntegerFormat::kInt32)
    t += "/int32";
  if (p.format == spec::IntegerFormat::kInt64)
    t += "/int64";
  return t;
}

std::string answers(const spec::Operation& op, const spec::Rule& r) {
  std::vector<std::string> parts;
  for (const auto& a : spec::accepted_answers(op, r))
    parts.push_back(std::to_string(a.http) + " " + a.code);
  const auto& o = op.outcome_of(r);
  return join(parts, " | ") + (o.settled ? "" : "  (unsettled)") +
         (o.transient ? "  (transient)" : "");
}

void print_fields(const std::vector<spec::Field>& fields, int indent) {
  for (const auto& f : fields) {
    std::printf("  %*s%-*s %-8s %s%s\n", indent, "", 22 - indent, f.name.c_str(),
                std::string(spec::to_string(f.type)).c_str(), f.required ? "required" : "optional",
                f.format ? (", format " + *f.format).c_str() : "");
    print_fields(f.fields, indent + 2);
  }
}

void describe(const spec::Operation& op) {
  std::printf("%s %s %s\n  %s\n", op.product.c_str(), op.version.c_str(), op.action.c_str(),
              op.title.c_str());
  std::printf("  spec %s (sha256 %.12s), protocol %s\n", op.file.c_str(), op.sha256.c_str(),
              op.protocol.file.c_str());
  std::vector<std::string> sigs;
  for (auto s : op.transport.signatures)
    sigs.emplace_back(spec::to_string(s));
  std::printf("  methods %s; schemes %s; signatures %s; formats %s\n",
              join(op.transport.methods).c_str(), join(op.transport.schemes).c_str(),
              join(sigs).c_str(), join(op.transport.formats).c_str());
  if (op.effects) {
    std::printf("  effect: creates %s%s%s\n", op.effects->creates.c_str(),
                op.effects->billable ? " (billable" : "",
                op.effects->billable ? (op.effects->charge_parameter
                                            ? ("; charges unless " + *op.effects->charge_parameter +
                                               "=" + *op.effects->safe_value + ")")
                                                  .c_str()
                                            : ")")
                                     : "");
  }
  if (op.quota)
    std::printf("  quota: %d requests per %d s\n", op.quota->requests, op.quota->per_seconds);

  std::printf("\nparameters (%zu):\n", op.parameters.size());
  for (const auto& p : op.parameters) {
    std::printf("  %-22s %-14s %-9s %s%s\n", p.name.c_str(), type_of(p).c_str(),
                p.required ? "required" : "optional", constraints(p).c_str(),
                p.hidden ? "  [hidden]" : "");
  }

  std::printf("\nrules, in the order the service checks them (%zu):\n", op.rules.size());
  for (const auto& r : op.rules) {
    std::string subject = r.param.empty() ? "" : " " + r.param;
    if (!r.resource.empty())
      subject += " -> " + r.resource;
    if (!r.states.empty())
      subject += " in " + join(r.states, "|");
    std::printf("  %-26s %-20s%s\n  %26s breach: %s\n", r.id.c_str(),
                std::string(spec::to_string(r.check)).c_str(), subject.c_str(), "",
                answers(op, r).c_str());
  }

  for (const auto& [name, res] : op.resources) {
    if (res.states.empty())
      continue;
    std::vector<std::string> states;
    for (const auto& s : res.states)
      states.push_back(s.name);
    std::printf("\n%s states: %s\n", name.c_str(), join(states).c_str());
  }
  if (op.idempotency) {
    std::printf("\nidempotency: %s; %s\n", op.idempotency->token.c_str(),
                op.idempotency->description.c_str());
  }
  std::printf("\nsuccess: HTTP %d, XML root <%s>\n", op.response.http,
              op.response.xml_root.c_str());
  print_fields(op.response.fields, 0);
  std::printf(
      "\nerror codes: %zu (%zu of the operation, %zu common); outcomes: %zu; sources: %zu\n",
      op.errors.size(),
      static_cast<std::size_t>(std::count_if(op.errors.begin(), op.errors.end(),
                                             [](const spec::ErrorCode& e) { return !e.common; })),
      static_cast<std::size_t>(std::count_if(op.errors.begin(), op.errors.end(),
                                             [](const spec::ErrorCode& e) { return e.common; })),
      op.outcomes.size(), op.sources.size());
}

struct DescribeArgs {
  std::string spec_dir;
  std::vector<std::string> operations;
  bool merged = false;
  std::vector<std::string> specs;
};

// Reads the flags; returns the exit code when parsing ends the command.
std::optional<int> parse_describe_args(const Args& args, DescribeArgs& a) {
  CLI::App app("conform describe");
  cli::configure(app, kUsage);
  app.add_option("--spec-dir", a.spec_dir);
  app.add_option("--operation", a.operations);
  app.add_flag("--merged", a.merged);
  app.add_option("specs", a.specs)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  return cli::parse_all(app, args, "describe");
}

int usage(const std::string& message) {
  std::fprintf(stderr, "conform describe: %s\n", message.c_str());
  return kExitUsage;
}

// One line per operation: enough to choose one to describe with --operation.
int list_operations(const std::vector<OperationFile>& found, const std::string& dir) {
  std::size_t failed = 0;
  for (const auto& f : found) {
    const auto op = load_or_report(f.path, "describe");
    if (!op) {
      ++failed;
      continue;
    }
    std::printf(
        "%-48s %3zu parameters %3zu rules  %s\n", op->action.c_str(), op->parameters.size(),
        static_cast<std::size_t>(std::count_if(op->rules.begin(), op->rules.end(),
                                               [](const spec::Rule& r) { return !r.common; })),
        f.path.c_str());
  }
  std::printf("%zu operations under %s; conform describe --operation NAME for one\n", found.size(),
              dir.c_str());
  return failed > 0 ? kExitUsage : kExitConformant;
}

int print_merged(const std::string& path) {
  try {
    std::printf("%s\n", spec::merged_document(resolve_spec_path(path)).dump(2).c_str());
    return kExitConformant;
  } catch (const spec::SpecLoadError& e) {
    for (const auto& err : e.errors())
      std::fprintf(stderr, "%s\n", err.to_string().c_str());
    return kExitUsage;
  }
}

}  // namespace

int run_describe(const Args& args) {
  DescribeArgs a;
  if (const auto stop = parse_describe_args(args, a))
    return *stop;
  std::vector<std::string> specs = a.specs;
  if (!specs.empty() && (!a.operations.empty() || !a.spec_dir.empty()))
    return usage("name spec files or select with --spec-dir/--operation, not both");
  if (specs.empty()) {
    const std::string dir = a.spec_dir.empty() ? default_specs_dir() : a.spec_dir;
    const auto found = find_operations(dir);
    if (found.empty())
      return usage("no operation specs found under " + dir);
    if (a.operations.empty() && found.size() > 1 && !a.merged)
      return list_operations(found, dir);
    if (a.operations.empty()) {
      specs = find_operation_specs(dir);
    } else {
      const auto selected = select_operations(found, a.operations, dir, "describe");
      if (!selected)
        return kExitUsage;
      specs = *selected;
    }
  }
  int status = kExitConformant;
  for (const auto& path : specs) {
    if (a.merged) {
      status = std::max(status, print_merged(path));
      continue;
    }
    const auto op = load_or_report(path, "describe");
    if (!op) {
      status = kExitUsage;
      continue;
    }
    describe(*op);
  }
  return status;
}

}  // namespace conform::app
