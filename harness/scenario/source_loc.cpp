#include "harness/scenario/scenario.hpp"

namespace faultline::harness {

std::string SourceLoc::str() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace faultline::harness
