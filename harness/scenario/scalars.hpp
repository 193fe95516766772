#pragma once
// Plain-scalar words as the YAML 1.2 core schema reads them. yaml-cpp's own
// as<bool>() follows YAML 1.1 (yes/no/on/off), which turns a node named "no"
// or a country code into a bool; scenarios use the stricter 1.2 rules.
#include <cstdint>
#include <optional>
#include <string_view>

namespace faultline::harness {

std::optional<bool> parse_bool(std::string_view word);             // true/false, True, TRUE
bool is_null_word(std::string_view word);                          // null, Null, NULL, ~, ""
std::optional<std::int64_t> parse_int64(std::string_view word);    // decimal, optional sign
std::optional<std::uint64_t> parse_uint64(std::string_view word);  // decimal, optional +
std::optional<double> parse_double(std::string_view word);         // decimal or exponent form

}  // namespace faultline::harness
