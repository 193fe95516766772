#include "history/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>
#include <utility>

namespace faultline::history {

namespace {

std::runtime_error write_error(const std::filesystem::path& path, int err) {
  if (err == ELOOP)
    return std::runtime_error("refusing to write " + path.string() +
                              ": it is a symbolic link (something in the run directory planted it)");
  return std::runtime_error("cannot write " + path.string() + ": " + std::strerror(err));
}

std::string random_suffix() {
  static std::random_device device;
  static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  for (int i = 0; i < 10; ++i) out += digits[device() % (sizeof(digits) - 1)];
  return out;
}

}  // namespace

int open_for_writing(const std::filesystem::path& path, int flags, int mode) {
  const int fd = ::open(path.c_str(), flags | O_NOFOLLOW | O_CLOEXEC, mode);
  if (fd < 0) throw write_error(path, errno);
  return fd;
}

OutputFile::OutputFile(std::filesystem::path path) : path_(std::move(path)) {
  dir_ = path_.has_parent_path() ? path_.parent_path() : std::filesystem::path(".");
  dir_fd_ = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd_ < 0) throw write_error(path_, errno);
  // O_EXCL on a name nobody else knows: a link planted in advance cannot match it.
  for (int attempt = 0; fd_ < 0; ++attempt) {
    temp_name_ = "." + path_.filename().string() + ".tmp-" + random_suffix();
    fd_ = ::openat(dir_fd_, temp_name_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd_ < 0 && (errno != EEXIST || attempt >= 16)) {
      const int err = errno;
      ::close(dir_fd_);
      throw write_error(path_, err);
    }
  }
  buffer_.reserve(1 << 16);
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlinkat(dir_fd_, temp_name_.c_str(), 0);
  }
  if (dir_fd_ >= 0) ::close(dir_fd_);
}

void OutputFile::write(std::string_view bytes) {
  buffer_.append(bytes);
  if (buffer_.size() >= (1 << 16)) flush();
}

void OutputFile::flush() {
  std::string_view rest = buffer_;
  while (!rest.empty()) {
    const ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw write_error(path_, errno);
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  buffer_.clear();
}

void OutputFile::commit() {
  flush();
  if (::close(std::exchange(fd_, -1)) != 0) {
    const int err = errno;
    ::unlinkat(dir_fd_, temp_name_.c_str(), 0);
    throw write_error(path_, err);
  }
  // rename(2) replaces the directory entry itself: a link there is replaced, never followed.
  if (::renameat(dir_fd_, temp_name_.c_str(), dir_fd_, path_.filename().c_str()) != 0) {
    const int err = errno;
    ::unlinkat(dir_fd_, temp_name_.c_str(), 0);
    throw write_error(path_, err);
  }
}

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  OutputFile out(path);
  out.write(bytes);
  out.commit();
}

}  // namespace faultline::history
