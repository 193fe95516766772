#include "lib/txn_state.hpp"

namespace fl_node {

namespace {

struct MicroOp {
  std::string_view f;
  const json::value& key;
  const json::value& value;
};

MicroOp parse(const json::value& m) {
  const auto* a = m.if_array();
  if (!a || a->size() != 3 || !(*a)[0].is_string())
    throw MalformedRequest("micro-op " + json::serialize(m) + " is not [f, key, value]");
  const std::string_view f = (*a)[0].as_string();
  if (f != "r" && f != "append" && f != "w")
    throw MalformedRequest("unknown micro-op function " + std::string(f));
  return {f, (*a)[1], (*a)[2]};
}

}  // namespace

const json::array& txn_field(const json::object& body) {
  const json::value& txn = field(body, "txn");
  if (!txn.is_array()) throw MalformedRequest("txn must be an array of micro-ops");
  for (const auto& m : txn.get_array()) parse(m);
  return txn.get_array();
}

json::array TxnState::run(const json::array& txn, std::map<std::string, json::value>& writes) const {
  json::array done;
  for (const auto& m : txn) {
    const MicroOp op = parse(m);
    const std::string key = json::serialize(op.key);
    auto own = writes.find(key);
    auto stored = data_.find(key);
    const json::value* current = own != writes.end()     ? &own->second
                                 : stored != data_.end() ? &stored->second
                                                         : nullptr;
    if (op.f == "r") {
      done.push_back(json::array{"r", op.key, current ? *current : json::value(nullptr)});
      continue;
    }
    if (op.f == "append") {
      json::array list = current && current->is_array() ? current->get_array() : json::array{};
      list.push_back(op.value);
      writes[key] = std::move(list);
    } else {
      writes[key] = op.value;
    }
    done.push_back(m);
  }
  return done;
}

void TxnState::commit(const json::array& completed) {
  // Re-apply the writes on the current state: an append goes after whatever
  // the key holds now, a write replaces it.
  for (const auto& m : completed) {
    const MicroOp op = parse(m);
    if (op.f == "r") continue;
    json::value& slot = data_[json::serialize(op.key)];
    if (op.f == "w") {
      slot = op.value;
      continue;
    }
    if (!slot.is_array()) slot = json::array{};
    slot.get_array().push_back(op.value);
  }
}

json::array TxnState::run_and_commit(const json::array& txn) {
  std::map<std::string, json::value> writes;
  json::array done = run(txn, writes);
  for (auto& [key, value] : writes) data_[key] = std::move(value);
  return done;
}

}  // namespace fl_node
