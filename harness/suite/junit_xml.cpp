#include <fmt/format.h>
#include <map>

#include "harness/report/html.hpp"
#include "harness/suite/suite_outputs.hpp"

namespace faultline::harness::suite {

namespace {

using report::escape;  // XML and HTML escape alike; control characters (invalid in XML 1.0) made visible

struct Tally {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  double time = 0;
  void add(Outcome o, UnknownAs unknown, double t) {
    ++tests;
    time += t;
    if (o == Outcome::Invalid)
      ++failures;
    else if (o == Outcome::Crash || (o == Outcome::Unknown && unknown == UnknownAs::Error))
      ++errors;
    else if (o == Outcome::Unknown || o == Outcome::Interrupted || o == Outcome::NotRun)
      ++skipped;
  }
  std::string attrs() const {
    return fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\"", tests,
                       failures, errors, skipped, time);
  }
};

std::string details(const RunResult& r) {
  std::string text = fmt::format("verdict: {}\nseed: {}\n", verdict_text(r), r.request.seed);
  if (!r.reason.empty()) text += "reason: " + r.reason + "\n";
  const std::string anomalies = anomaly_text(r);
  if (!anomalies.empty()) text += "anomalies: " + anomalies + "\n";
  text += "replay: " + r.request.replay() + "\n";
  text += "run dir: " + r.request.run_dir.string() + "\n";
  if (!r.report.empty()) text += "report: " + r.report + "\n";
  if (!r.output_tail.empty()) text += "\nlast output of the run:\n" + r.output_tail + "\n";
  return text;
}

// Named by scenario and the run's place among its runs, never by seed:
// random seeds change every night, and CI tracks a test by its name.
std::string testcase(const SuiteRecord& rec, const RunResult& r) {
  const std::string name = fmt::format("{} #{}", r.request.scenario_stem, r.request.index);
  std::string out = fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\">\n",
                                escape("faultline." + rec.spec.name + "." + r.request.scenario_stem),
                                escape(name), r.duration_s);
  out += fmt::format(
      "      <properties><property name=\"seed\" value=\"{}\"/><property name=\"replay\" "
      "value=\"{}\"/></properties>\n",
      r.request.seed, escape(r.request.replay()));
  const std::string summary = fmt::format("{} with seed {}: {}", verdict_text(r), r.request.seed,
                                          r.reason.empty() ? std::string("see the run report") : r.reason);
  const std::string body = escape(details(r));
  switch (counted(r)) {
    case Outcome::Valid:
      break;
    case Outcome::Invalid:
      out += "      <failure message=\"" + escape(summary) + "\" type=\"invalid\">" + body + "</failure>\n";
      break;
    case Outcome::Unknown:
      if (rec.spec.unknown == UnknownAs::Skipped)
        out += "      <skipped message=\"" + escape(summary) + "\"/>\n";
      else
        out += "      <error message=\"" + escape(summary) + "\" type=\"unknown\">" + body + "</error>\n";
      break;
    case Outcome::Crash:
      out += "      <error message=\"" + escape(summary) + "\" type=\"crash\">" + body + "</error>\n";
      break;
    case Outcome::Interrupted:
    case Outcome::NotRun:
      // Not a verdict on the system: the suite was stopped around it.
      out += "      <skipped message=\"" + escape(summary) + "\"/>\n";
      break;
  }
  out += "      <system-out>" + escape("replay: " + r.request.replay() + "\n") + "</system-out>\n";
  return out + "    </testcase>\n";
}

}  // namespace

std::string junit_xml(const SuiteRecord& rec) {
  // One testsuite per scenario file, in plan order.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const RunResult*>> by_scenario;
  Tally total;
  for (const auto& r : rec.results) {
    if (!by_scenario.count(r.request.scenario)) order.push_back(r.request.scenario);
    by_scenario[r.request.scenario].push_back(&r);
    total.add(counted(r), rec.spec.unknown, r.duration_s);
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  // The start time once, for the whole suite, not repeated on every testsuite.
  out += fmt::format("<testsuites name=\"{}\" {} timestamp=\"{}\">\n", escape(rec.spec.name), total.attrs(),
                     escape(rec.started_at.substr(0, 19)));
  for (const auto& scenario : order) {
    Tally t;
    for (const RunResult* r : by_scenario[scenario]) t.add(counted(*r), rec.spec.unknown, r->duration_s);
    const RunResult& first = *by_scenario[scenario].front();
    out += fmt::format("  <testsuite name=\"{}\" {}>\n", escape(first.name), t.attrs());
    out += "    <properties><property name=\"scenario\" value=\"" + escape(scenario) + "\"/></properties>\n";
    for (const RunResult* r : by_scenario[scenario]) out += testcase(rec, *r);
    out += "  </testsuite>\n";
  }
  return out + "</testsuites>\n";
}

}  // namespace faultline::harness::suite
