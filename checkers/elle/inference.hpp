#pragma once
// What a data-type-specific inference (list-append, rw-register) gives the
// checker: dependency edges (added to the graph), anomalies that need no
// cycle, and on demand a one-line reason for any edge it added.
#include <boost/json.hpp>
#include <cstdint>
#include <span>
#include <string>

#include "checkers/elle/transactions.hpp"
#include "checkers/error_log.hpp"
#include "checkers/evidence.hpp"

namespace faultline::checkers::elle {

// Anomalies by type, each list capped (the count is exact).
using AnomalyLog = ErrorLog;

class Inference {
 public:
  virtual ~Inference() = default;
  // Why the edge from -> to has the data label `label`, naming the two
  // transactions `a` and `b` ("T1 appended 3 to key 7; T2 appended 4 right after it").
  virtual std::string because(std::uint32_t from, std::uint32_t to, std::uint8_t label, const std::string& a,
                              const std::string& b) const = 0;
};

// Display helpers shared by the inferences.
std::string value_text(const boost::json::value& v);
// "[1 2 3]", eliding the middle of long lists: "[1 2 3 … 15 16] (16 elements)".
std::string list_text(const Transactions& txns, std::span<const std::uint32_t> values);
// "op 17": how a lone transaction is named in a reason.
std::string txn_name(const Transactions& txns, std::uint32_t t);
// The evidence object of a transaction: its op (history index, process, value...).
boost::json::object txn_evidence(const Transactions& txns, std::uint32_t t);

}  // namespace faultline::checkers::elle
