#pragma once
// Pairs each client invoke with its completion, the unit every plot and the
// timeline draw: one op from invoke time to completion time, with an outcome.
#include <cstdint>
#include <string>
#include <vector>

#include "history/op.hpp"
#include "history/pairs.hpp"

namespace faultline::harness::report {

enum class Outcome : std::uint8_t { Ok, Fail, Info, Pending };

struct OpPair {
  std::size_t invoke = 0;        // position in the history
  std::int64_t completion = -1;  // position in the history, -1 if never completed
  std::int64_t start = 0;        // ns
  std::int64_t end = 0;          // ns; the history's end for a pending op
  std::int64_t process = 0;
  Outcome outcome = Outcome::Pending;
};

const char* outcome_name(Outcome o);

// history::pair_ops with times and outcomes: client ops only (the nemesis is
// drawn as fault windows), ordered by invoke.
std::vector<OpPair> timed_pairs(const history::History& history);

// Latest timestamp in the history (0 if empty).
std::int64_t history_end(const history::History& history);

}  // namespace faultline::harness::report
