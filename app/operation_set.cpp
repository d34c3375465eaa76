#include "app/operation_set.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

#include "app/cli_parse.h"
#include "app/spec_files.h"
#include "core/sign/crypto.h"

namespace conform::app {
namespace {

// A spec file's name without ".json" (and without ".overlay"): the action of an imported spec,
// which lets a selection load only the files it names.
std::string stem_of(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  constexpr std::string_view kOverlay = ".overlay";
  if (stem.size() > kOverlay.size() && stem.ends_with(kOverlay))
    stem.resize(stem.size() - kOverlay.size());
  return stem;
}

std::string set_sha256(const std::vector<std::shared_ptr<const spec::Operation>>& ops) {
  std::string text;
  for (const auto& op : ops)
    text += op->action + " " + op->version + " " + op->sha256 + "\n";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const char byte : sign::sha256(text)) {
    const auto c = static_cast<unsigned char>(byte);
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  return hex;
}

}  // namespace

std::vector<std::string> action_names(
    const std::vector<std::shared_ptr<const spec::Operation>>& ops) {
  std::vector<std::string> names;
  for (const auto& op : ops)
    names.push_back(op->action);
  return names;
}

std::optional<OperationSet> load_operation_set(const OperationChoice& choice, const char* command,
                                               std::string& error) {
  error.clear();
  if (!choice.spec_path.empty() && !choice.spec_dir.empty()) {
    error = "--spec and --spec-dir exclude each other";
    return std::nullopt;
  }
  OperationSet set;
  std::vector<std::string> paths;
  if (!choice.spec_path.empty()) {
    set.source = choice.spec_path;
    paths.push_back(choice.spec_path);
  } else {
    set.source = choice.spec_dir.empty() ? default_specs_dir() : choice.spec_dir;
    if (!std::filesystem::is_directory(set.source)) {
      error = "--spec-dir " + set.source + ": not a directory";
      return std::nullopt;
    }
    paths = find_operation_specs(set.source);
    if (paths.empty()) {
      error = "no operation specs under " + set.source;
      return std::nullopt;
    }
    // Every name a file's name: load those files only (a product has hundreds).
    const std::set<std::string> wanted(choice.names.begin(), choice.names.end());
    std::vector<std::string> named;
    std::set<std::string> found;
    for (const auto& p : paths) {
      if (wanted.count(stem_of(p))) {
        named.push_back(p);
        found.insert(stem_of(p));
      }
    }
    if (!wanted.empty() && found == wanted)
      paths = named;
  }
  for (const auto& p : paths) {
    auto op = load_or_report(p, command);
    if (!op)
      return std::nullopt;
    set.ops.push_back(std::move(op));
  }
  std::sort(set.ops.begin(), set.ops.end(), [](const auto& a, const auto& b) {
    return std::tie(a->action, a->version) < std::tie(b->action, b->version);
  });
  if (!choice.names.empty()) {
    const auto known = action_names(set.ops);
    for (const auto& name : choice.names) {
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        error = "--operation " + name + ": no such operation in " + set.source;
        if (const auto near = cli::nearest(name, known); !near.empty())
          error += "; did you mean " + near + "?";
        return std::nullopt;
      }
    }
    std::erase_if(set.ops, [&](const auto& op) {
      return std::find(choice.names.begin(), choice.names.end(), op->action) == choice.names.end();
    });
  }
  set.sha256 = set_sha256(set.ops);
  return set;
}

}  // namespace conform::app
