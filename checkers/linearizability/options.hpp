#pragma once
// What a linearizability check is asked to do, as a scenario's checker entry
// or `faultline check --model NAME` spells it.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "checkers/linearizability/search.hpp"

namespace faultline::checkers::lin {

struct LinOptions {
  std::string model = "cas-register";   // a name from model_table(); a keyed model implies keyed
  bool keyed = false;                   // values are [key, v]; each key checked alone
  double time_budget_s = 60.0;          // wall clock for the whole check
  std::size_t memory_budget_mb = 1024;  // memo tables of all keys together
  unsigned threads = 0;                 // 0: one per core
  bool all_keys = false;                // explain every bad key instead of stopping at the first
  // A failed cas [from, to] is evidence that the value was not `from` at some
  // point during the op (Porcupine's etcd model); off, it is dropped as never
  // having taken effect, which is also sound but weaker.
  bool failed_cas_observed = false;
  // Refuters (refute.hpp), for partitions of 200+ ops: the unreachable check
  // first; the window refuter when the exact search has not finished after
  // `steps_before_windows` steps, then the search resumes with the rest of
  // the budget. 0: windows before any search, on every partition (tests use
  // it to exercise them). refute false: the search alone.
  bool refute = true;
  std::uint64_t steps_before_windows = 200'000;
  // The search tries ops in call order first, then in return order (decide,
  // check_history.cpp); tests set one order to check it alone against brute force.
  std::optional<SearchOrder> search_order;
  // The search's dead-end lookahead runs on partitions of 200+ ops (below, the
  // plain search is quick and its longest prefix makes a better
  // counterexample); tests set this to run it on every partition, its
  // counting from the first node (SearchControl::count_after_backtracks).
  bool lookahead_always = false;
  // The unobserved-value reductions (unobserved.hpp) run on partitions of
  // this many ops or more (below, the search is quick without them); tests
  // set 0 (always) or SIZE_MAX (never) to check both against brute force.
  std::size_t reduce_unobserved_from = 200;

  bool effective_keyed() const;
};

// Throws std::invalid_argument naming the bad option and what is allowed.
LinOptions parse_lin_options(const boost::json::object& options);

}  // namespace faultline::checkers::lin
