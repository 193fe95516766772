#pragma once
// `faultline suite merge DIR...`: the suite directories of the shards of one
// suite (`--shard I/N`) combined into one suite directory, with one
// summary.json, index.html and junit.xml, as if one machine had run it all.
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "harness/suite/suite.hpp"

namespace faultline::harness::suite {

// Reads each dir's summary.json; writes the merged outputs to a new
// STORE/suites/<timestamp>/. Throws SuiteError for a dir that is not a suite,
// or shards of different suites. Report links point into the shards' dirs.
SuiteRun merge_suites(const std::vector<std::string>& dirs, const std::filesystem::path& store,
                      std::ostream& out);

}  // namespace faultline::harness::suite
