#include "faultline_run.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

namespace faultline::e2e {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string dump(const Outcome& o) {
  std::string text = "exit " + std::to_string(o.exit_code) + "\n" + o.output;
  if (!o.results.empty()) text += "\nresults: " + boost::json::serialize(o.results);
  return text;
}

const boost::json::object& checker(const Outcome& o, const std::string& name) {
  return o.results.at("checkers").at(name).as_object();
}

namespace {

std::vector<int> pids_with_tag(const std::string& tag) {
  std::vector<int> pids;
  const std::string needle = "FAULTLINE_TEST_TAG=" + tag;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream env(entry.path() / "environ", std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(env)), std::istreambuf_iterator<char>());
    std::string stat = read_file(entry.path() / "stat");
    const bool zombie = stat.find(") Z ") != std::string::npos;
    if (!zombie && data.find(needle) != std::string::npos) pids.push_back(std::stoi(name));
  }
  return pids;
}

}  // namespace

std::string unique_tag() {
  std::random_device rd;
  return "ft" + std::to_string(::getpid()) + "_" + std::to_string(rd()) + std::to_string(rd());
}

// A killed harness's processes die asynchronously (the kernel empties its
// PID namespace); give that a moment, never forever.
std::vector<int> leftover_pids(const std::string& tag) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  auto pids = pids_with_tag(tag);
  while (!pids.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    pids = pids_with_tag(tag);
  }
  return pids;
}

namespace {

Outcome run(const fs::path& scenario, const std::vector<std::string>& extra_args, int signal_after_ms,
            int signal, const fs::path& work) {
  Outcome out;
  out.work_dir = std::shared_ptr<void>(nullptr, [work](void*) {
    std::error_code ec;
    fs::remove_all(work, ec);
  });
  const std::string tag = unique_tag();
  // The caller may name the run dir itself (e.g. to reuse one on purpose).
  fs::path run_dir = work / "run";
  const auto named = std::find(extra_args.begin(), extra_args.end(), "--run-dir");
  if (named != extra_args.end() && named + 1 != extra_args.end()) run_dir = *(named + 1);
  const fs::path log = work / "output.txt";
  std::vector<std::string> args = {
      FAULTLINE_BINARY_DIR "/faultline", "run",          scenario.string(), "--store",
      (work / "store").string(),         "--no-progress"};
  if (named == extra_args.end()) args.insert(args.end(), {"--run-dir", run_dir.string()});
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::chdir(FAULTLINE_SOURCE_DIR);
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::setenv("FAULTLINE_TEST_TAG", tag.c_str(), 1);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  if (signal_after_ms > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(signal_after_ms));
    ::kill(pid, signal);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  out.output = read_file(log);
  out.run_dir = run_dir;
  if (fs::exists(run_dir / "results.json")) {
    boost::system::error_code ec;
    auto v = boost::json::parse(read_file(run_dir / "results.json"), ec);
    if (!ec && v.is_object()) out.results = v.as_object();
  }
  std::ifstream history(run_dir / "history.jsonl");
  for (std::string line; std::getline(history, line);) {
    boost::system::error_code ec;
    auto v = boost::json::parse(line, ec);
    if (!ec && v.is_object()) out.history.push_back(v.as_object());
  }
  out.leftover_pids = leftover_pids(tag);
  return out;
}

fs::path fresh_work_dir() {
  const fs::path dir = fs::temp_directory_path() / unique_tag();
  fs::create_directories(dir);
  return dir;
}

}  // namespace

std::string node_binary(const std::string& name) { return FAULTLINE_BINARY_DIR "/nodes/" + name; }

int run_check(const std::string& args, std::string* output) {
  const auto out_file =
      std::filesystem::temp_directory_path() /
      ("check-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()) + ".txt");
  const std::string cmd =
      std::string(FAULTLINE_BINARY_DIR "/faultline check ") + args + " > " + out_file.string() + " 2>&1";
  const int status = std::system(cmd.c_str());
  *output = read_file(out_file);
  std::filesystem::remove(out_file);
  return WEXITSTATUS(status);
}

Outcome run_scenario_text(const std::string& yaml, const std::vector<std::string>& extra_args,
                          int signal_after_ms, int signal) {
  const fs::path work = fresh_work_dir();
  const fs::path scenario = work / "scenario.yaml";
  std::ofstream(scenario) << yaml;
  return run(scenario, extra_args, signal_after_ms, signal, work);
}

Outcome run_scenario_file(const std::string& path, const std::vector<std::string>& extra_args) {
  return run(fs::path(FAULTLINE_SOURCE_DIR) / path, extra_args, 0, SIGTERM, fresh_work_dir());
}

}  // namespace faultline::e2e
