#pragma once
// Replay commands are printed for people to paste into a shell.
#include <string>

namespace faultline::harness {

// `s` as one shell word: unchanged when it is plainly safe, else in single quotes.
std::string shell_quote(const std::string& s);

}  // namespace faultline::harness
