#pragma once
// Collects every problem found in a scenario so the user fixes them all in one
// round instead of one per run. Each error reads "FILE:LINE:COLUMN: what is
// wrong; allowed: ...".
#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/scenario.hpp"

namespace faultline::harness {

class Diagnostics {
 public:
  // `allowed` names what would have been accepted (values, keys, a range);
  // leave it empty when there is nothing useful to list.
  void error(const SourceLoc& where, std::string_view what, std::string_view allowed = {});
  void warning(const SourceLoc& where, std::string_view what);

  bool has_errors() const { return !errors_.empty(); }
  std::size_t error_count() const { return errors_.size(); }
  // Sorted by file, line and column, so they read in file order.
  std::vector<std::string> errors() const;
  std::vector<std::string> warnings() const;

 private:
  struct Entry {
    SourceLoc where;
    std::string text;
  };
  static std::vector<std::string> sorted(std::vector<Entry> entries);
  std::vector<Entry> errors_;
  std::vector<Entry> warnings_;
};

// "a, b, c"
std::string join(const std::vector<std::string>& words, std::string_view separator = ", ");

// The candidate nearest to `word` by edit distance, or "" when none is close
// enough to be a plausible typo.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace faultline::harness
