#include "history/op.hpp"

#include <stdexcept>
#include <string>

namespace faultline::history {

std::string_view to_string(OpType type) {
  switch (type) {
    case OpType::Invoke:
      return "invoke";
    case OpType::Ok:
      return "ok";
    case OpType::Fail:
      return "fail";
    case OpType::Info:
      return "info";
  }
  return "info";
}

OpType op_type_from_string(std::string_view text) {
  if (text == "invoke") return OpType::Invoke;
  if (text == "ok") return OpType::Ok;
  if (text == "fail") return OpType::Fail;
  if (text == "info") return OpType::Info;
  throw std::invalid_argument("unknown op type '" + std::string(text) +
                              "' (allowed: invoke, ok, fail, info)");
}

}  // namespace faultline::history
