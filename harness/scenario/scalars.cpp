#include "harness/scenario/scalars.hpp"

#include <cctype>
#include <charconv>
#include <string>

namespace faultline::harness {

std::optional<bool> parse_bool(std::string_view word) {
  if (word == "true" || word == "True" || word == "TRUE") return true;
  if (word == "false" || word == "False" || word == "FALSE") return false;
  return std::nullopt;
}

bool is_null_word(std::string_view word) {
  return word.empty() || word == "~" || word == "null" || word == "Null" || word == "NULL";
}

namespace {
template <typename T>
std::optional<T> parse_integer(std::string_view word) {
  if (!word.empty() && word.front() == '+') word.remove_prefix(1);
  if (word.empty()) return std::nullopt;
  T value{};
  const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (ec != std::errc() || end != word.data() + word.size()) return std::nullopt;
  return value;
}
}  // namespace

std::optional<std::int64_t> parse_int64(std::string_view word) { return parse_integer<std::int64_t>(word); }

std::optional<std::uint64_t> parse_uint64(std::string_view word) {
  if (!word.empty() && word.front() == '-') return std::nullopt;
  return parse_integer<std::uint64_t>(word);
}

std::optional<double> parse_double(std::string_view word) {
  if (!word.empty() && word.front() == '+') word.remove_prefix(1);
  if (word.empty()) return std::nullopt;
  // from_chars would accept "inf" and "nan"; a scenario number never is one.
  for (char c : word)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' ||
          c == 'E'))
      return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (ec != std::errc() || end != word.data() + word.size()) return std::nullopt;
  return value;
}

}  // namespace faultline::harness
