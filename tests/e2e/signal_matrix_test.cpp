// The signal matrix: INT, TERM, HUP, PIPE and KILL sent to the real
// `faultline` in each phase of a run (spawn, init, main, final, checking)
// and to `faultline suite`. Every cell waits until its phase is visibly
// under way (a file the phase writes) before it signals, and then asserts:
// no process left (by the inherited test tag), every history line parses
// (with ops once clients ran), and results.json (or the suite's summaries)
// saying `interrupted` wherever a signal other than KILL promises it. PIPE
// is ignored: the run is still alive after it and then ends by SIGTERM like
// the TERM cell. Each cell's stdout is a pipe whose reader has gone, so
// every line the harness prints meets EPIPE. Cells run in parallel threads;
// Catch2 asserts on the main thread afterwards.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>

#include "faultline_run.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using faultline::e2e::node_binary;
using faultline::e2e::read_file;

namespace {

using Clock = std::chrono::steady_clock;

struct History {
  std::size_t lines = 0;
  std::size_t client_ops = 0;  // ok/fail/info completions of client processes
  std::int64_t last_time = 0;
  std::string bad_line;  // the first complete line that does not parse
};

// Complete lines only: a harness killed mid-write may leave a cut last line.
History read_history(const fs::path& file) {
  History h;
  const std::string text = read_file(file);
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    const std::string line = text.substr(start, nl - start);
    ++h.lines;
    boost::system::error_code ec;
    const json::value v = json::parse(line, ec);
    if (ec || !v.is_object()) {
      if (h.bad_line.empty()) h.bad_line = line;
      continue;
    }
    const auto& o = v.get_object();
    if (const auto* t = o.if_contains("time"); t && t->is_int64()) h.last_time = t->get_int64();
    const auto* type = o.if_contains("type");
    const auto* process = o.if_contains("process");
    if (type && type->is_string() && type->get_string() != "invoke" && process && process->is_int64())
      ++h.client_ops;
  }
  return h;
}

std::string node_list(const std::string& name) { return "[" + node_binary(name) + "]"; }

enum class Phase { Spawn, Init, Main, Final, Checking, Suite };
const char* phase_name(Phase p) {
  switch (p) {
    case Phase::Spawn:
      return "spawn";
    case Phase::Init:
      return "init";
    case Phase::Main:
      return "main";
    case Phase::Final:
      return "final";
    case Phase::Checking:
      return "checking";
    case Phase::Suite:
      return "suite";
  }
  return "?";
}

// Each phase made to last a minute, far past any cell's signal.
std::string scenario_for(Phase p) {
  const std::string head = "name: sig-" + std::string(phase_name(p)) + "\nseed: 5\n";
  switch (p) {
    case Phase::Spawn:
      // A tcp node that never listens: the run waits for it to be ready.
      return head +
             "time_limit: 1s\nnodes:\n  count: 1\n  protocol: tcp\n"
             "  command: [sh, -c, \"touch started; exec sleep 120\"]\n"
             "  ports: {client: 7000}\n  ready: {port: client, timeout: 60s}\n"
             "client:\n  command: [python3, tests/e2e/adapters/line_adapter.py]\n"
             "workload: {type: pn-counter, rate: 10}\n";
    case Phase::Init:
      return head + "time_limit: 1s\nnodes:\n  count: 2\n  command: " + node_list("no_init") +
             "\n  init_timeout: 60s\nworkload: {type: echo, rate: 50}\n";
    case Phase::Main:
    case Phase::Suite:
      return head + "time_limit: 60s\nnodes:\n  count: 2\n  command: " + node_list("echo") +
             "\nworkload: {type: echo, rate: 100}\n";
    case Phase::Final:
      // The echo node answers every dequeue with "not supported", never
      // "empty": the drain goes on until its own limit.
      return head + "time_limit: 1s\nnodes:\n  count: 2\n  command: " + node_list("echo") +
             "\nworkload:\n  type: queue\n  rate: 50\n  timeout: 500ms\n  quiesce: 100ms\n"
             "  final_time_limit: 60s\n  params: {drain_limit: 100000000}\n";
    case Phase::Checking:
      return head + "time_limit: 1s\nnodes:\n  count: 2\n  command: " + node_list("echo") +
             "\nworkload: {type: echo, rate: 100}\n";
  }
  return head;
}

// The run dir of the (first) child run of a suite, once it exists.
fs::path suite_run_dir(const fs::path& store) {
  std::error_code ec;
  for (const auto& s : fs::directory_iterator(store / "suites", ec)) {
    if (s.path().filename() == "latest") continue;
    const fs::path run = s.path() / "runs" / "sig-suite" / "seed-1";
    if (fs::exists(run)) return run;
  }
  return {};
}

