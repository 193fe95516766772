#include "harness/cli/check_command.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "checkers/independent.hpp"
#include "checkers/linearizability/html.hpp"
#include "checkers/linearizability/model.hpp"
#include "checkers/registry.hpp"
#include "harness/runtime/evidence_lines.hpp"
#include "harness/runtime/pretty_json.hpp"
#include "harness/runtime/results.hpp"
#include "history/history_file.hpp"

namespace faultline::harness {

namespace json = boost::json;

namespace {

// The checker's options from the flags: the named ones for the checkers they
// belong to, then every --option KEY=VALUE. Throws std::invalid_argument.
json::object checker_options(const CheckCliOptions& o) {
  const bool lin = o.checker == "linearizable";
  const bool elle = o.checker == "list-append" || o.checker == "rw-register";
  if (!o.model.empty() && !lin)
    throw std::invalid_argument(
        "--model is for --checker linearizable" +
        std::string(elle ? "; list-append and rw-register take --consistency-model" : ""));
  if (!o.consistency_model.empty() && !elle)
    throw std::invalid_argument("--consistency-model is for --checker list-append or rw-register");
  if ((o.memory_budget_mb || o.all_keys || !o.html.empty()) && !lin)
    throw std::invalid_argument("--memory-budget-mb, --all-keys and --html are for --checker linearizable");
  json::object out;
  if (lin) {
    const bool porcupine_kv = o.format == "porcupine-kv";
    out["model"] = !o.model.empty() ? o.model : porcupine_kv ? "string-kv" : "cas-register";
    out["keyed"] = o.keyed;
    out["all_keys"] = o.all_keys;
    if (o.memory_budget_mb) out["memory_budget_mb"] = *o.memory_budget_mb;
  }
  if (!o.consistency_model.empty()) out["consistency_model"] = o.consistency_model;
  if (o.time_budget_s && (lin || elle)) out["time_budget"] = *o.time_budget_s;
  for (const auto& kv : o.options) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw std::invalid_argument("--option takes KEY=VALUE, got '" + kv + "'");
    const std::string value = kv.substr(eq + 1);
    boost::system::error_code ec;
    json::value parsed = json::parse(value, ec);
    out[kv.substr(0, eq)] = ec ? json::value(json::string(value)) : parsed;
  }
  return out;
}

}  // namespace

std::string linearizability_model_help() { return checkers::lin::model_names_text(" | "); }

int check_command(const CheckCliOptions& options) {
  std::unique_ptr<checkers::Checker> checker;
  try {
    checker = checkers::make_checker(options.checker, checker_options(options));
  } catch (const std::invalid_argument& e) {
    std::cerr << "faultline check: " << e.what() << "\n";
    return 254;
  }
  const auto format = history::history_format_from_name(options.format);
  if (!format) {
    std::cerr << "faultline check: --format '" << options.format << "' is not one of "
              << history::history_format_names() << "\n";
    return 254;
  }
  // Found before the check, not after it: a verdict followed by a view that
  // silently went nowhere reads as success.
  std::ofstream html;
  if (!options.html.empty()) {
    html.open(options.html, std::ios::binary | std::ios::trunc);
    if (!html) {
      std::cerr << "faultline check: cannot write --html " << options.html << ": " << std::strerror(errno)
                << "\n";
      return 254;
    }
  }
  history::History history;
  history::ReadNotes notes;
  try {
    history = history::read_history_file(options.file, &notes, history::ReadMode::Strict, *format);
    // A run stopped mid-write: check what was recorded, and say what was not.
    for (const auto& note : notes.notes) std::cerr << "faultline check: note: " << note << "\n";
  } catch (const std::exception& e) {
    std::cerr << "faultline check: " << e.what() << "\n";
    return 254;
  }
  // The linearizability checker splits keys itself; any other gets them split here.
  const bool split = options.keyed && options.checker != "linearizable";
  checkers::CheckResult result;
  try {
    result = split ? checkers::check_independent(*checker, history) : checker->check(history);
  } catch (const std::invalid_argument& e) {
    std::cerr << "faultline check: " << options.file << ": " << e.what() << "\n";
    return 254;
  } catch (const std::exception& e) {
    result.verdict = checkers::Verdict::Unknown;
    result.details["error"] = std::string("checker threw: ") + e.what();
  }
  if (const auto* bad = result.details.if_contains("bad_input"); bad && bad->is_bool() && bad->get_bool()) {
    // The history does not fit the model: bad input, not an undecided check.
    const auto* error = result.details.if_contains("error");
    std::cerr << "faultline check: " << options.file << ": "
              << (error && error->is_string() ? std::string(error->get_string()) : "does not fit the model")
              << "\n";
    return 254;
  }
  json::object out{{"valid", checkers::verdict_json(result.verdict)}, {"checker", options.checker}};
  for (const auto& [k, v] : result.details) out[k] = v;
  std::cout << pretty_json(out) << "\n";
  if (!options.html.empty()) {
    html << checkers::lin::render_linearizability_html(result);
    html.close();
    if (!html) {
      std::cerr << "faultline check: writing " << options.html << " failed\n";
      return 255;
    }
    std::cerr << "wrote " << options.html << "\n";
  }
  std::cerr << options.file << ": " << options.checker << " " << checkers::verdict_name(result.verdict)
            << "\n";
  if (const auto* reason = result.details.if_contains("reason"); reason && reason->is_string())
    std::cerr << "  why: " << std::string(reason->get_string()) << "\n";
  for (const auto& line : evidence_lines(result.details)) std::cerr << "  " << line << "\n";
  return exit_code_for(result.verdict);
}

}  // namespace faultline::harness
