// Where a suite's outputs go, and writing them: shared by a suite run and
// by `faultline suite merge`.
#include <fmt/format.h>
#include <cstring>
#include <ostream>

#include "harness/runtime/json_text.hpp"
#include "harness/store/run_store.hpp"
#include "harness/suite/suite_outputs.hpp"
#include "harness/suite/suite_stop.hpp"
#include "history/output_file.hpp"

namespace faultline::harness::suite {

namespace fs = std::filesystem;

namespace {

// Never through a planted link: an O_EXCL temporary renamed over the name.
void write_text(const fs::path& path, const std::string& text) { history::write_file(path, text); }

}  // namespace

fs::path make_suite_dir(const fs::path& store) {
  const fs::path parent = store / "suites";
  const std::string stamp = utc_timestamp("%Y%m%dT%H%M%S", true);
  fs::path dir;
  try {
    dir = claim_new_dir(parent, stamp);
  } catch (const std::runtime_error& e) {
    throw SuiteError(std::string("cannot create the suite directory: ") + e.what());
  }
  point_link(parent / "latest", dir.filename());
  return dir;
}

void write_suite_outputs(const SuiteRecord& record, const fs::path& dir) {
  write_text(dir / "summary.json", json_text(summary_json(record)) + "\n");
  write_text(dir / "index.html", index_html(record));
  write_text(dir / "junit.xml", junit_xml(record));
}

int suite_exit_code(const SuiteRecord& record) {
  return record.interrupted_by ? interrupted_exit_code(record.interrupted_by) : exit_code_of(record.worst);
}

void print_failing_and_outcome(std::ostream& out, const SuiteRecord& record, const fs::path& dir) {
  std::size_t failing = 0, interrupted = 0, not_run = 0;
  for (const auto& r : record.results) {
    failing += finished(r) && counted(r) != Outcome::Valid;
    interrupted += r.outcome == Outcome::Interrupted;
    not_run += r.outcome == Outcome::NotRun;
  }
  if (interrupted || not_run) {
    out << fmt::format("\n{}: {} run{} finished, {} interrupted, {} not run\n",
                       record.interrupted_by
                           ? std::string("suite interrupted by SIG") + ::sigabbrev_np(record.interrupted_by)
                           : std::string("runs interrupted"),
                       record.results.size() - interrupted - not_run,
                       record.results.size() - interrupted - not_run == 1 ? "" : "s", interrupted, not_run);
    for (const auto& r : record.results)
      if (r.outcome == Outcome::Interrupted) out << fmt::format("  interrupted {}\n", r.request.replay());
  }
  if (failing) {
    out << fmt::format("\n{} of {} runs failed; replay each with:\n", failing, record.results.size());
    for (const auto& r : record.results) {
      if (!finished(r) || counted(r) == Outcome::Valid) continue;
      out << fmt::format("  {:<7} {}{}\n", verdict_text(r), r.request.replay(),
                         r.reason.empty() ? std::string() : "   # " + r.reason);
    }
  }
  out << fmt::format("\nsuite {}: {} -> {}/index.html (junit.xml, summary.json beside it)\n",
                     record.spec.name, suite_word(record.worst), dir.string());
}

}  // namespace faultline::harness::suite
