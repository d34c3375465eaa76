// Fuzz target spec_loader: bytes as a spec file through the loader (core/spec/loader: strict JSON
// parse, schema validation, model building and cross-checks), and a spec that loads through the
// linter and the parts of the mock that read the model (fixtures, generated values, bodies).
//
// First byte (the selector): bit 0 clear: the rest is the operation spec, next to the real common
// spec; bit 0 set: the rest is the common spec, next to the real operation spec. The loader reads
// files, so the input is written into a scratch copy of the specs/ layout.
#include <unistd.h>

#include <filesystem>
#include <random>

#include "core/spec/lint.h"
#include "core/spec/loader.h"
#include "mock/bodies.h"
#include "mock/fixtures.h"
#include "tests/fuzz/fuzz_support.h"
#include "tests/fuzz/fuzz_targets.h"

namespace conform::fuzz {
namespace {

namespace fs = std::filesystem;

// specs/ as in the source tree, under a directory of this process, removed at exit.
struct Scratch {
  Scratch()
      : root(fs::temp_directory_path() / ("conform-fuzz-spec-" + std::to_string(::getpid()))),
        op_path((root / kOperationSpec).string()),
        common_path((root / kCommonSpec).string()),
        real_op(conform::testing::read_text(conform::testing::source_path(kOperationSpec))),
        real_common(conform::testing::read_text(conform::testing::source_path(kCommonSpec))) {}
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  fs::path root;
  std::string op_path;
  std::string common_path;
  std::string real_op;
  std::string real_common;
};

const Scratch& scratch() {
  static const Scratch s;
  return s;
}

void exercise(const spec::Operation& op) {
  spec::lint(op);
  mock::default_fixtures(op);
  std::mt19937_64 random(1);
  const auto values = mock::generate_values(op, random);
  for (const auto& [format, accepted] : op.protocol.content_types) {
    mock::render_success(op, format, {"request-id", "host", "", "", ""}, values);
    mock::render_error(op, format, {"request-id", "host", "Code", "message", "link"});
  }
}

}  // namespace

int fuzz_spec_loader(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  const auto& s = scratch();
  const std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  const bool common = (data[0] & 1) != 0;
  conform::testing::write_text(s.op_path, common ? s.real_op : input);
  conform::testing::write_text(s.common_path, common ? input : s.real_common);
  try {
    exercise(*spec::load_operation(s.op_path));
  } catch (const spec::SpecLoadError&) {
    // A defect reported as such is the loader doing its job.
  }
  return 0;
}

}  // namespace conform::fuzz
