#include "harness/scenario/protocol_support.hpp"

#include "nemesis/fault_kinds.hpp"

namespace faultline::harness {

namespace {

// maelstrom nodes speak over stdio through the router.
nemesis::Plane plane_of(std::string_view protocol) {
  if (protocol == "tcp") return nemesis::kTcp;
  if (protocol == "udp") return nemesis::kUdp;
  return nemesis::kStdio;
}

}  // namespace

std::optional<std::string> fault_unsupported_reason(std::string_view protocol, std::string_view fault_kind) {
  const auto* kind = nemesis::find_fault_kind(fault_kind);
  const nemesis::Plane plane = plane_of(protocol);
  if (!kind || kind->on(plane)) return std::nullopt;
  if (kind->planes == nemesis::kTcp)
    return "a " + std::string(fault_kind) + " fault acts on tcp connections, which the " +
           std::string(nemesis::plane_name(plane)) + " plane does not have";
  if (plane == nemesis::kTcp)
    return "a " + std::string(fault_kind) +
           " fault needs message boundaries, which a tcp byte stream does not have";
  return "a " + std::string(fault_kind) + " fault is not carried by the " +
         std::string(nemesis::plane_name(plane)) + " plane";
}

}  // namespace faultline::harness
