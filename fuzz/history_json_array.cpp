// The JSON-array history reader (Jepsen, elle-cli) on arbitrary bytes: an op
// list or a std::runtime_error naming the element, never a crash, hang or
// blow-up.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>

#include "history/json_array.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    faultline::history::read_json_array_stream(in, "fuzz.json");
  } catch (const std::runtime_error&) {
  }
  return 0;
}
