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

/// Every operation spec under a directory (files whose "format" is conform-operation/*), sorted.
std::vector<std::string> find_operation_specs(const std::string& dir);

/// Loads a spec, printing every defect to stderr as "file:pointer: rule: message".
/// Returns nullptr when the spec is unusable.
std::shared_ptr<const spec::Operation> load_or_report(const std::string& path, const char* command);

}  // namespace conform::app
