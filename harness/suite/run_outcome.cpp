#include "harness/suite/run_outcome.hpp"

#include "harness/cli/shell_quote.hpp"

namespace faultline::harness::suite {

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::Valid:
      return "valid";
    case Outcome::Unknown:
      return "unknown";
    case Outcome::Invalid:
      return "invalid";
    case Outcome::Crash:
      return "crash";
    case Outcome::Interrupted:
      return "interrupted";
    case Outcome::NotRun:
      return "not-run";
  }
  return "crash";
}

int exit_code_of(Outcome o) {
  switch (o) {
    case Outcome::Valid:
      return 0;
    case Outcome::Unknown:
      return 2;
    case Outcome::Invalid:
      return 1;
    case Outcome::Crash:
    case Outcome::Interrupted:
    case Outcome::NotRun:
      return 255;
  }
  return 255;
}

Outcome worse(Outcome a, Outcome b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

Outcome outcome_from_exit_code(int code) {
  switch (code) {
    case 0:
      return Outcome::Valid;
    case 1:
      return Outcome::Invalid;
    case 2:
      return Outcome::Unknown;
    default:
      return Outcome::Crash;
  }
}

bool as_expected(const RunResult& r) {
  return r.outcome != Outcome::Crash && r.expect == outcome_name(r.outcome);
}

bool finished(const RunResult& r) {
  return r.outcome != Outcome::Interrupted && r.outcome != Outcome::NotRun;
}

Outcome counted(const RunResult& r) {
  if (!finished(r)) return r.outcome;
  if (as_expected(r)) return Outcome::Valid;
  if (r.outcome == Outcome::Valid) return Outcome::Invalid;
  return r.outcome;
}

const char* suite_word(Outcome worst) { return worst == Outcome::Valid ? "passed" : outcome_name(worst); }

std::string verdict_text(const RunResult& r) {
  if (r.outcome == Outcome::NotRun) return "not run";
  const std::string verdict = outcome_name(r.outcome);
  if (r.expect == "valid" || !finished(r)) return verdict;
  return verdict + (as_expected(r) ? " (as expected)" : " (expected " + r.expect + ")");
}

std::string RunRequest::replay() const {
  std::string out = "faultline run " + shell_quote(scenario) + " --seed " + std::to_string(seed);
  for (const auto& a : run_args) out += " " + shell_quote(a);
  return out;
}

std::string RunRequest::id() const {
  return scenario_stem + "/seed-" + std::to_string(seed) + (repeat > 1 ? "-r" + std::to_string(repeat) : "");
}

}  // namespace faultline::harness::suite
