#pragma once
// Jepsen's history.txt: one tab-separated line per op,
//   process  type  f  value  error
// e.g. "3\t:invoke\t:cas\t[1 4]\t" — quick to grep and to eyeball.
#include <string>

#include "history/op.hpp"

namespace faultline::history {

// One line without the newline. Process is an int or :nemesis; type and f are
// keywords; value and error are EDN (error is empty when there is none).
std::string to_txt_line(const Op& op);

// Throws std::runtime_error if the file cannot be written.
void write_txt(const History& history, const std::string& path);

}  // namespace faultline::history
