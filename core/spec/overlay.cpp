#include "core/spec/overlay.h"

#include <filesystem>
#include <functional>
#include <regex>

namespace conform::spec {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Each entry of a keyed array carries, while the merge runs, where it and the values an overlay set
// inside it came from. Entries move (drops, placements), so pointers are fixed only at the end.
// The member name cannot occur in a spec: every schema refuses control characters in names.
const char* const kAnnotation = "\x01origin";

// Members of an overlay that steer the merge and are not facts of the operation.
bool is_control_member(const std::string& name) {
  return name == "$schema" || name == "format" || name == "base" || name == "drop";
}

std::string escape(const std::string& segment) {
  std::string out;
  for (char c : segment) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string unescape(const std::string& segment) {
  std::string out;
  for (std::size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] == '~' && i + 1 < segment.size() &&
        (segment[i + 1] == '0' || segment[i + 1] == '1')) {
      out += segment[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += segment[i];
    }
  }
  return out;
}

std::vector<std::string> segments(const std::string& pointer) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= pointer.size() && !pointer.empty()) {
    const auto end = pointer.find('/', start);
    out.push_back(unescape(pointer.substr(start, end - start)));
    if (end == std::string::npos)
      break;
    start = end + 1;
  }
  return out;
}

json origin_json(const std::string& file, const std::string& pointer) {
  return {{"file", file}, {"pointer", pointer}, {"set", json::object()}};
}

// Marks every entry of every keyed array under `node` with where it is in `file`.
void annotate(json& node, const std::string& pointer, const std::string& file) {
  if (node.is_object()) {
    for (auto& [name, child] : node.items())
      annotate(child, pointer + "/" + escape(name), file);
    return;
  }
  if (!node.is_array())
    return;
  const bool keyed = !entry_key_at(pointer).empty();
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string child = pointer + "/" + std::to_string(i);
    annotate(node[i], child, file);
    if (keyed && node[i].is_object())
      node[i][kAnnotation] = origin_json(file, child);
  }
}

// Replaces array indices in a pointer with a placeholder so keyed arrays are recognised anywhere.
std::string shape_of(const std::string& pointer) {
  static const std::regex index("/[0-9]+(?=/|$)");
  return std::regex_replace(pointer, index, "/*");
}

int find_entry(const json& array, const std::string& key, const std::string& value) {
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (array[i].is_object() && array[i].contains(key) && array[i][key] == value)
      return static_cast<int>(i);
  }
  return -1;
}

struct Context {
  std::string overlay_path;
  std::vector<SpecError>& errors;
};

void merge_value(json& target, const json& over, const std::string& merged_pointer,
                 const std::string& over_pointer, json& annotation, const std::string& relative,
                 Context& ctx);

void merge_entries(json& target, const json& over, const std::string& merged_pointer,
                   const std::string& over_pointer, const std::string& key, Context& ctx) {
  for (std::size_t i = 0; i < over.size(); ++i) {
    const std::string entry_pointer = over_pointer + "/" + std::to_string(i);
    json entry = over[i];
    const std::string name = entry[key].get<std::string>();
    std::optional<std::string> before;
    if (entry.contains("before")) {
      before = entry["before"].get<std::string>();
      entry.erase("before");
    }
    const int at = find_entry(target, key, name);
    if (at >= 0) {
      auto& base_entry = target[static_cast<std::size_t>(at)];
      json& annotation = base_entry[kAnnotation];
      merge_value(base_entry, entry, merged_pointer + "/" + std::to_string(at), entry_pointer,
                  annotation, "", ctx);
      if (!before)
        continue;
      // A matched entry with "before" moves: the order of rules or response fields is a fact too.
      if (find_entry(target, key, *before) < 0) {
        ctx.errors.push_back(
            {ctx.overlay_path, entry_pointer + "/before", "overlay-before",
             "no entry with " + key + " " + *before + " to place " + name + " before"});
        continue;
      }
      json moved = std::move(base_entry);
      target.erase(target.begin() + at);
      target.insert(target.begin() + find_entry(target, key, *before), std::move(moved));
      continue;
    }
    annotate(entry, entry_pointer, ctx.overlay_path);
    entry[kAnnotation] = origin_json(ctx.overlay_path, entry_pointer);
    if (!before) {
      target.push_back(std::move(entry));
      continue;
    }
    const int place = find_entry(target, key, *before);
    if (place < 0) {
      ctx.errors.push_back(
          {ctx.overlay_path, entry_pointer + "/before", "overlay-before",
           "no entry with " + key + " " + *before + " to place " + name + " before"});
      continue;
    }
    target.insert(target.begin() + place, std::move(entry));
  }
}

