#pragma once
// Kafka checks over each client's sequence of ops (Jepsen's names). A
// consumer's position per key resets when it assigns, subscribes or crashes.
//   nonmonotonic-poll      a poll of a key started at or before the offset
//                          where the client's previous poll of it ended
//   poll-skip              ... or after it, skipping offsets known to exist
//   int-nonmonotonic-poll, int-poll-skip    the same inside one poll
//   nonmonotonic-send      a client's send got an offset at or below its
//                          previous send's to the same key
//   int-nonmonotonic-send, int-send-skip    the same inside one op
#include "checkers/error_log.hpp"
#include "checkers/kafka/log_history.hpp"

namespace faultline::checkers::kafka {

void check_ordering(const LogHistory& log, ErrorLog& errors);

}  // namespace faultline::checkers::kafka
