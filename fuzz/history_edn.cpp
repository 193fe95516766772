// The Jepsen EDN history reader on arbitrary bytes: an op list or a
// std::runtime_error naming line and column, never a crash, hang or blow-up
// (deep nesting included).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>

#include "history/edn.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    faultline::history::read_edn_stream(in, "fuzz.edn");
  } catch (const std::runtime_error&) {
  }
  return 0;
}
