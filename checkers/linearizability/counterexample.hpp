#pragma once
// Explains why one partition is not linearizable, in the JSON stored in
// CheckResult details ("invalid": [...]) and drawn by render_linearizability_html:
//   op               the op that cannot be linearized: after the longest prefix
//                    it is illegal, and it returned before anything could help
//   state            the model state at that point
//   longest_prefix   the longest linearizable prefix found ({op, state} each;
//                    the last kPrefixShown entries, prefix_length gives all)
//   final_paths      each op that could have come next, and what it would do
//   concurrent_window the ops overlapping the stuck op in real time
//   ops              the ops of the partition around the failure, for drawing
// A refutation (refute.hpp) adds refuted_by (unreachable, window, stale-read),
// and a stale read `why`: which op overwrote the value it saw, and when.
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "checkers/linearizability/compiled_model.hpp"
#include "checkers/linearizability/prepare.hpp"
#include "checkers/linearizability/refute.hpp"
#include "checkers/linearizability/search.hpp"
#include "history/op.hpp"

namespace faultline::checkers::lin {

inline constexpr std::size_t kPrefixShown = 100;

// Each builds its JSON in `sp`. A counterexample is a few hundred small
// objects; on a short invalid history allocating and freeing them one by
// one cost more than the search, so check_history passes a monotonic
// resource and keeps the details there.

// `text` with its middle left out when longer than `keep`, so that a line
// stays readable: the values of appends run to hundreds of characters.
std::string clipped(const std::string& text, std::size_t keep = 48);

// The JSON of one op of a partition (id = its position in partition.ops).
boost::json::object op_json(const history::History& history, const Partition& partition, std::int32_t id,
                            const Model& model, boost::json::storage_ptr sp = {});

// The same shape for a refutation (refute.hpp): the stuck op, the refuting
// window as the ops to draw, and the states it was checked from.
boost::json::object explain_refutation(const history::History& history, const Partition& partition,
                                       CompiledModel& model, const Refutation& refutation,
                                       boost::json::storage_ptr sp = {});

boost::json::object explain_partition(const history::History& history, const Partition& partition,
                                      CompiledModel& model, const std::vector<SearchOp>& ops,
                                      const SearchResult& result, boost::json::storage_ptr sp = {});

}  // namespace faultline::checkers::lin
