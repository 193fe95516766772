#pragma once
// A small, complete EDN reader that yields Boost.JSON values, so Jepsen's
// history.edn (and other EDN the user hands us) feeds the same checkers as our
// own JSONL.
//
// Mapping: nil -> null; true/false -> bool; integers -> int64 (uint64 or
// double when they overflow); floats, ratios and M/N-suffixed numbers ->
// double or int; strings and characters -> string; keywords -> string without
// the colon; symbols -> their name; vectors, lists and sets -> array; maps ->
// object whose keys are string/keyword/symbol names, and any other key's EDN
// source text (e.g. {1 :a} -> {"1": "a"}); `#tag value` -> value (so
// #jepsen.history.Op{...} is just the map); ##Inf/##-Inf/##NaN -> doubles.
// `;` comments, `#_` discards and commas are whitespace.
#include <boost/json.hpp>
#include <cstddef>
#include <string>
#include <string_view>

namespace faultline::history {

class EdnReader {
 public:
  // `name` prefixes error messages ("name:line:column: what").
  EdnReader(std::string_view text, std::string name);

  // True once only whitespace, comments and discarded forms remain.
  bool at_end();
  // The next significant character (after whitespace), or '\0' at the end.
  char peek();
  // Consumes `c` as the next significant character or throws.
  void expect(char c);
  // Offset of the next significant character; pair with where().
  std::size_t offset();
  // Reads one complete form. Throws std::runtime_error naming line and column.
  boost::json::value read_form();

  // "name:line:column" for a byte offset into the text.
  std::string where(std::size_t offset) const;
  [[noreturn]] void fail(std::size_t offset, const std::string& what) const;

 private:
  void skip_ws();
  boost::json::value read_form_at_depth(int depth);
  boost::json::value read_string();
  boost::json::value read_character();
  boost::json::value read_dispatch(int depth);
  boost::json::value read_token_form();
  boost::json::value read_number(std::string_view token, std::size_t start);
  boost::json::array read_seq(char close, int depth, std::size_t start);
  boost::json::object read_map(int depth, std::size_t start);
  std::string_view read_token();

  std::string_view text_;
  std::string name_;
  std::size_t pos_ = 0;
};

// True if `c` ends a token (symbol, keyword, number, tag).
bool edn_is_delimiter(char c);

}  // namespace faultline::history
