#pragma once
// Kafka checks over each key's log as a whole (Jepsen's names):
//   inconsistent-offsets  two different messages seen at one offset
//   duplicate             one message seen at two offsets
//   G1a                   a poll returned a message whose every send failed
//   lost-write            an acknowledged message never polled, though some
//                         poll read past its offset
//   unseen                an acknowledged message no poll returned, beyond
//                         the highest offset polled (reported per key)
#include "checkers/error_log.hpp"
#include "checkers/kafka/log_history.hpp"

namespace faultline::checkers::kafka {

// Adds what it finds to `errors`; returns the unseen summary
// {unseen: {key: n}, messages: {key: [msg...]}} (empty when none).
boost::json::object check_delivery(const LogHistory& log, ErrorLog& errors);

}  // namespace faultline::checkers::kafka