void merge_value(json& target, const json& over, const std::string& merged_pointer,
                 const std::string& over_pointer, json& annotation, const std::string& relative,
                 Context& ctx) {
  if (target.is_object() && over.is_object()) {
    for (const auto& [name, value] : over.items()) {
      const std::string step = "/" + escape(name);
      if (target.contains(name) && target[name] == value)
        continue;
      if (target.contains(name)) {
        merge_value(target[name], value, merged_pointer + step, over_pointer + step, annotation,
                    relative + step, ctx);
        continue;
      }
      target[name] = value;
      annotate(target[name], over_pointer + step, ctx.overlay_path);
      annotation["set"][relative + step] = over_pointer + step;
    }
    return;
  }
  const std::string key = entry_key_at(shape_of(merged_pointer));
  if (target.is_array() && over.is_array() && !key.empty()) {
    merge_entries(target, over, merged_pointer, over_pointer, key, ctx);
    return;
  }
  target = over;
  annotate(target, over_pointer, ctx.overlay_path);
  annotation["set"][relative.empty() ? "/" : relative] = over_pointer;
}

// Finds the value a drop path names: members by name, keyed entries by key, others by index.
// Sets `parent` and the member or index of the value in it; nullptr when there is none.
json* resolve_drop(json& doc, const std::string& path, json*& parent, std::string& member,
                   std::size_t& index) {
  json* node = &doc;
  std::string pointer;
  for (const auto& segment : segments(path)) {
    parent = node;
    if (node->is_object()) {
      if (!node->contains(segment))
        return nullptr;
      member = segment;
      node = &(*node)[segment];
      pointer += "/" + escape(segment);
      continue;
    }
    if (!node->is_array())
      return nullptr;
    const std::string key = entry_key_at(pointer);
    int at = -1;
    if (!key.empty()) {
      at = find_entry(*node, key, segment);
    } else if (!segment.empty() && segment.size() < 9 &&
               segment.find_first_not_of("0123456789") == std::string::npos &&
               std::stoul(segment) < node->size()) {
      at = static_cast<int>(std::stoul(segment));
    }
    if (at < 0)
      return nullptr;
    member.clear();
    index = static_cast<std::size_t>(at);
    node = &(*node)[index];
    pointer += "/" + std::to_string(at);
  }
  return node;
}

void apply_drops(json& doc, const json& drops, Context& ctx) {
  for (std::size_t i = 0; i < drops.size(); ++i) {
    const std::string at = drops[i]["at"].get<std::string>();
    json* parent = nullptr;
    std::string member;
    std::size_t index = 0;
    if (!resolve_drop(doc, at, parent, member, index) || parent == nullptr) {
      ctx.errors.push_back({ctx.overlay_path, "/drop/" + std::to_string(i) + "/at", "overlay-drop",
                            "the base has nothing at " + at});
      continue;
    }
    if (parent->is_object())
      parent->erase(member);
    else
      parent->erase(parent->begin() + static_cast<std::ptrdiff_t>(index));
  }
}

