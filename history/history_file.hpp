#pragma once
// Reads a history in whichever format it is: Jepsen EDN (name ends in .edn),
// a JSON array of ops (Jepsen, elle-cli: the first character is '['), or our
// JSONL (one op object per line: '{'). A file that is none of these, or
// that holds no ops, is an error naming the file and what was expected, so
// it can never pass for a valid empty history.
#include <string>

#include "history/op.hpp"

namespace faultline::history {

// Throws std::runtime_error "path: what".
History read_history_file(const std::string& path);

}  // namespace faultline::history
