#pragma once

#include <string>

namespace conform::report {

/// Writes the whole text to a hidden temporary file (".NAME.PID.N.tmp") beside `path` and renames
/// it over `path`. A reader, or a process killed mid-write, only ever sees the old file or the new
/// one, never a prefix. Throws std::runtime_error naming the path when the directory is not
/// writable.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace conform::report
