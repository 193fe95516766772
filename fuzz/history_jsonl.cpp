// The JSONL history reader on arbitrary bytes, strict and lenient: an op list
// or a std::runtime_error naming the line, never a crash, hang or blow-up.
// Lenient mode must never throw on content at all.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>

#include "history/jsonl.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  namespace h = faultline::history;
  try {
    std::istringstream in(text);
    h::read_jsonl_stream(in, "fuzz.jsonl");
  } catch (const std::runtime_error&) {
  }
  std::istringstream in(text);
  h::ReadNotes notes;
  h::read_jsonl_stream(in, "fuzz.jsonl", &notes, h::ReadMode::Lenient);
  return 0;
}
