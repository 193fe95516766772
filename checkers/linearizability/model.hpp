#pragma once
// The one interface a linearizability model implements (Porcupine's shape:
// init, step, hash, equal, describe). Everything else — partitioning, the
// search, the counterexample and its HTML view — is generic over it, so a new
// model is one small class.
//
// Models work on JSON values because that is what histories carry; the search
// never sees them: it interns every state and every distinct operation to an
// int and calls `step` once per (state, operation) pair (see compiled_model.hpp).
#include <boost/json.hpp>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::checkers::lin {

// An operation as a model sees it: what was asked and what came back.
struct ModelOp {
  std::string f;
  boost::json::value input;   // the invocation's value (key stripped when keyed)
  boost::json::value output;  // the ok completion's value; null when crashed
  // Crashed (:info, or no completion): the output is unknown and the op may
  // take effect at any point after its invocation, or never.
  bool crashed = false;
  // Completed :fail, kept as an observation (LinOptions::failed_cas_observed):
  // it took effect without changing anything, and only where it must fail.
  bool failed = false;
};

// Keys are checked on several threads at once, all sharing one Model: keep
// implementations stateless (every method is const and must stay reentrant).
class Model {
 public:
  virtual ~Model() = default;

  virtual std::string name() const = 0;
  virtual boost::json::value init() const = 0;

  // The state after `op`, or nullopt if `op` cannot take effect in `state`.
  // Crashed ops need only model "it took effect": "never" is the search's job.
  virtual std::optional<boost::json::value> step(const boost::json::value& state,
                                                 const ModelOp& op) const = 0;

  // Throws std::invalid_argument saying what is wrong when the model cannot
  // express `op` (unknown f, malformed value), so bad input is reported before
  // the search starts rather than read as a violation.
  virtual void validate(const ModelOp& op) const = 0;

  // True when `op`, wherever legal, leaves the state unchanged. Such ops are
  // dropped when crashed and linearized eagerly when legal (both sound).
  virtual bool read_only(const ModelOp& op) const = 0;

  // Registers and their like: the state an op needs and the state it
  // leaves, when both are given by the op alone. `needs` nullopt: legal in
  // every state; otherwise legal in that state only. `leaves` nullopt: the
  // state stays as it was. nullopt for an op that does not fit this shape
  // (the default: every op). The stale-read refuter (stale_read.hpp) and the
  // unobserved-value reduction (unobserved.hpp) use it, on partitions whose
  // every op fits.
  struct ValueEffect {
    std::optional<boost::json::value> needs;
    std::optional<boost::json::value> leaves;
  };
  virtual std::optional<ValueEffect> value_effect(const ModelOp& op) const;
  // The same op, but leaving `value` instead (an op whose value_effect has
  // `leaves`); nullopt when the model cannot say (the default).
  virtual std::optional<ModelOp> leaving(const ModelOp& op, const boost::json::value& value) const;

  // What the search's counting lookahead may rely on (search_lookahead.cpp),
  // when the model knows it: the one state in which `op` can take effect (a
  // cas's `from`, a read's value), and the state every effect of `op` leaves
  // (a write's value, a cas's `to`). nullopt: none, or not known, which is
  // always safe (a model with ops whose result is unknown is not counted).
  virtual std::optional<boost::json::value> only_legal_in(const ModelOp&) const { return std::nullopt; }
  virtual std::optional<boost::json::value> always_leaves(const ModelOp&) const { return std::nullopt; }

  // Models whose state only grows (an append-only string) except under some
  // ops (put): `resets(op)` says whether op may take the state anywhere but
  // to a growth of it (where it goes, always_leaves says when it knows), and
  // `grows_to(a, b)` whether ops that do not reset can take state a to state
  // b. With only_legal_in this lets the search drop an order of appends that
  // no later read can see (search_lookahead.cpp). The defaults know nothing:
  // every op resets.
  virtual bool resets(const ModelOp&) const { return true; }
  virtual bool grows_to(const boost::json::value&, const boost::json::value&) const { return true; }

  // Equal states must hash equally. The defaults treat states as JSON values.
  virtual std::size_t hash(const boost::json::value& state) const;
  virtual bool equal(const boost::json::value& a, const boost::json::value& b) const;

  virtual std::string describe_state(const boost::json::value& state) const;
  virtual std::string describe_op(const ModelOp& op) const;
};

// One row of the model table (models/model_table.cpp), the only list of models.
struct ModelEntry {
  std::string_view name;
  std::string_view summary;  // its ops, as docs/linearizability.md's table shows them
  std::unique_ptr<Model> (*factory)();
  bool keyed = false;  // values are [key, v], each key checked alone
};

// Every model, in a stable order.
const std::vector<ModelEntry>& model_table();
// nullptr for an unknown name.
const ModelEntry* find_model(std::string_view name);
// The names joined by `separator`: "register | cas-register | ...".
std::string model_names_text(std::string_view separator);

// Throws std::invalid_argument naming the unknown model and the known ones.
std::unique_ptr<Model> make_model(std::string_view name);

}  // namespace faultline::checkers::lin
