// The command line as a new user meets it: a version, a list of commands,
// typos answered with the nearest command, stray words refused, and scenario
// mistakes caught by `validate` before any run starts.
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

struct Cli {
  int code = -1;
  std::string out;  // stdout only
  std::string err;  // stderr only
};

// `faultline ARGS` (shell words) from the source dir.
Cli faultline_cli(const std::string& args) {
  const auto dir = std::filesystem::temp_directory_path() / ("faultline-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string cmd = std::string("cd " FAULTLINE_SOURCE_DIR " && " FAULTLINE_BINARY_DIR "/faultline ") +
                          args + " >" + (dir / "out").string() + " 2>" + (dir / "err").string();
  const int status = std::system(cmd.c_str());
  Cli r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  auto slurp = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  std::filesystem::remove_all(dir);
  return r;
}

std::string scenario_file(const std::string& name, const std::string& nodes_yaml) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("faultline-cli-" + std::to_string(::getpid()) + "-" + name + ".yaml");
  std::ofstream(path) << "name: " << name << "\ntime_limit: 1s\nnodes:\n  count: 1\n"
                      << nodes_yaml << "workload: {type: echo}\n";
  return path.string();
}

}  // namespace

TEST_CASE("the version flag prints the version", "[cli]") {
  const auto r = faultline_cli("--version");
  CHECK(r.code == 0);
  CHECK(r.out.rfind("faultline ", 0) == 0);
}

TEST_CASE("bare faultline and `help` list every command", "[cli]") {
  const auto bare = faultline_cli("");
  CHECK(bare.code == 254);
  const auto help = faultline_cli("help");
  CHECK(help.code == 0);
  for (const char* cmd : {"run", "validate", "check", "report", "suite"}) {
    CHECK(bare.err.find(std::string("  ") + cmd) != std::string::npos);
    CHECK(help.out.find(std::string("  ") + cmd) != std::string::npos);
  }
  const auto help_run = faultline_cli("help run");
  CHECK(help_run.code == 0);
  CHECK(help_run.out.find("--time-limit") != std::string::npos);
}

TEST_CASE("a mistyped command names the nearest one", "[cli]") {
  const auto rn = faultline_cli("rn scenarios/quickstart.yaml");
  CHECK(rn.code == 254);
  CHECK(rn.err.find("'rn' is not a command; did you mean 'run'?") != std::string::npos);
  const auto valdate = faultline_cli("valdate scenarios/quickstart.yaml");
  CHECK(valdate.code == 254);
  CHECK(valdate.err.find("did you mean 'validate'?") != std::string::npos);
}

TEST_CASE("a stray word before the command is an error, not ignored", "[cli]") {
  const auto r = faultline_cli("foo run scenarios/quickstart.yaml --time-limit 1s");
  CHECK(r.code == 254);
  CHECK(r.err.find("'foo' is not a command") != std::string::npos);
  CHECK(r.out.find("VALID") == std::string::npos);
}

TEST_CASE("command: written as a string suggests the split argv list", "[cli]") {
  const auto path = scenario_file("string-command", "  command: python3 mynodes/gcounter.py\n");
  const auto r = faultline_cli("validate " + path);
  CHECK(r.code == 254);
  CHECK(r.err.find("[python3, mynodes/gcounter.py]") != std::string::npos);
  const auto shell = scenario_file("shell-command", "  command: \"node a.js | tee log\"\n");
  const auto s = faultline_cli("validate " + shell);
  CHECK(s.err.find("[sh, -c, 'node a.js | tee log']") != std::string::npos);
  std::filesystem::remove(path);
  std::filesystem::remove(shell);
}

TEST_CASE("validate checks that the node binary resolves", "[cli]") {
  const auto missing = scenario_file("missing-bin", "  command: [build/nodes/no-such-node]\n");
  const auto r = faultline_cli("validate " + missing);
  CHECK(r.code == 254);
  CHECK(r.err.find(":5:13: node binary 'build/nodes/no-such-node' not found relative to") !=
        std::string::npos);
  const auto not_on_path = scenario_file("missing-path", "  command: [no-such-program-on-path]\n");
  const auto p = faultline_cli("validate " + not_on_path);
  CHECK(p.code == 254);
  CHECK(p.err.find("'no-such-program-on-path' not found on PATH") != std::string::npos);
  const auto on_path = scenario_file("on-path", "  command: [sh, -c, 'exit 0']\n");
  CHECK(faultline_cli("validate " + on_path).code == 0);
  CHECK(faultline_cli("validate scenarios/quickstart.yaml").code == 0);
  for (const auto& f : {missing, not_on_path, on_path}) std::filesystem::remove(f);
}
