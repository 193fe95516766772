#pragma once
// THE invoke/completion pairing: checkers, the linearizability front end and
// the report all pair ops through here. Jepsen processes are single-threaded,
// so an invoke's completion is simply the next non-invoke op of the same
// process. What does not fit that rule is paired as well as it can be and
// listed as an issue, so lenient users (the report) go on and strict ones
// (the linearizability checker) refuse with the position.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "history/op.hpp"

namespace faultline::history {

struct OpPair {
  std::size_t invoke = 0;        // position of the invoke in the history
  std::int64_t completion = -1;  // position of its completion, -1 if it never completed
  std::int64_t process = 0;
};

enum class PairIssueKind : std::uint8_t {
  Reinvoked,   // an invoke while the process's previous op was open; that one counts as never completed
  Orphan,      // a completion with no open invoke on its process; not paired
  DifferentF,  // a completion whose f differs from its invoke's; paired anyway
};

struct PairIssue {
  PairIssueKind kind;
  std::size_t position;  // the op at fault
  std::size_t other;     // the open invoke it clashes with (Reinvoked, DifferentF)
};

struct Pairing {
  std::vector<OpPair> pairs;      // client ops only (never the nemesis), in invoke order
  std::vector<PairIssue> issues;  // in history order
};

// O(n).
Pairing pair_ops(const History& history);

// "process 3 invoked again while its op at history entry 7 is still pending".
std::string describe(const PairIssue& issue, const History& history);

// For each position holding an invoke: the position of its completion, or -1
// if it never completed. Other positions (completions, nemesis ops) get -1.
std::vector<std::int64_t> completion_of(const History& history);

// For each position holding a completion: the position of its invoke, or -1
// (a completion with no open invoke, or a nemesis op). Invokes get -1.
std::vector<std::int64_t> invocation_of(const History& history);

}  // namespace faultline::history
