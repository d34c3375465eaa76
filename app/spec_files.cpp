#include "app/spec_files.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/spec/loader.h"

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

std::vector<std::string> find_operation_specs(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".json")
      continue;
    // Only the "format" member decides; the loader does the real validation once a file is chosen.
    std::ifstream in(it->path());
    const auto doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (doc.is_object() && doc.contains("format") && doc["format"].is_string() &&
        doc["format"].get<std::string>().rfind("conform-operation/", 0) == 0) {
      out.push_back(std::filesystem::proximate(it->path(), ec).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::shared_ptr<const spec::Operation> load_or_report(const std::string& path,
                                                      const char* command) {
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
