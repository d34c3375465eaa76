#include "app/spec_files.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/spec/loader.h"
#include "core/text/edit_distance.h"

namespace conform::app {

std::string default_specs_dir() {
  if (const char* dir = std::getenv("CONFORM_SPECS_DIR"); dir && *dir)
    return dir;
  // Resolved from the executable, not the install prefix, so that an installed tree still works
  // once moved (dpkg -x into any directory, a CI cache restored elsewhere).
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = (exe.parent_path() / CONFORM_INSTALLED_SPECS_DIR).lexically_normal();
    if (std::filesystem::is_directory(installed, ec))
      return installed.string();
  }
  return CONFORM_SPECS_DIR;
}

std::string default_common_spec() {
  const auto dir = std::filesystem::path(default_specs_dir()) / "common";
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json")
      found.push_back(entry.path().string());
  }
  return found.size() == 1 ? found.front() : std::string();
}

namespace {

nlohmann::json read_quietly(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

std::string string_member(const nlohmann::json& doc, const char* name) {
  return doc.is_object() && doc.contains(name) && doc[name].is_string()
             ? doc[name].get<std::string>()
             : std::string();
}

}  // namespace

std::vector<OperationFile> find_operations(const std::string& dir) {
  namespace fs = std::filesystem;
  std::map<std::string, OperationFile> specs;     // by canonical path
  std::map<std::string, OperationFile> overlays;  // by the canonical path of their base
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".json")
      continue;
    // Only the "format" member decides; the loader does the real validation once a file is chosen.
    const auto doc = read_quietly(it->path());
    const std::string format = string_member(doc, "format");
    const std::string shown = fs::proximate(it->path(), ec).string();
    const std::string key = fs::weakly_canonical(it->path(), ec).string();
    if (format.rfind("conform-operation/", 0) == 0) {
      specs[key] = {string_member(doc, "action"), shown};
    } else if (format.rfind("conform-overlay/", 0) == 0 && !string_member(doc, "base").empty()) {
      const auto base =
          fs::weakly_canonical(it->path().parent_path() / string_member(doc, "base"), ec);
      overlays[base.string()] = {string_member(doc, "action"), shown};
    }
  }
  std::vector<OperationFile> out;
  for (const auto& [base, overlay] : overlays) {
    const auto it = specs.find(base);
    // An overlay names its action only when it changes it; else the base's is the operation's.
    out.push_back({overlay.action.empty() && it != specs.end() ? it->second.action : overlay.action,
                   overlay.path});
    if (it != specs.end())
      specs.erase(it);
  }
  for (const auto& [key, spec] : specs)
    out.push_back(spec);
  std::sort(out.begin(), out.end(),
            [](const OperationFile& a, const OperationFile& b) { return a.path < b.path; });
  return out;
}

std::vector<std::string> find_operation_specs(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& f : find_operations(dir))
    out.push_back(f.path);
  return out;
}

std::optional<std::vector<std::string>> select_operations(const std::vector<OperationFile>& found,
                                                          const std::vector<std::string>& names,
                                                          const std::string& dir,
                                                          const char* command) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& name : names) {
    const auto it = std::find_if(found.begin(), found.end(),
                                 [&](const OperationFile& f) { return f.action == name; });
    if (it == found.end()) {
      std::string near;
      std::size_t best = 0;
      for (const auto& f : found) {
        const auto d = text::edit_distance(name, f.action, text::Case::kIgnored);
        if (near.empty() || d < best) {
          near = f.action;
          best = d;
        }
      }
      std::fprintf(stderr, "conform %s: no operation %s under %s%s\n", command, name.c_str(),
                   dir.c_str(), near.empty() ? "" : ("; did you mean " + near + "?").c_str());
      return std::nullopt;
    }
    if (seen.insert(it->path).second)
      out.push_back(it->path);
  }
  return out;
}

std::string resolve_spec_path(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path.empty() || fs::path(path).is_absolute() || fs::exists(path, ec))
    return path;
  const auto under = fs::path(default_specs_dir()) / path;
  return fs::exists(under, ec) ? under.string() : path;
}

std::shared_ptr<const spec::Operation> load_or_report(const std::string& given,
                                                      const char* command) {
  const std::string path = resolve_spec_path(given);
  try {
    return spec::load_operation(path);
  } catch (const spec::SpecLoadError& e) {
    for (const auto& err : e.errors()) {
      std::fprintf(stderr, "%s\n", err.to_string().c_str());
    }
    std::fprintf(stderr, "conform %s: %s: %zu error%s, spec not usable\n", command, path.c_str(),
                 e.errors().size(), e.errors().size() == 1 ? "" : "s");
    return nullptr;
  }
}

}  // namespace conform::app
