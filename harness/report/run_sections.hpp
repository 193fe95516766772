#pragma once
// The parts of the report about the run rather than the checkers: verdict
// banner, faults, network statistics and the files of the run dir.
#include <boost/json.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "harness/report/fault_windows.hpp"

namespace faultline::harness::report {

struct Verdict {
  std::string word;    // valid / invalid / unknown
  std::string reason;  // one line, may be empty
};

Verdict run_verdict(const boost::json::object& results, bool have_results);
std::string verdict_banner(const Verdict& verdict, const boost::json::object& results);
std::string faults_table(const std::vector<FaultWindow>& faults);
std::string network_section(const boost::json::object& results);
std::string files_section(const std::filesystem::path& run_dir);

}  // namespace faultline::harness::report