// Moves the annotations out of the merged document into the origin map, now that every entry is
// where it stays.
void collect(json& node, const std::string& pointer, std::map<std::string, Origin>& origins) {
  if (node.is_object() && node.contains(kAnnotation)) {
    const json annotation = node[kAnnotation];
    node.erase(kAnnotation);
    const std::string file = annotation["file"];
    const std::string from = annotation["pointer"];
    origins[pointer] = {file, from};
    for (const auto& [relative, over_pointer] : annotation["set"].items()) {
      origins[relative == "/" ? pointer : pointer + relative] = {
          annotation.contains("overlay") ? annotation["overlay"].get<std::string>() : file,
          over_pointer.get<std::string>()};
    }
  }
  if (node.is_object()) {
    for (auto& [name, child] : node.items())
      collect(child, pointer + "/" + escape(name), origins);
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      collect(node[i], pointer + "/" + std::to_string(i), origins);
  }
}

}  // namespace

std::string entry_key_at(const std::string& array_pointer) {
  const std::string shape = shape_of(array_pointer);
  if (shape == "/parameters")
    return "name";
  if (shape == "/errors")
    return "code";
  if (shape == "/outcomes" || shape == "/rules")
    return "id";
  static const std::regex fields("/response(/fields/\\*)*/fields");
  if (std::regex_match(shape, fields))
    return "name";
  return "";
}

Origin Merged::origin_of(const std::string& pointer) const {
  const std::string p = pointer == "/" ? "" : pointer;
  for (std::string prefix = p;; prefix = prefix.substr(0, prefix.rfind('/'))) {
    if (const auto it = origins.find(prefix); it != origins.end()) {
      const std::string rest = p.substr(prefix.size());
      return {it->second.file, it->second.pointer + rest};
    }
    if (prefix.empty())
      return {"", pointer};
  }
}

bool is_overlay(const json& doc) {
  return doc.is_object() && doc.contains("format") && doc["format"].is_string() &&
         doc["format"].get<std::string>().rfind("conform-overlay/", 0) == 0;
}

std::string base_path_of(const json& overlay, const std::string& overlay_path) {
  return (fs::path(overlay_path).parent_path() / overlay["base"].get<std::string>())
      .lexically_normal()
      .string();
}

std::optional<Merged> apply_overlay(const json& base, const std::string& base_path,
                                    const json& overlay, const std::string& overlay_path,
                                    std::vector<SpecError>& errors) {
  Merged merged;
  merged.doc = base;
  // The base names its common spec relative to itself; the merged spec is read as the overlay.
  const fs::path common = (fs::path(base_path).parent_path() / base["common"].get<std::string>());
  const fs::path overlay_dir = fs::path(overlay_path).parent_path();
  merged.doc["common"] = common.lexically_normal()
                             .lexically_relative(overlay_dir.empty() ? fs::path(".") : overlay_dir)
                             .generic_string();
  annotate(merged.doc, "", base_path);
  json root_annotation = origin_json(base_path, "");
  root_annotation["overlay"] = overlay_path;

  Context ctx{overlay_path, errors};
  const std::size_t errors_before = errors.size();
  if (overlay.contains("drop"))
    apply_drops(merged.doc, overlay["drop"], ctx);
  for (const auto& [name, value] : overlay.items()) {
    if (is_control_member(name))
      continue;
    const std::string step = "/" + escape(name);
    if (merged.doc.contains(name)) {
      merge_value(merged.doc[name], value, step, step, root_annotation, step, ctx);
    } else {
      merged.doc[name] = value;
      annotate(merged.doc[name], step, overlay_path);
      root_annotation["set"][step] = step;
    }
  }
  // Values set inside an entry of the base come from the overlay; the entry itself from the base.
  std::function<void(json&)> mark = [&](json& node) {
    if (node.is_object() && node.contains(kAnnotation) && !node[kAnnotation]["set"].empty())
      node[kAnnotation]["overlay"] = overlay_path;
    if (node.is_structured()) {
      for (auto& child : node)
        mark(child);
    }
  };
  mark(merged.doc);
  merged.doc[kAnnotation] = root_annotation;
  collect(merged.doc, "", merged.origins);
  if (errors.size() != errors_before)
    return std::nullopt;
  return merged;
}

}  // namespace conform::spec
