#pragma once
// `set-full`: Jepsen's set-full checker for grow-only sets (Maelstrom's
// broadcast and g-set). Adds put elements in; reads return the whole set.
// Per element it finds the moment the element became known (its add's ok, or
// the first read showing it) and the last reads (by invocation) that showed
// and missed it:
//   stable      some read that showed it started after the last read that missed it;
//   lost        it was known, and the last read that missed it started after both
//               the last read that showed it and the moment it became known;
//   never-read  neither;
//   stale       stable, but reads kept missing it for a while after it was known.
// Beyond Jepsen/Maelstrom it also fails a read that returns an element twice
// (Maelstrom's duplicate check can never fire) and elements read that were
// never added, or read before their add was invoked (unexpected).
#include <string>

#include "checkers/checker.hpp"

namespace faultline::checkers {

struct SetFullOptions {
  bool linearizable = false;  // stale reads are violations too
  std::string add_f = "add";  // "broadcast" for the broadcast workload
  std::string read_f = "read";
};

// Options: linearizable (bool), add_f, read_f. Throws std::invalid_argument.
SetFullOptions parse_set_full_options(const boost::json::object& options);

class SetFullChecker : public Checker {
 public:
  explicit SetFullChecker(SetFullOptions options = {}) : options_(std::move(options)) {}
  std::string name() const override { return "set-full"; }
  // Near-linear: one pass over the history and one over each read's elements,
  // without copying read lists.
  CheckResult check(const history::History& history) const override;

 private:
  SetFullOptions options_;
};

}  // namespace faultline::checkers
