#pragma once
// A workload is what clients do to the system: its generator, the codec between
// ops and Maelstrom messages, its final phase and its default checkers.
// Adding one means one file (or folder) here and one row in registry.cpp.
#include <boost/json.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "history/op.hpp"
#include "history/seed.hpp"

namespace faultline::workloads {

// What a client is about to do: history's f and value of the invoke op.
struct Invocation {
  std::string f;
  boost::json::value value;
};

// How the op completed, as recorded in the history.
struct Outcome {
  history::OpType type = history::OpType::Info;
  boost::json::value value;
  boost::json::value error;  // null, [code, text] or a reason string
};

// The client asking for work. `process` changes after an info op (Jepsen's
// crashed-process rule); `thread` is stable for the whole run.
struct ClientSlot {
  int thread = 0;
  std::int64_t process = 0;
  std::string node;
};

// A checker a workload runs unless the scenario lists its own.
struct CheckerSpec {
  std::string type;
  boost::json::object options;
};

struct WorkloadContext {
  std::vector<std::string> nodes;  // node ids, in order
  int concurrency = 1;             // number of client threads
  boost::json::object params;      // validated against the entry's params
  std::uint64_t seed = 0;
};

class Workload {
 public:
  virtual ~Workload() = default;

  // Messages sent to each node once, after init and before any op (broadcast's
  // topology). Each must be answered with a non-error reply.
  virtual std::vector<boost::json::object> setup_messages(const std::string& node) {
    (void)node;
    return {};
  }

  // Main phase: the next op for this client, or nullopt when it has nothing
  // to do right now (it will be asked again at the next tick).
  virtual std::optional<Invocation> next(const ClientSlot& client, history::Rng& rng) = 0;

  // Whether this workload has a final phase (heal, quiesce, final ops).
  virtual bool has_final_phase() const { return false; }

  // Final phase: asked repeatedly per client until it returns nullopt; ops
  // issued here are marked final in the history.
  virtual std::optional<Invocation> next_final(const ClientSlot& client, history::Rng& rng) {
    (void)client;
    (void)rng;
    return std::nullopt;
  }

  // Every completion, so generators with feedback (key retirement, draining a
  // queue) can react.
  virtual void observe(const ClientSlot& client, const Invocation& op, const Outcome& outcome) {
    (void)client;
    (void)op;
    (void)outcome;
  }

  // Request body (type and fields, without msg_id) for an op.
  virtual boost::json::object encode(const Invocation& op) const = 0;

  // A non-error reply to `op`. A reply that breaks the schema must come back
  // as Info with the reason in `error` (use schema.hpp), never throw.
  virtual Outcome decode(const Invocation& op, const boost::json::object& reply) const = 0;

  // A timed-out idempotent op is a definite Fail instead of Info.
  virtual bool idempotent(const Invocation& op) const {
    (void)op;
    return false;
  }

  virtual std::vector<CheckerSpec> default_checkers() const = 0;
};

}  // namespace faultline::workloads
