#pragma once
// Jepsen's history.edn: one op map per line, e.g.
//   {:index 0, :time 123, :process 0, :type :invoke, :f :read, :value nil}
// so our runs open in Jepsen's tooling and Jepsen's histories run through our
// checkers.
#include <istream>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "history/op.hpp"

namespace faultline::history {

// Keywords for :type and :f, :process :nemesis for the nemesis; values as EDN
// (arrays -> vectors, objects -> maps with string keys, null -> nil). :node,
// :error and :final? appear only when set.
std::string to_edn(const Op& op);
// One JSON value as EDN text.
std::string to_edn(const boost::json::value& value);
// `:name` when the text is a valid bare keyword, else the quoted EDN string
// (which our reader turns back into the same text).
std::string to_edn_keyword(std::string_view name);

// Writes one op map per line. Throws std::runtime_error if the file cannot be
// written.
void write_edn(const History& history, const std::string& path);

// Accepts one op map per top-level form (Jepsen's history.edn) or a single
// top-level vector of op maps; `#jepsen.history.Op{...}` tags are fine. Keys:
// :process (int or :nemesis), :type, :f, :value, :time (missing -> 0), :index
// (missing -> position), :error, :node, :final?, :key (the value becomes
// [key value], as Porcupine's kv logs need); others are ignored. Values
// are kept as-is ([1 2] -> [1,2]). Errors throw std::runtime_error
// "path:line:column: what".
History read_edn(const std::string& path);
History read_edn_stream(std::istream& in, const std::string& name);

}  // namespace faultline::history
