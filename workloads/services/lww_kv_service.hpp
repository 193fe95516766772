#pragma once
// lww-kv: an eventually consistent store of kReplicas replicas. Each op runs
// on one replica drawn at random; after every op one random pair of replicas
// exchanges state and keeps, per key, the write with the larger
// (Lamport clock, replica) stamp. So reads go stale and concurrent cas can
// both succeed (one is later overwritten), yet once writes stop the replicas
// really converge — unlike Maelstrom, whose computed merge is thrown away.
#include <array>
#include <cstdint>
#include <map>
#include <optional>

#include "workloads/services/kv_state.hpp"
#include "workloads/services/service.hpp"

namespace faultline::workloads::services {

class LwwKvService : public Service {
 public:
  static constexpr int kReplicas = 3;

  std::string id() const override { return "lww-kv"; }
  std::optional<boost::json::object> handle(const std::string& src, const boost::json::object& body,
                                            history::Rng& rng) override;

  // Inspection for tests: the value replica `replica` holds for `key`.
  std::optional<boost::json::value> replica_value(int replica, const boost::json::value& key) const;

 private:
  struct Stamp {
    std::uint64_t clock = 0;
    int replica = 0;
    bool operator<(const Stamp& o) const { return clock != o.clock ? clock < o.clock : replica < o.replica; }
  };
  struct Entry {
    boost::json::value value;
    Stamp stamp;
  };
  struct Replica {
    std::map<std::string, Entry> entries;  // serialized key -> newest write seen
    std::uint64_t clock = 0;               // Lamport clock
  };

  // Copies into `into` every entry of `from` with a newer stamp.
  static void absorb(Replica& into, const Replica& from);

  std::array<Replica, kReplicas> replicas_;
};

}  // namespace faultline::workloads::services