fs::path suite_dir(const fs::path& store) {
  std::error_code ec;
  for (const auto& s : fs::directory_iterator(store / "suites", ec))
    if (s.path().filename() != "latest") return s.path();
  return {};
}

// Seen from outside: the phase is under way.
bool phase_reached(Phase p, const fs::path& run_dir) {
  switch (p) {
    case Phase::Spawn:
      return fs::exists(run_dir / "data" / "n1" / "started");
    case Phase::Init:
      return read_file(run_dir / "node-logs" / "n2.log").find("ignoring init") != std::string::npos;
    case Phase::Main:
    case Phase::Suite:
      return read_history(run_dir / "history.jsonl").client_ops >= 10;
    case Phase::Final:
      // Ops well after the 1 s main phase and its 100 ms quiesce.
      return read_history(run_dir / "history.jsonl").last_time > 2'500'000'000;
    case Phase::Checking:
      // Written once the event loop stopped, before the checkers (paused 60 s) start.
      return fs::exists(run_dir / "history.edn");
  }
  return false;
}

struct Cell {
  int signo = 0;
  Phase phase = Phase::Main;
  std::string name() const { return std::string("SIG") + ::sigabbrev_np(signo) + " x " + phase_name(phase); }
};

struct CellResult {
  std::string failure;  // the cell could not be carried out as planned
  bool reached = false;
  bool alive_after_pipe = true;
  int exit_code = -1;  // 128 + N when it died by signal N
  fs::path run_dir, suite_dir;
  History history;
  json::object results;  // empty: no results.json
  json::object summary;  // a suite's summary.json
  bool junit = false;    // a suite's junit.xml exists
  std::string index;     // a suite's index.html
  std::vector<int> leftovers;
  std::string log;
};

std::optional<int> reap(pid_t pid, bool block) {
  int status = 0;
  const pid_t r = ::waitpid(pid, &status, block ? 0 : WNOHANG);
  if (r != pid) return std::nullopt;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

CellResult run_cell(const Cell& cell) {
  CellResult res;
  const std::string tag = faultline::e2e::unique_tag();
  const fs::path work = fs::temp_directory_path() / tag;
  fs::create_directories(work);
  const fs::path scenario = work / ("sig-" + std::string(phase_name(cell.phase)) + ".yaml");
  std::ofstream(scenario) << scenario_for(cell.phase);
  const fs::path store = work / "store";
  const fs::path log = work / "stderr.txt";
  res.run_dir = work / "run";

  std::vector<std::string> args = {FAULTLINE_BINARY_DIR "/faultline"};
  if (cell.phase == Phase::Suite)
    args.insert(args.end(), {"suite", scenario.string(), "--seed", "1", "--seed", "2", "--jobs", "1",
                             "--store", store.string()});
  else
    args.insert(args.end(), {"run", scenario.string(), "--store", store.string(), "--run-dir",
                             res.run_dir.string(), "--no-progress"});
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) env.emplace_back(*e);
  env.push_back("FAULTLINE_TEST_TAG=" + tag);
  if (cell.phase == Phase::Checking) env.push_back("FAULTLINE_TEST_CHECK_PAUSE_MS=60000");
  // Built before fork: the child of a threaded process may only make system calls.
  std::vector<char*> argv, envp;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  int out_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) {
    res.failure = "pipe failed";
    return res;
  }
  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(FAULTLINE_SOURCE_DIR) != 0) ::_exit(127);
    ::dup2(out_pipe[1], 1);
    ::dup2(log_fd, 2);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  // The reader quits before the first line: every write to stdout fails.
  ::close(out_pipe[0]);
  ::close(out_pipe[1]);
  ::close(log_fd);

  std::optional<int> code;
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (Clock::now() < deadline) {
    if ((code = reap(pid, false))) break;
    if (cell.phase == Phase::Suite) {
      if (const fs::path d = suite_run_dir(store); !d.empty()) res.run_dir = d;
    }
    if (phase_reached(cell.phase, res.run_dir)) {
      res.reached = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!res.reached && !code) res.failure = "the phase was not reached within 30 s";
  if (!res.reached && code) res.failure = "faultline exited before the phase: " + std::to_string(*code);
  if (!code) {
    if (!res.reached) {
      ::kill(pid, SIGKILL);
    } else if (cell.signo == SIGPIPE) {
      ::kill(pid, SIGPIPE);
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      res.alive_after_pipe = !(code = reap(pid, false));
      if (!code) ::kill(pid, SIGTERM);
    } else {
      ::kill(pid, cell.signo);
    }
  }
  // Bounded: a harness that does not end is a failure of the cell, and killed.
  for (const auto end = Clock::now() + std::chrono::seconds(40); !code && Clock::now() < end;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    code = reap(pid, false);
  }
  if (!code) {
    res.failure += " faultline did not end within 40 s of the signal";
    ::kill(pid, SIGKILL);
    code = reap(pid, true);
  }
  res.exit_code = code.value_or(-1);
  res.log = read_file(log);
  res.history = read_history(res.run_dir / "history.jsonl");
  boost::system::error_code ec;
  if (const auto v = json::parse(read_file(res.run_dir / "results.json"), ec); !ec && v.is_object())
    res.results = v.get_object();
  if (cell.phase == Phase::Suite) {
    res.suite_dir = suite_dir(store);
    if (const auto v = json::parse(read_file(res.suite_dir / "summary.json"), ec); !ec && v.is_object())
      res.summary = v.get_object();
    res.junit = fs::exists(res.suite_dir / "junit.xml");
    res.index = read_file(res.suite_dir / "index.html");
  }
  res.leftovers = faultline::e2e::leftover_pids(tag);
  if (res.failure.empty()) {
    std::error_code rec;
    fs::remove_all(work, rec);
  }
  return res;
}

