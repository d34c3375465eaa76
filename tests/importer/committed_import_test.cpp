// The import committed under specs/imported is what importing the published metadata beside the
// project gives today, byte for byte; and re-importing into a tree keeps what was written by hand.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "importer/api_docs.h"
#include "tests/support/test_paths.h"

namespace conform::importer {
namespace {

namespace fs = std::filesystem;
using conform::testing::read_text;
using conform::testing::ScratchDir;
using conform::testing::source_path;
using conform::testing::write_text;

std::string metadata(const std::string& name) {
  return (fs::path(CONFORM_SOURCE_DIR) / ".." / "shared" / "metadata" / name).string();
}

std::set<std::string> files_under(const fs::path& root) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file())
      out.insert(fs::relative(e.path(), root).string());
  }
  return out;
}

// A stale import (the metadata, the importer or the common spec changed since it was committed)
// fails here; `conform import api-docs ../shared/metadata/vpc-2016-04-28-api-docs.json
// --out specs/imported` brings it up to date (hand-written files there are kept).
TEST(committed_import, specs_imported_is_a_fresh_import_of_the_vpc_metadata) {
  const auto file = metadata("vpc-2016-04-28-api-docs.json");
  if (!fs::exists(file))
    GTEST_SKIP() << "the published metadata is not beside the project at " << file;
  ScratchDir dir("committed-import");
  const auto r =
      import_api_docs({file, dir.path("fresh"), source_path("specs/common/alibaba-rpc.json"), {}});
  EXPECT_EQ(r.imported.size(), 394u);
  const fs::path committed = source_path("specs/imported");
  const auto fresh_files = files_under(dir.path("fresh"));
  const auto committed_files = files_under(committed);
  EXPECT_EQ(committed_files.size(), 394u + 2u);  // the specs, the common spec, the summary
  EXPECT_EQ(fresh_files, committed_files);
  std::size_t differ = 0;
  for (const auto& f : fresh_files) {
    if (!committed_files.count(f))
      continue;
    if (read_text(dir.path("fresh/" + f)) != read_text((committed / f).string())) {
      ADD_FAILURE() << "specs/imported/" << f << " differs from a fresh import";
      if (++differ == 5)
        break;
    }
  }
}

std::string some_metadata() {
  return metadata("vpc-2016-04-28-api-docs.json");
}

TEST(committed_import, reimporting_in_place_keeps_overlays_and_other_hand_written_files) {
  if (!fs::exists(some_metadata()))
    GTEST_SKIP() << "no metadata beside the project";
  ScratchDir dir("reimport");
  const ImportOptions options{some_metadata(),
                              dir.path("out"),
                              source_path("specs/common/alibaba-rpc.json"),
                              {"CreateVpc", "DeleteVpc"}};
  import_api_docs(options);
  const std::string overlay = dir.path("out/vpc/2016-04-28/overlays/CreateVpc.json");
  const std::string note = dir.path("out/vpc/2016-04-28/oracle/README.md");
  write_text(overlay, R"({"format": "conform-overlay/1", "base": "../CreateVpc.json"})");
  write_text(note, "hand-written\n");
  // An imported spec edited by hand is still the import's: it is rewritten.
  write_text(dir.path("out/vpc/2016-04-28/DeleteVpc.json"), R"({"imported": {}})");

  import_api_docs(options);
  EXPECT_EQ(read_text(overlay), R"({"format": "conform-overlay/1", "base": "../CreateVpc.json"})");
  EXPECT_EQ(read_text(note), "hand-written\n");
  EXPECT_NE(read_text(dir.path("out/vpc/2016-04-28/DeleteVpc.json")), R"({"imported": {}})");
}

TEST(committed_import, a_hand_written_file_where_the_import_writes_is_refused_and_nothing_changes) {
  if (!fs::exists(some_metadata()))
    GTEST_SKIP() << "no metadata beside the project";
  ScratchDir dir("reimport-clash");
  const ImportOptions options{some_metadata(),
                              dir.path("out"),
                              source_path("specs/common/alibaba-rpc.json"),
                              {"CreateVpc"}};
  import_api_docs(options);
  const std::string spec = dir.path("out/vpc/2016-04-28/CreateVpc.json");
  const std::string by_hand = R"({"format": "conform-overlay/1", "base": "x.json"})";
  write_text(spec, by_hand);
  try {
    import_api_docs(options);
    FAIL() << "the hand-written file was overwritten";
  } catch (const ImportError& e) {
    EXPECT_NE(std::string(e.what()).find(spec + " was not written by conform import"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(read_text(spec), by_hand);
  EXPECT_EQ(files_under(dir.path()).size(), 3u);  // nothing left beside it either
}

}  // namespace
}  // namespace conform::importer
