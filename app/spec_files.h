#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/spec/model.h"

namespace conform::app {

/// The directory conform looks in for specs when none are named: $CONFORM_SPECS_DIR, else the
/// specs installed beside the executable (<bin>/../share/conform/specs), else the specs/ folder
/// of the source tree the binary was built from (a binary in the build tree has none installed).
std::string default_specs_dir();

/// The protocol spec an import names when none is given: the only .json in the specs directory's
/// common/ folder, or empty when there is not exactly one.
std::string default_common_spec();

/// One operation found under a specs directory: its action and the file that stands for it.
struct OperationFile {
  std::string action;
  std::string path;
};

/// One file per operation under a directory, recursively, sorted by path: operation specs
/// ("format": conform-operation/*) and overlays (conform-overlay/*), where an overlay stands in
/// for the base it names (so an imported spec with a hand-written overlay is found once).
std::vector<OperationFile> find_operations(const std::string& dir);

/// The paths of find_operations(dir).
std::vector<std::string> find_operation_specs(const std::string& dir);

/// The files of the named actions, in the order named (each once). An unknown name is a usage
/// error printed to stderr as "conform COMMAND: no operation NAME under DIR; did you mean X?"
/// and gives nullopt.
std::optional<std::vector<std::string>> select_operations(const std::vector<OperationFile>& found,
                                                          const std::vector<std::string>& names,
                                                          const std::string& dir,
                                                          const char* command);

/// A spec path as given, or, when it is relative and names no file from the working directory,
/// the same path under default_specs_dir() if a file is there (so that
/// `--spec vpc/2016-04-28/<Action>.json` works from anywhere, installed or not).
std::string resolve_spec_path(const std::string& path);

/// Loads a spec (its path resolved with resolve_spec_path), printing every defect to stderr as
/// "file:pointer: rule: message".
/// Returns nullptr when the spec is unusable.
std::shared_ptr<const spec::Operation> load_or_report(const std::string& path, const char* command);

}  // namespace conform::app
