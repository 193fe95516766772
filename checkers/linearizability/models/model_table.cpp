// The one list of linearizability models. The CLI's help, the scenario
// validation (parse_lin_options), the checker's description, error messages
// and docs/linearizability.md (checked by a test) all come from this table:
// a new model is one row here plus its file.
#include <stdexcept>
#include <string>

#include "checkers/linearizability/models/models.hpp"

namespace faultline::checkers::lin {

const std::vector<ModelEntry>& model_table() {
  static const std::vector<ModelEntry> table = {
      {"register", "`read` null → v (null: never written); `write` v", make_register_model, false},
      {"cas-register", "as register, plus `cas` [from, to]", make_cas_register_model, false},
      {"kv",
       "cas-register per key: `read` [k, null] → [k, v], `write` [k, v], `cas` [k, [from, to]] (Jepsen "
       "`independent`)",
       make_cas_register_model, true},
      {"string-kv",
       "Porcupine's kv, per key: `get` [k, null] → [k, s] (\"\" or null: never written), `put` [k, s], "
       "`append` "
       "[k, s]; a `:key` field works too",
       make_string_kv_model, true},
      {"set", "`add` v; `read` null → [elements] (the whole set)", make_set_model, false},
      {"fifo-queue", "`enqueue` v; `dequeue` null → v, or null when empty", make_fifo_queue_model, false},
      {"mutex", "`acquire`; `release` (no owner check, as Knossos)", make_mutex_model, false},
  };
  return table;
}

const ModelEntry* find_model(std::string_view name) {
  for (const ModelEntry& m : model_table())
    if (m.name == name) return &m;
  return nullptr;
}

std::string model_names_text(std::string_view separator) {
  std::string out;
  for (const ModelEntry& m : model_table()) {
    if (!out.empty()) out += separator;
    out += m.name;
  }
  return out;
}

std::unique_ptr<Model> make_model(std::string_view name) {
  if (const ModelEntry* m = find_model(name)) return m->factory();
  throw std::invalid_argument("unknown linearizability model '" + std::string(name) +
                              "' (known: " + model_names_text(", ") + ")");
}

}  // namespace faultline::checkers::lin
