#include "core/spec/lint.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "core/text/edit_distance.h"

namespace conform::spec {
namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty())
      out += sep;
    out += i;
  }
  return out;
}

// Which sources that enumerate error codes list this one, and which enumerate codes but omit it.
std::string listing_evidence(const Operation& op, const ErrorCode& e) {
  std::vector<std::string> listed;
  std::vector<std::string> omitted;
  for (const auto& [key, source] : op.sources) {
    if (!source.lists || source.lists->errors.empty())
      continue;
    const auto& codes = source.lists->errors;
    if (source.lists->partial && std::find(codes.begin(), codes.end(), e.code) == codes.end())
      continue;
    (std::find(codes.begin(), codes.end(), e.code) != codes.end() ? listed : omitted)
        .push_back(key);
  }
  std::string out = e.code + " (HTTP " + std::to_string(e.http) + ", \"" + e.message + "\")";
  out += listed.empty() ? "; listed by no enumerating source" : "; listed by " + join(listed);
  if (!omitted.empty())
    out += "; absent from " + join(omitted);
  return out;
}

void near_duplicate_codes(const Operation& op, std::vector<Finding>& out) {
  for (std::size_t i = 0; i < op.errors.size(); ++i) {
    for (std::size_t j = i + 1; j < op.errors.size(); ++j) {
      const auto& a = op.errors[i];
      const auto& b = op.errors[j];
      if (a.common && b.common)
        continue;  // the protocol file is not the contract under review
      if (a.code == b.code)
        continue;  // same code under two statuses is deliberate
      if (text::edit_distance(a.code, b.code) != 1)
        continue;
      const auto& suspect = a.code.size() < b.code.size() ? a : b;
      Finding f{"near-duplicate-code",
                suspect.origin.file,
                suspect.origin.pointer,
                "error codes \"" + a.code + "\" and \"" + b.code +
                    "\" are one edit apart; one is probably a misspelling of the other",
                {listing_evidence(op, a), listing_evidence(op, b)}};
      if (a.message == b.message)
        f.evidence.push_back("both carry the same message");
      out.push_back(std::move(f));
    }
  }
}

void descriptions_naming_unknown_parameters(const Operation& op, std::vector<Finding>& out) {
  // "the Price parameter" or "parameter Price": documentation naming a parameter by name.
  static const std::regex kNamed(
      R"(\b([A-Z][A-Za-z0-9]*) parameter\b|\bparameter ([A-Z][A-Za-z0-9]*)\b)");
  auto scan = [&](const std::string& text, const Origin& origin, const std::string& owner) {
    for (std::sregex_iterator it(text.begin(), text.end(), kNamed), end; it != end; ++it) {
      const std::string name = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
      if (op.find_parameter(name))
        continue;
      std::vector<std::string> names;
      for (const auto& p : op.parameters)
        names.push_back(p.name);
      out.push_back(
          {"description-names-unknown-parameter",
           origin.file,
           origin.pointer + "/description",
           owner + "'s description names parameter " + name + ", which the operation does not have",
           {"\"" + text + "\"", "the operation's parameters: " + join(names)}});
    }
  };
  for (const auto& e : op.errors) {
    if (!e.common)
      scan(e.description, e.origin, e.code);
  }
  for (const auto& p : op.parameters)
    scan(p.description, p.origin, p.name);
}

void shared_messages(const Operation& op, std::vector<Finding>& out) {
  std::map<std::string, std::vector<const ErrorCode*>> by_message;
  for (const auto& e : op.errors) {
    if (!e.common)
      by_message[e.message].push_back(&e);
  }
  for (const auto& [message, codes] : by_message) {
    std::set<std::string> distinct;
    for (const auto* e : codes)
      distinct.insert(e->code);
    if (distinct.size() < 2)
      continue;
    std::vector<std::string> evidence;
    for (const auto* e : codes)
      evidence.push_back(e->code + " (HTTP " + std::to_string(e->http) + ") at " +
                         e->origin.pointer);
    out.push_back({"shared-message", codes.front()->origin.file, codes.front()->origin.pointer,
                   "message \"" + message + "\" is used by " + std::to_string(distinct.size()) +
                       " codes; a client cannot tell them apart by message",
                   evidence});
  }
}

void unconstrained_parameters(const Operation& op, std::vector<Finding>& out) {
  for (const auto& p : op.parameters) {
    if (p.constrained())
      continue;
    const bool names_resource = std::any_of(op.rules.begin(), op.rules.end(), [&](const Rule& r) {
      return r.check == Check::kExists && r.param == p.name;
    });
    if (names_resource)
      continue;  // its values are constrained by what exists
    std::vector<std::string> evidence = {
        "type " + std::string(to_string(p.type)) + ", no enum, length, pattern or range",
        "sources: " + join(p.sources)};
    // Still worth a warning: the operation's own documents accept anything, and a server may
    // too. But valid cases keep to the product's convention, and the reader should know it.
    if (p.convention) {
      std::string convention = "the product's convention, kept by valid cases:";
      if (p.convention->ascii)
        convention += " ASCII only";
      if (p.convention->max_length)
        convention += (p.convention->ascii ? ", at most " : " at most ") +
                      std::to_string(*p.convention->max_length) + " characters";
      evidence.push_back(convention + " (source " + p.convention->source + ")");
    }
    if (p.hidden)
      evidence.push_back("hidden: sent only by observation cases");
    out.push_back({"unconstrained-parameter", p.origin.file, p.origin.pointer,
                   p.name + " has no documented constraint: any string is accepted",
                   std::move(evidence)});
  }
}

void left_out_by_spec(const Operation& op, std::vector<Finding>& out) {
  for (const auto& [key, source] : op.sources) {
    if (!source.lists)
      continue;
    for (const auto& name : source.lists->parameters) {
      if (!op.find_parameter(name)) {
        out.push_back(
            {"parameter-left-out",
             source.origin.file,
             source.origin.pointer,
             "source " + key + " documents parameter " + name + ", which the spec leaves out",
             {source.title}});
      }
    }
    for (const auto& code : source.lists->errors) {
      const bool known = std::any_of(op.errors.begin(), op.errors.end(),
                                     [&](const ErrorCode& e) { return e.code == code; });
      if (!known) {
        out.push_back(
            {"error-left-out",
             source.origin.file,
             source.origin.pointer,
             "source " + key + " documents error code " + code + ", which the spec leaves out",
             {source.title}});
      }
    }
  }
}

}  // namespace

std::vector<Finding> lint(const Operation& op) {
  std::vector<Finding> out;
  near_duplicate_codes(op, out);
  descriptions_naming_unknown_parameters(op, out);
  shared_messages(op, out);
  unconstrained_parameters(op, out);
  left_out_by_spec(op, out);
  return out;
}

}  // namespace conform::spec
