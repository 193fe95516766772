#pragma once
// One entry of a run's history, shaped like Jepsen's op maps so that histories
// convert both ways without loss.
#include <boost/json.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::history {

class PackedInts;

enum class OpType : std::uint8_t { Invoke, Ok, Fail, Info };

// Jepsen's process ids are integers or :nemesis; we keep integers and reserve
// -1 for the nemesis so checkers can compare ints on the hot path.
inline constexpr std::int64_t kNemesisProcess = -1;

struct Op {
  std::int64_t index = 0;
  std::int64_t time = 0;     // nanoseconds since the run started (monotonic)
  std::int64_t process = 0;  // client process, or kNemesisProcess
  OpType type = OpType::Invoke;
  std::string f;
  boost::json::value value;  // arguments on invoke, result on completion
  std::string node;          // node the client talked to; empty if none
  boost::json::value error;  // null, or [code, "text"] / a string reason
  bool final = false;        // issued in the final phase (after heal + quiesce)
  // Set instead of `value` (then null) for a long list of integers, so a big
  // history fits in memory: read such values through history/op_value.hpp.
  std::shared_ptr<const PackedInts> packed_value;
};

using History = std::vector<Op>;

std::string_view to_string(OpType type);
// Throws std::invalid_argument naming the bad value.
OpType op_type_from_string(std::string_view text);

inline bool is_completion(const Op& op) { return op.type != OpType::Invoke; }

}  // namespace faultline::history
