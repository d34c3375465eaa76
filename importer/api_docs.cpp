#include "importer/api_docs.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/json/parse.h"
#include "core/spec/loader.h"
#include "core/text/ascii.h"
#include "importer/operation_builder.h"
#include "importer/spec_repair.h"

namespace conform::importer {
namespace {

namespace fs = std::filesystem;

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw ImportError("cannot read " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out.flush())
    throw ImportError("cannot write " + path.string());
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return text::hex_lower(std::string_view(reinterpret_cast<const char*>(digest), length));
}

// The shape the importer relies on; anything else is a malformed file.
void check_shape(const Json& root, const std::string& file) {
  const auto fail = [&](const std::string& pointer, const std::string& what) {
    throw MalformedInput(file, pointer, what);
  };
  if (!root.is_object())
    fail("", "the metadata is not a JSON object");
  if (!root.contains("version") || !root["version"].is_string())
    fail("/version", "no \"version\" string (the format's version)");
  if (!root.contains("info") || !root["info"].is_object())
    fail("/info", "no \"info\" object");
  const auto& info = root["info"];
  if (!info.contains("product") || !info["product"].is_string() ||
      !is_spec_name(info["product"].get<std::string>()))
    fail("/info/product", "no product name");
  static const std::regex date("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  if (!info.contains("version") || !info["version"].is_string() ||
      !std::regex_match(info["version"].get<std::string>(), date))
    fail("/info/version", "no API version of the form YYYY-MM-DD");
  if (!root.contains("apis") || !root["apis"].is_object())
    fail("/apis", "no \"apis\" object");
  if (root.contains("components") && !root["components"].is_object())
    fail("/components", "\"components\" is not an object");
}

Protocol read_protocol(const Json& common, const std::string& common_name) {
  Protocol p;
  p.common_ref = "../../common/" + common_name;
  try {
    for (const auto& param : common.at("parameters"))
      p.parameters.insert(param.at("name").get<std::string>());
    for (const auto& e : common.at("errors"))
      p.errors.insert({e.at("code").get<std::string>(), e.at("http").get<int>()});
    for (const auto& o : common.at("outcomes"))
      p.outcomes.insert(o.at("id").get<std::string>());
    for (const auto& [scheme, what] : common.at("signatures").items())
      p.signatures.push_back(scheme);
    for (const auto& [format, types] : common.at("responses").at("content_types").items())
      p.formats.push_back(format);
    if (const auto body = common.at("responses").find("error_body");
        body != common.at("responses").end()) {
      for (const auto& f : body->at("fields")) {
        if (f.contains("value"))
          p.role_fields[f.at("name").get<std::string>()] = f;
      }
    }
  } catch (const Json::exception& e) {
    throw ImportError("the common spec is not one: " + std::string(e.what()));
  }
  for (const char* id : {kMissingOutcome, kInvalidOutcome}) {
    if (!p.outcomes.count(id))
      throw ImportError("the common spec has no outcome \"" + std::string(id) + "\"");
  }
  return p;
}

// Removes the temporary directory unless the import got as far as renaming it.
struct TempDir {
  fs::path path;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// True for a file an earlier import wrote: the summary, the copied common spec, or a spec with an
// "imported" block. Anything else in the output directory was put there by hand.
bool written_by_import(const fs::path& root, const fs::path& file) {
  const fs::path relative = file.lexically_relative(root);
  if (relative == kSummaryFile || *relative.begin() == "common")
    return true;
  if (file.extension() != ".json")
    return false;
  try {
    const Json doc = conform::json::read_file_strict(file.string());
    return doc.is_object() && doc.contains("imported") && doc["imported"].is_object();
  } catch (const conform::json::ParseError&) {
    return false;
  }
}

// Copies every hand-written file of `to` (overlays, oracle cases, notes) to the same place in
// `from`, so that re-importing in place keeps them. A hand-written file where the import writes
// one is refused before anything is changed.
void carry_hand_written(const fs::path& to, const fs::path& from) {
  std::vector<fs::path> kept;
  for (const auto& entry : fs::recursive_directory_iterator(to)) {
    if (entry.is_regular_file() && !written_by_import(to, entry.path()))
      kept.push_back(entry.path());
  }
  for (const auto& file : kept) {
    const fs::path target = from / file.lexically_relative(to);
    if (fs::exists(target)) {
      throw ImportError(file.string() +
                        " was not written by conform import and the import writes a file there; "
                        "move it (an overlay names its base with \"base\") and import again");
    }
  }
  for (const auto& file : kept) {
    const fs::path target = from / file.lexically_relative(to);
    fs::create_directories(target.parent_path());
    fs::copy_file(file, target);
  }
}

// Puts `from` (complete) where `to` was, keeping `to` untouched on any failure before the swap,
// and carrying over what was written by hand inside it.
void replace_dir(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (!fs::exists(to, ec)) {
    fs::rename(from, to);
    return;
  }
  if (!fs::is_directory(to) || (!fs::is_empty(to) && !fs::exists(to / kSummaryFile)))
    throw ImportError(to.string() +
                      " exists and was not written by conform import; choose another --out");
  carry_hand_written(to, from);
  const fs::path old =
      to.parent_path() / ("." + to.filename().string() + ".old-" + std::to_string(::getpid()));
  fs::rename(to, old);
  fs::rename(from, to);
  fs::remove_all(old, ec);
}

}  // namespace

std::map<std::string, std::size_t> ImportResult::skipped_by_reason() const {
  std::map<std::string, std::size_t> out;
  for (const auto& s : skipped)
    ++out[s.reason];
  return out;
}

std::map<std::string, std::size_t> ImportResult::unmapped_by_reason() const {
  std::map<std::string, std::size_t> out;
  for (const auto& u : unmapped)
    ++out[u.reason];
  return out;
}

ImportResult import_api_docs(const ImportOptions& options) {
  Json root;
  try {
    root = conform::json::read_file_strict(options.file, 256u << 20);
  } catch (const conform::json::ParseError& e) {
    throw MalformedInput(options.file, e.where, e.what());
  }
  check_shape(root, options.file);
  const std::string input_bytes = read_bytes(options.file);
  const std::string common_bytes = read_bytes(options.common_file);
  Json common;
  try {
    common = conform::json::parse_strict(common_bytes);
  } catch (const conform::json::ParseError& e) {
    throw ImportError(options.common_file + ": " + e.what());
  }
  const std::string common_name = fs::path(options.common_file).filename().string();
  const Protocol protocol = read_protocol(common, common_name);

  ImportResult result;
  const Provenance source{fs::path(options.file).filename().string(), sha256_hex(input_bytes),
                          root["version"], root["info"]["product"], root["info"]["version"]};
  result.product = source.product;
  result.version = source.version;
  result.format_version = source.format_version;
  result.operations = root["apis"].size();
  std::vector<std::string> names = options.operations;
  for (const auto& n : names) {
    if (!root["apis"].contains(n))
      throw ImportError("no operation " + n + " in " + options.file);
  }
  if (names.empty()) {
    for (const auto& [name, api] : root["apis"].items())
      names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  const fs::path out = fs::path(options.out_dir).lexically_normal();
  const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
  TempDir temp{parent / ("." + out.filename().string() + ".import-" + std::to_string(::getpid()))};
  std::error_code ec;
  fs::remove_all(temp.path, ec);
  try {
    fs::create_directories(temp.path);
  } catch (const fs::filesystem_error& e) {
    throw ImportError("cannot create " + temp.path.string() + ": " + e.code().message());
  }
  write_bytes(temp.path / "common" / common_name, common_bytes);

  const Document doc{root, "api-docs"};
  std::string product_dir = source.product;
  std::transform(product_dir.begin(), product_dir.end(), product_dir.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  for (const auto& name : names) {
    std::vector<Unmapped> notes_of_op;
    const Notes notes{name, &notes_of_op};
    Built built = build_operation(doc, name, source, protocol, notes);
    if (!built.spec) {
      result.skipped.push_back({name, built.skip_reason, built.skip_detail});
      continue;
    }
    const fs::path path = temp.path / product_dir / source.version / (name + ".json");
    fs::create_directories(path.parent_path());
    const auto failure = write_loadable(*built.spec, path.string(), temp.path.string(), notes);
    if (failure) {
      fs::remove(path, ec);
      result.skipped.push_back({name, "does-not-load", *failure});
      continue;
    }
    result.imported.push_back(name);
    result.unmapped.insert(result.unmapped.end(), notes_of_op.begin(), notes_of_op.end());
  }
  write_bytes(temp.path / kSummaryFile, summary_json(result, source.file, source.sha256));
  try {
    replace_dir(temp.path, out);
  } catch (const fs::filesystem_error& e) {
    throw ImportError("cannot write " + out.string() + ": " + e.code().message());
  }
  return result;
}

std::string summary_json(const ImportResult& result, const std::string& file_name,
                         const std::string& sha256) {
  Out skipped = Out::array();
  for (const auto& s : result.skipped)
    skipped.push_back({{"operation", s.operation}, {"reason", s.reason}, {"detail", s.detail}});
  Out unmapped = Out::array();
  for (const auto& u : result.unmapped) {
    unmapped.push_back({{"operation", u.operation},
                        {"pointer", u.pointer},
                        {"reason", u.reason},
                        {"detail", u.detail}});
  }
  const Out summary = {{"format", "conform-import-summary/1"},
                       {"file", file_name},
                       {"sha256", sha256},
                       {"format_version", result.format_version},
                       {"product", result.product},
                       {"version", result.version},
                       {"operations", result.operations},
                       {"imported", result.imported.size()},
                       {"skipped", result.skipped.size()},
                       {"skipped_by_reason", result.skipped_by_reason()},
                       {"unmapped", result.unmapped.size()},
                       {"unmapped_by_reason", result.unmapped_by_reason()},
                       {"skipped_operations", skipped},
                       {"unmapped_facts", unmapped}};
  return summary.dump(2) + "\n";
}

}  // namespace conform::importer
