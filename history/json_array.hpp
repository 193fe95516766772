#pragma once
// Jepsen's and elle-cli's JSON histories: one JSON array of op objects, often
// on a single line. Keywords may keep their colon (":type": ":ok",
// "f": ":txn", "process": ":nemesis"); everything else is read as the JSONL
// reader reads an op.
#include <istream>
#include <string>

#include "history/op.hpp"

namespace faultline::history {

// Throws std::runtime_error "name: what" (with the op's position for a bad op).
History read_json_array(const std::string& path);
History read_json_array_stream(std::istream& in, const std::string& name);

}  // namespace faultline::history
