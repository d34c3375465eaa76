#include "importer/spec_repair.h"

#include <fstream>
#include <map>
#include <set>

#include "core/spec/loader.h"

namespace conform::importer {
namespace {

// The members of a parameter that a loader rule refuses, and the metadata keys they came from.
const std::map<std::string, std::vector<std::pair<std::string, std::string>>>& removals() {
  static const std::map<std::string, std::vector<std::pair<std::string, std::string>>> table = {
      {"invalid-example", {{"example", "example"}}},
      {"invalid-default", {{"default", "default"}}},
      {"default-not-in-enum", {{"default", "default"}}},
      {"required-with-default", {{"default", "default"}}},
      {"enum-value-invalid", {{"enum", "enum"}}},
      {"empty-range",
       {{"minimum", "minimum"},
        {"maximum", "maximum"},
        {"min_length", "minLength"},
        {"max_length", "maxLength"}}},
      {"range-outside-format", {{"minimum", "minimum"}, {"maximum", "maximum"}}},
      {"invalid-pattern", {{"pattern", "pattern"}}},
  };
  return table;
}

std::vector<std::string> tokens(const std::string& pointer) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= pointer.size() && !pointer.empty()) {
    const auto end = pointer.find('/', start);
    out.push_back(pointer.substr(start, end - start));
    if (end == std::string::npos)
      break;
    start = end + 1;
  }
  return out;
}

std::optional<std::size_t> index_of(const std::vector<std::string>& t, std::size_t at,
                                    const Out& list) {
  if (t.size() <= at || t[at].empty() || t[at].find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const auto i = std::stoul(t[at]);
  return i < list.size() ? std::optional<std::size_t>(i) : std::nullopt;
}

std::string without_root(std::string text, const std::string& root) {
  for (auto at = text.find(root); at != std::string::npos; at = text.find(root))
    text.erase(at, root.size() + (at + root.size() < text.size() ? 1 : 0));
  return text;
}

// Mends what it can of `errors`; false when one of them is beyond mending.
bool mend(Out& spec, const std::vector<spec::SpecError>& errors, const Notes& notes) {
  std::set<std::size_t, std::greater<>> rules_to_drop;
  bool mended_all = true;
  for (const auto& e : errors) {
    const auto t = tokens(e.pointer);
    if (t.size() >= 2 && t[0] == "rules" && e.rule == "nothing-to-validate") {
      if (const auto i = index_of(t, 1, spec["rules"])) {
        rules_to_drop.insert(*i);
        continue;
      }
    }
    const auto how = removals().find(e.rule);
    const auto i =
        t.size() >= 2 && t[0] == "parameters" ? index_of(t, 1, spec["parameters"]) : std::nullopt;
    if (how == removals().end() || !i) {
      mended_all = false;
      continue;
    }
    auto& p = spec["parameters"][*i];
    for (const auto& [member, key] : how->second) {
      if (p.contains(member)) {
        notes.add(p["from"].get<std::string>() + "/schema/" + key, e.rule,
                  p["name"].get<std::string>() + ": " + e.message + "; left out");
        p.erase(member);
      }
    }
  }
  for (const auto i : rules_to_drop)
    spec["rules"].erase(i);
  return mended_all;
}

}  // namespace

std::optional<std::string> write_loadable(Out& spec, const std::string& path,
                                          const std::string& root, const Notes& notes) {
  for (int attempt = 0;; ++attempt) {
    {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << spec.dump(2) << "\n";
    }
    try {
      spec::load_operation(path);
      return std::nullopt;
    } catch (const spec::SpecLoadError& e) {
      const auto& first = e.errors().front();
      if (attempt >= 4 || !mend(spec, e.errors(), notes))
        return without_root(first.pointer + ": " + first.rule + ": " + first.message, root);
    }
  }
}

}  // namespace conform::importer
