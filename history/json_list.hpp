#pragma once
// A JSON list holding exactly one list, e.g. a transaction of one micro-op.
// Spelled out because `json::array{json::array{...}}` means different things
// per compiler: GCC nests it, clang (CWG 2137: a braced list of one element of
// the same class copies that element) flattens it, so the same line recorded
// different histories depending on who compiled it.
#include <boost/json/array.hpp>
#include <utility>

namespace faultline::history {

inline boost::json::array list_of_one(boost::json::array inner) {
  boost::json::array out;
  out.emplace_back(std::move(inner));
  return out;
}

}  // namespace faultline::history
