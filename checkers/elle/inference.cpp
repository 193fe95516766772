#include "checkers/elle/inference.hpp"

namespace faultline::checkers::elle {

std::string value_text(const boost::json::value& v) {
  if (const auto* s = v.if_string()) return std::string(*s);
  if (v.is_null()) return "nil";
  return boost::json::serialize(v);
}

std::string list_text(const Transactions& txns, std::span<const std::uint32_t> values) {
  constexpr std::size_t kShown = 8;
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values.size() > kShown && i == kShown / 2) {
      out += " …";
      i = values.size() - kShown / 2;
    }
    out += (i == 0 ? "" : " ") + value_text(txns.value(values[i]));
  }
  out += "]";
  if (values.size() > kShown) out += " (" + std::to_string(values.size()) + " elements)";
  return out;
}

std::string txn_name(const Transactions& txns, std::uint32_t t) {
  return "op " + std::to_string(txns.op(t).index);
}

boost::json::object txn_evidence(const Transactions& txns, std::uint32_t t) {
  return op_evidence(txns.op(t));
}

}  // namespace faultline::checkers::elle
