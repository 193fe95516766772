#include "checkers/elle/transactions.hpp"

#include <stdexcept>

#include "history/pairs.hpp"

namespace faultline::checkers::elle {

namespace json = boost::json;
using history::OpType;

namespace {

bool is_txn(const history::Op& op) { return op.f == "txn" && op.process != history::kNemesisProcess; }

[[noreturn]] void bad(const history::Op& op, std::size_t i, const std::string& what) {
  throw std::invalid_argument("op " + std::to_string(op.index) + " (process " + std::to_string(op.process) +
                              "): micro-op " + std::to_string(i) + " " + what + "; expected [f key value] " +
                              "with f one of r, append, w");
}

MopKind kind_of(std::string_view f, bool& ok) {
  ok = true;
  if (f == "r" || f == "read") return MopKind::Read;
  if (f == "append") return MopKind::Append;
  if (f == "w" || f == "write") return MopKind::Write;
  ok = false;
  return MopKind::Read;
}

}  // namespace

Transactions::Transactions(const history::History& history) : history_(&history) {
  if (history.size() >= kNone) throw std::invalid_argument("history too long for the transaction checker");
  const auto completion = history::completion_of(history);
  // Sizes first, so the arrays are allocated once and exactly.
  std::size_t txn_ops = 0, mop_count = 0, elements = 0;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const auto& op = history[i];
    if (op.type != OpType::Invoke || !is_txn(op)) continue;
    ++txn_ops;
    const auto c = completion[i];
    const auto& shown = c >= 0 && history[static_cast<std::size_t>(c)].type == OpType::Ok
                            ? history[static_cast<std::size_t>(c)]
                            : op;
    const json::array* mops = shown.value.if_array();
    if (!mops) continue;
    mop_count += mops->size();
    for (const auto& m : *mops) {
      const json::array* a = m.if_array();
      if (a && a->size() == 3 && (*a)[2].is_array()) elements += (*a)[2].get_array().size();
    }
  }
  txns_.reserve(txn_ops);
  mops_.reserve(mop_count);
  mop_txn_.reserve(mop_count);
  pool_.reserve(elements);

  for (std::size_t i = 0; i < history.size(); ++i) {
    const auto& inv = history[i];
    if (inv.type != OpType::Invoke || !is_txn(inv)) continue;
    Txn t;
    t.process = inv.process;
    t.invoke = static_cast<std::uint32_t>(i);
    const history::Op* shown = &inv;
    if (completion[i] >= 0) {
      const auto& done = history[static_cast<std::size_t>(completion[i])];
      t.complete = static_cast<std::uint32_t>(completion[i]);
      t.status = done.type == OpType::Ok     ? TxnStatus::Ok
                 : done.type == OpType::Fail ? TxnStatus::Fail
                                             : TxnStatus::Info;
      if (t.status == TxnStatus::Ok) shown = &done;
    }
    const json::array* mops = shown->value.if_array();
    if (!mops)
      throw std::invalid_argument("op " + std::to_string(shown->index) +
                                  ": a txn's value must be a list of micro-ops [f key value], got " +
                                  json::serialize(shown->value));
    t.first_mop = static_cast<std::uint32_t>(mops_.size());
    t.mop_count = static_cast<std::uint32_t>(mops->size());
    const auto id = static_cast<std::uint32_t>(txns_.size());
    for (std::size_t m = 0; m < mops->size(); ++m) {
      parse_mop((*mops)[m], t.status == TxnStatus::Ok, static_cast<std::size_t>(shown - history.data()), m);
      mop_txn_.push_back(id);
    }
    txns_.push_back(t);
  }
}

void Transactions::parse_mop(const json::value& v, bool with_results, std::size_t op_pos, std::size_t i) {
  const auto& op = (*history_)[op_pos];
  const json::array* a = v.if_array();
  if (!a || a->size() != 3) bad(op, i, "is " + json::serialize(v));
  const json::string* f = (*a)[0].if_string();
  bool known_kind = false;
  Mop m;
  if (f) m.kind = kind_of(*f, known_kind);
  if (!known_kind) bad(op, i, "has unknown function " + json::serialize((*a)[0]));
  m.key = keys_.intern((*a)[1]);
  const json::value& arg = (*a)[2];
  if (m.kind != MopKind::Read) {
    m.value = values_.intern(arg);
  } else if (with_results) {
    m.known = true;
    if (arg.is_null()) {
      m.nil = true;
    } else if (const json::array* list = arg.if_array()) {
      m.is_list = true;
      m.list = static_cast<std::uint32_t>(pool_.size());
      m.length = static_cast<std::uint32_t>(list->size());
      for (const auto& e : *list) pool_.push_back(values_.intern(e));
    } else {
      m.value = values_.intern(arg);
    }
  }
  mops_.push_back(m);
}

MopsByKey::MopsByKey(const Transactions& txns) {
  start_.assign(txns.key_count() + 1, 0);
  for (std::uint32_t m = 0; m < txns.mop_count(); ++m) ++start_[txns.mop(m).key + 1];
  for (std::size_t k = 0; k < txns.key_count(); ++k) start_[k + 1] += start_[k];
  by_key_.resize(txns.mop_count());
  std::vector<std::uint32_t> next(start_.begin(), start_.end() - 1);
  for (std::uint32_t m = 0; m < txns.mop_count(); ++m) by_key_[next[txns.mop(m).key]++] = m;
}

const history::Op& Transactions::op(std::uint32_t t) const {
  const Txn& x = txns_[t];
  return (*history_)[x.complete != kNone ? x.complete : x.invoke];
}

void Transactions::reject_mop(std::uint32_t m, const std::string& what, const std::string& model) const {
  throw std::invalid_argument("op " + std::to_string(op(txn_of_mop(m)).index) + ": " + what + " (" + model +
                              ")");
}

}  // namespace faultline::checkers::elle
