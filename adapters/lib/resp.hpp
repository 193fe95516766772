#pragma once
// Redis's RESP2: commands out as arrays of bulk strings, replies parsed as they arrive.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/connection.hpp"

namespace fl_adapter {

struct RespReply {
  enum class Kind { Simple, Error, Integer, Bulk, Nil, Array } kind = Kind::Nil;
  std::string text;  // Simple, Error, Bulk
  std::int64_t integer = 0;
  std::vector<RespReply> items;  // Array
};

std::string resp_command(const std::vector<std::string>& args);

// Parses one reply from the front of `data`; nullopt while it is incomplete.
// `consumed` is set to its length. Throws std::runtime_error on bytes that
// are not RESP.
std::optional<RespReply> resp_parse(std::string_view data, std::size_t& consumed);

// Sends one command and reads its reply (throws Failure as Connection does,
// and code 13 on a reply that is not RESP).
RespReply resp_call(Connection& connection, const std::vector<std::string>& args);

}  // namespace fl_adapter
