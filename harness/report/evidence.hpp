#pragma once
// Finds the ops that prove an anomaly about a value: the op that added it and
// its acknowledgement, the reads that showed it, and the final reads that
// missed it. Checkers report values; the reader wants to see the ops. Which
// ops add and which read is the checker's word (its EvidenceField), never a
// guess from op names.
#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "checkers/evidence_schema.hpp"
#include "harness/report/op_pairs.hpp"
#include "history/op.hpp"

namespace faultline::harness::report {

struct ElementEvidence {
  std::vector<std::size_t> add_invokes;          // history positions of the invokes that added it
  std::vector<std::size_t> add_completions;      // and their completions (the ack, if ok)
  std::vector<std::size_t> reads_with;           // ok reads that showed it (first few)
  std::vector<std::size_t> final_reads_without;  // final ok reads that missed it
  std::size_t reads_with_total = 0;
  std::int64_t last_read_with = -1;  // the latest ok read that showed it (its completion)
};

// Key under which a scalar is matched: 17 and 17u are the same element.
std::string element_key(const boost::json::value& v);
// Elements are scalars; an object item names its element under one of the
// usual keys (element, value, message, msg); returns null when it has none.
boost::json::value element_of(const boost::json::value& item);

struct EvidenceSearch {
  std::map<std::string, ElementEvidence> by_element;
  std::vector<std::size_t> final_reads;  // the reads "final" refers to
  bool truncated = false;                // gave up scanning huge reads (budget)
};

// One pass over the history for all elements at once, with `field`'s add
// and read fs.
EvidenceSearch find_evidence(const history::History& history, const std::vector<OpPair>& pairs,
                             const std::vector<boost::json::value>& elements,
                             const checkers::EvidenceField& field);

}  // namespace faultline::harness::report
