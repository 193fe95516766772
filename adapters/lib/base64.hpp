#pragma once
// Standard base64 (RFC 4648, padded), as etcd's JSON gateway wants keys and values.
#include <optional>
#include <string>
#include <string_view>

namespace fl_adapter {

std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace fl_adapter