std::string text_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

void check_cell(const Cell& cell, const CellResult& r) {
  INFO(cell.name() << "\nexit " << r.exit_code << "\nrun dir " << r.run_dir.string() << "\nstderr:\n"
                   << r.log);
  CHECK(r.failure.empty());
  if (!r.failure.empty()) return;
  CHECK(r.leftovers.empty());
  CHECK(r.history.bad_line.empty());
  const bool ops_expected = cell.phase == Phase::Main || cell.phase == Phase::Final ||
                            cell.phase == Phase::Checking || cell.phase == Phase::Suite;
  if (ops_expected) CHECK(r.history.client_ops > 0);
  if (cell.signo == SIGKILL) {
    CHECK(r.exit_code == 128 + SIGKILL);
    return;  // nothing else promised
  }
  if (cell.signo == SIGPIPE) CHECK(r.alive_after_pipe);
  // PIPE was ignored; the run then ended by SIGTERM.
  const int ended_by = cell.signo == SIGPIPE ? SIGTERM : cell.signo;
  const std::string sig = std::string("SIG") + ::sigabbrev_np(ended_by);
  CHECK_FALSE(r.results.empty());
  CHECK(text_of(r.results, "verdict") == "interrupted");
  CHECK(text_of(r.results, "error").find("interrupted by " + sig) != std::string::npos);
  if (cell.phase == Phase::Checking)
    CHECK(text_of(r.results, "error").find("while checking") != std::string::npos);
  if (cell.phase != Phase::Suite) {
    CHECK(r.exit_code == 255);
    return;
  }
  // The suite forwarded the signal to its running child, wrote its summaries
  // and says which run was interrupted and which never started.
  CHECK(r.exit_code == 128 + ended_by);
  CHECK_FALSE(r.summary.empty());
  if (r.summary.empty()) return;
  CHECK(text_of(r.summary, "interrupted_by") == sig);
  CHECK(r.summary.at("counts").at("interrupted") == 1);
  CHECK(r.summary.at("counts").at("not-run") == 1);
  const auto& runs = r.summary.at("runs").as_array();
  CHECK(runs.size() == 2);
  if (runs.size() != 2) return;
  CHECK(runs[0].at("verdict") == "interrupted");
  CHECK(runs[1].at("verdict") == "not-run");
  CHECK(r.junit);
  CHECK(r.index.find("banner interrupted") != std::string::npos);
}

}  // namespace

TEST_CASE("signal matrix: INT, TERM, HUP, PIPE, KILL in every phase of a run and of a suite",
          "[e2e][signals]") {
  std::vector<Cell> cells;
  for (Phase p : {Phase::Spawn, Phase::Init, Phase::Main, Phase::Final, Phase::Checking, Phase::Suite})
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGKILL}) cells.push_back({s, p});
  std::vector<CellResult> results(cells.size());
  // Few at once: ctest runs another test beside this one, and timing-
  // sensitive tests (the suite replay's fault timeline) must not starve.
  constexpr std::size_t kParallel = 3;
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < kParallel; ++t)
    workers.emplace_back([&] {
      for (std::size_t i = next++; i < cells.size(); i = next++) results[i] = run_cell(cells[i]);
    });
  for (auto& w : workers) w.join();
  for (std::size_t i = 0; i < cells.size(); ++i) check_cell(cells[i], results[i]);
}
