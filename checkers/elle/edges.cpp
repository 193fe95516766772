#include "checkers/elle/edges.hpp"

namespace faultline::checkers::elle {

std::string_view label_name(std::uint8_t label) {
  switch (label) {
    case kWW:
      return "ww";
    case kWR:
      return "wr";
    case kRW:
      return "rw";
    case kProcess:
      return "process";
    case kRealtime:
      return "realtime";
  }
  return "?";
}

}  // namespace faultline::checkers::elle
