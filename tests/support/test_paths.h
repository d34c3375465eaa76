#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace conform::testing {

/// A path inside the source tree the tests were built from.
inline std::string source_path(const std::string& relative) {
  return (std::filesystem::path(CONFORM_SOURCE_DIR) / relative).string();
}

/// The spec of the operation the project started from (an overlay on its import). `conform run`
/// and `conform mock` are given it by name: the specs directory holds every imported operation.
inline std::string seed_operation_path() {
  return source_path("specs/vpc/2016-04-28/CreatePhysicalConnectionOccupancyOrder.json");
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void write_text(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

/// A fresh directory removed at scope exit; unique per process, since ctest runs tests in
/// parallel processes.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("conform-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string path(const std::string& relative = "") const {
    return relative.empty() ? path_.string() : (path_ / relative).string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace conform::testing
