#include <stdexcept>
#include <string>

#include "checkers/linearizability/models/models.hpp"

namespace faultline::checkers::lin {

const std::vector<std::string>& model_names() {
  static const std::vector<std::string> names = {"register", "cas-register", "kv",
                                                 "set",      "fifo-queue",   "mutex"};
  return names;
}

std::unique_ptr<Model> make_model(std::string_view name) {
  if (name == "register") return make_register_model();
  if (name == "cas-register" || name == "kv") return make_cas_register_model();
  if (name == "set") return make_set_model();
  if (name == "fifo-queue") return make_fifo_queue_model();
  if (name == "mutex") return make_mutex_model();
  std::string known;
  for (const auto& n : model_names()) known += (known.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown linearizability model '" + std::string(name) + "' (known: " + known +
                              ")");
}

}  // namespace faultline::checkers::lin
