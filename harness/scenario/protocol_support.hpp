#pragma once
// Which faults each node protocol can carry, read from the fault-kind table's
// planes: a TCP byte stream cannot lose, duplicate or reorder a message
// without a declared framing, while the maelstrom router and UDP can.
#include <optional>
#include <string>
#include <string_view>

namespace faultline::harness {

// nullopt when `fault_kind` applies to `protocol`; otherwise why not.
std::optional<std::string> fault_unsupported_reason(std::string_view protocol, std::string_view fault_kind);

}  // namespace faultline::harness
