#include "harness/suite/child_run.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/stdio.hpp>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <functional>

#include "harness/report/report.hpp"
#include "harness/suite/run_results.hpp"
#include "history/output_file.hpp"

namespace faultline::harness::suite {

namespace bp = boost::process::v2;
namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace {

// Grace between SIGTERM (the run writes what it has and kills its nodes) and SIGKILL.
constexpr auto kKillGrace = std::chrono::seconds(5);

// In the child before exec: its own process group, so a timeout kills the run
// and everything it spawned; and death with the suite, so nothing outlives it.
struct OwnGroupDiesWithParent {
  bp::error_code on_exec_setup(bp::posix::default_launcher&, const bp::filesystem::path&,
                               const char* const*) {
    if (::setpgid(0, 0) != 0) return bp::error_code(errno, bp::system_category());
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return bp::error_code(errno, bp::system_category());
    if (::getppid() == 1) ::_exit(255);
    return {};
  }
};

std::string tail_of(const fs::path& path, std::size_t bytes) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return {};
  const auto size = static_cast<std::size_t>(in.tellg());
  const auto from = size > bytes ? size - bytes : 0;
  in.seekg(static_cast<std::streamoff>(from));
  std::string text(size - from, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return text;
}

// Hears the suite's stop for as long as one child runs; the steps run on
// the child's own event loop, which alone may signal it (before it is reaped).
class StopListener {
 public:
  StopListener(SuiteStop* stop, asio::io_context& io, std::function<void(SuiteStop::Step, int)> act)
      : stop_(stop) {
    if (!stop_) return;
    id_ = stop_->listen([&io, act](SuiteStop::Step step, int signo) {
      asio::post(io, [act, step, signo] { act(step, signo); });
    });
  }
  ~StopListener() {
    if (stop_) stop_->unlisten(id_);
  }
  StopListener(const StopListener&) = delete;
  StopListener& operator=(const StopListener&) = delete;

 private:
  SuiteStop* stop_;
  int id_ = 0;
};

RunResult run_child(const std::string& faultline, const fs::path& suite_dir, SuiteStop* stop,
                    const RunRequest& req) {
  RunResult result;
  result.request = req;
  // The log sits beside the run dir: `faultline run` refuses a run dir that
  // already holds files.
  fs::create_directories(req.run_dir.parent_path());
  const fs::path log = req.run_dir.string() + ".log";
  const int log_fd = history::open_for_writing(log, O_WRONLY | O_CREAT | O_TRUNC);

  std::vector<std::string> args = {"run",       req.scenario,         "--seed",  std::to_string(req.seed),
                                   "--run-dir", req.run_dir.string(), "--store", req.store.string()};
  args.insert(args.end(), req.run_args.begin(), req.run_args.end());
  asio::io_context io;
  const auto started = std::chrono::steady_clock::now();
  std::optional<bp::process> child;
  try {
    child.emplace(io.get_executor(), faultline, args, bp::process_stdio{nullptr, log_fd, log_fd},
                  OwnGroupDiesWithParent{});
  } catch (const std::exception& e) {
    ::close(log_fd);
    throw std::runtime_error("cannot start " + faultline + ": " + e.what());
  }
  ::close(log_fd);
  const pid_t pid = child->id();
  ::setpgid(pid, pid);  // also from here: whichever side runs first wins the race

  int native = 0;
  bool exited = false;
  asio::steady_timer deadline(io, std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                      std::chrono::duration<double>(req.timeout_s)));
  asio::steady_timer grace(io);
  child->async_wait([&](bp::error_code, int) {
    exited = true;
    native = child->native_exit_code();
    deadline.cancel();
    grace.cancel();
  });
  int forwarded = 0;  // the suite's signal, once passed on
  bool stop_killed = false;
  const StopListener listener(stop, io, [&](SuiteStop::Step step, int signo) {
    if (exited) return;
    if (step == SuiteStop::Step::Forward) {
      // To the run alone: it kills its nodes itself and writes its results.
      forwarded = signo;
      ::kill(pid, signo);
    } else {
      stop_killed = true;
      ::kill(-pid, SIGKILL);
    }
  });
  deadline.async_wait([&](bp::error_code ec) {
    if (ec || exited) return;
    result.timed_out = true;
    ::kill(-pid, SIGTERM);
    grace.expires_after(kKillGrace);
    grace.async_wait([&](bp::error_code gec) {
      if (!gec && !exited) ::kill(-pid, SIGKILL);
    });
  });
  io.run();
  // Whatever the run left behind in its group goes with it.
  ::kill(-pid, SIGKILL);
  result.duration_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  int code = -1;
  if (WIFEXITED(native)) code = WEXITSTATUS(native);
  if (result.timed_out) {
    result.outcome = Outcome::Crash;
    result.reason = "timed out after " + std::to_string(static_cast<long>(req.timeout_s)) +
                    " s (per-run timeout); killed its process group";
  } else if (WIFSIGNALED(native)) {
    result.reason = std::string("killed by signal ") + ::strsignal(WTERMSIG(native));
  }
  // A run killed mid-way (or a runner that skipped it) leaves no report; the
  // suite index links one for every run, so write it from what is there.
  std::error_code ec;
  if (!fs::exists(req.run_dir / "report.html", ec) &&
      (fs::exists(req.run_dir / "results.json", ec) || fs::exists(req.run_dir / "history.jsonl", ec))) {
    try {
      write_report(req.run_dir);
    } catch (const std::exception&) {
      // The run's own outcome stands; a missing report only loses the link.
    }
  }
  read_run_results(result, code, suite_dir);
  if (forwarded && result.outcome == Outcome::Crash && !result.timed_out) {
    // Stopped by the suite before it could write `interrupted` itself.
    result.outcome = Outcome::Interrupted;
    result.reason = std::string("interrupted by SIG") + ::sigabbrev_np(forwarded) +
                    (stop_killed ? " to the suite, then killed with its process group before it wrote its "
                                   "results (a second signal, or the suite's grace ran out)"
                                 : " to the suite; " + result.reason);
  }
  if (result.outcome == Outcome::Crash) result.output_tail = tail_of(log, 2000);
  return result;
}

}  // namespace

std::string self_executable() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("faultline") : p.string();
}

RunOne child_runner(const std::string& faultline, const fs::path& suite_dir, SuiteStop* stop) {
  return [faultline, suite_dir, stop](const RunRequest& req) {
    return run_child(faultline, suite_dir, stop, req);
  };
}

}  // namespace faultline::harness::suite
