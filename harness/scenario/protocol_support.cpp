#include "harness/scenario/protocol_support.hpp"

namespace faultline::harness {

std::optional<std::string> fault_unsupported_reason(std::string_view protocol, std::string_view fault_kind) {
  // maelstrom: the router sees whole messages, so every fault applies.
  // udp: every fault applies per datagram.
  if (protocol == "tcp") {
    if (fault_kind == "loss" || fault_kind == "duplicate" || fault_kind == "reorder") {
      return "a " + std::string(fault_kind) +
             " fault needs message boundaries, which a tcp byte stream does not have";
    }
  }
  return std::nullopt;
}

}  // namespace faultline::harness
