#pragma once
// Files a run writes into its own directory. Nodes run as the same user and
// can reach the run directory through {{data_dir}}/../.., so any name there
// may have been replaced by a symbolic link to a file elsewhere. Outputs are
// therefore never opened through a link: whole files are written to a fresh
// temporary (O_EXCL, O_NOFOLLOW) and renamed over their name, which replaces
// a planted link instead of writing through it; files kept open for appending
// refuse a link outright.
#include <filesystem>
#include <string>
#include <string_view>

namespace faultline::history {

// A file that appears at its path only once complete (readers never see half
// of it). Not committed (an exception, an early return): the temporary goes.
class OutputFile {
 public:
  explicit OutputFile(std::filesystem::path path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view bytes);
  void commit();

 private:
  void flush();

  std::filesystem::path path_;
  std::filesystem::path dir_;
  std::string temp_name_;
  int dir_fd_ = -1;
  int fd_ = -1;
  std::string buffer_;
};

void write_file(const std::filesystem::path& path, std::string_view bytes);

// open(2) for writing with O_NOFOLLOW added; a symbolic link at `path` is
// refused with an error that says so. Throws std::runtime_error naming path.
int open_for_writing(const std::filesystem::path& path, int flags, int mode = 0644);

}  // namespace faultline::history
