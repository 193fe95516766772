#pragma once
// Shared by the JSONL and EDN readers: turning a decoded op map into an Op,
// with errors that name the offending field so a user can find it in the file.
#include <boost/json.hpp>
#include <cstdint>
#include <string_view>

#include "history/op.hpp"

namespace faultline::history::detail {

// Reads an integer field that may have been decoded as int64, uint64 or an
// integral double (EDN and JSON writers differ). Throws std::invalid_argument
// naming `field` when the value is not an integer.
std::int64_t integer_field(const boost::json::value& v, std::string_view field);

// Maps the agreed op keys (index, time, process, type, f, value, node, error,
// final) onto an Op. A `key` field makes the value Jepsen's independent
// tuple [key value], the shape keyed checks read. `index`/`time` default to 0 when absent; the caller may
// substitute the position for a missing index.
Op op_from_object(const boost::json::object& o);

}  // namespace faultline::history::detail
