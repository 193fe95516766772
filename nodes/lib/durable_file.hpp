#pragma once
// Crash-safe small-file persistence: a reader after a SIGKILL sees either the
// old or the new contents, never a torn mix, and a completed write survives.
#include <filesystem>
#include <optional>
#include <string>

namespace fl_node {

// Writes `path` via a temporary file, fsync, rename and a directory fsync.
// Throws std::runtime_error (with the path and errno text) on failure.
void write_file_durably(const std::filesystem::path& path, const std::string& contents);

// The file's contents, or nullopt if it does not exist. Throws on other errors.
std::optional<std::string> read_file_if_exists(const std::filesystem::path& path);

}  // namespace fl_node
