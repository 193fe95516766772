#include "history/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using faultline::history::open_for_writing;
using faultline::history::OutputFile;
using faultline::history::write_file;

namespace {

struct Dir {
  fs::path path;
  Dir() {
    char tmpl[] = "/tmp/fl-output-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~Dir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void put(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

}  // namespace

TEST_CASE("write_file replaces a planted link instead of writing through it") {
  Dir run, elsewhere;
  put(elsewhere.path / "victim", "untouched");
  fs::create_symlink(elsewhere.path / "victim", run.path / "results.json");
  write_file(run.path / "results.json", "{\"verdict\":\"valid\"}\n");
  CHECK(slurp(elsewhere.path / "victim") == "untouched");
  CHECK_FALSE(fs::is_symlink(run.path / "results.json"));
  CHECK(slurp(run.path / "results.json") == "{\"verdict\":\"valid\"}\n");
}

TEST_CASE("an OutputFile appears only when committed and leaves no temporary behind") {
  Dir run;
  {
    OutputFile out(run.path / "history.edn");
    out.write(std::string(200000, 'x'));  // more than one buffer's worth
    CHECK_FALSE(fs::exists(run.path / "history.edn"));
    out.commit();
  }
  CHECK(fs::file_size(run.path / "history.edn") == 200000);
  {
    OutputFile abandoned(run.path / "history.txt");
    abandoned.write("half");
  }
  CHECK_FALSE(fs::exists(run.path / "history.txt"));
  CHECK(std::distance(fs::directory_iterator(run.path), fs::directory_iterator()) == 1);
}

TEST_CASE("a planted link at the old fixed temporary name is not followed") {
  Dir run, elsewhere;
  put(elsewhere.path / "victim", "untouched");
  fs::create_symlink(elsewhere.path / "victim", run.path / "report.html.tmp");
  fs::create_symlink(elsewhere.path / "victim", run.path / "report.html");
  write_file(run.path / "report.html", "<html></html>");
  CHECK(slurp(elsewhere.path / "victim") == "untouched");
  CHECK(slurp(run.path / "report.html") == "<html></html>");
}

TEST_CASE("open_for_writing refuses a link and says so") {
  Dir run, elsewhere;
  put(elsewhere.path / "victim", "untouched");
  fs::create_symlink(elsewhere.path / "victim", run.path / "n1.log");
  try {
    open_for_writing(run.path / "n1.log", O_WRONLY | O_CREAT | O_APPEND);
    FAIL("a link was opened");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("symbolic link") != std::string::npos);
    CHECK(std::string(e.what()).find("n1.log") != std::string::npos);
  }
  CHECK(slurp(elsewhere.path / "victim") == "untouched");
  const int fd = open_for_writing(run.path / "n2.log", O_WRONLY | O_CREAT | O_APPEND);
  CHECK(fd >= 0);
  ::close(fd);
}

TEST_CASE("write_file into a missing directory is an error naming the file") {
  Dir run;
  CHECK_THROWS_WITH(write_file(run.path / "no" / "x.html", "x"), Catch::Contains("x.html"));
}
