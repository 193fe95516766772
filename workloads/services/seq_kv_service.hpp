#pragma once
// seq-kv: sequentially consistent, as Maelstrom builds it. It keeps the last
// kHistory states and, per caller, the newest state that caller has observed.
// An op that changes nothing (a read, a failed cas) may be answered from any
// state between that one and the newest, so reads go stale and cas can fail
// on an old value — but a caller never goes back in time. Changing ops apply
// to the newest state, so all callers agree on one order of writes.
#include <deque>
#include <map>
#include <memory>

#include "workloads/services/kv_state.hpp"
#include "workloads/services/service.hpp"

namespace faultline::workloads::services {

class SeqKvService : public Service {
 public:
  static constexpr std::size_t kHistory = 32;

  SeqKvService();
  std::string id() const override { return "seq-kv"; }
  std::optional<boost::json::object> handle(const std::string& src, const boost::json::object& body,
                                            history::Rng& rng) override;

 private:
  // The state with absolute index i lives at states_[i - first_index_].
  // States are immutable once stored; a change appends a modified copy.
  std::deque<std::shared_ptr<const KvMap>> states_;
  std::uint64_t first_index_ = 0;
  std::map<std::string, std::uint64_t> seen_;  // caller -> newest index observed

  std::uint64_t newest_index() const { return first_index_ + states_.size() - 1; }
  const KvMap& state(std::uint64_t index) const { return *states_[index - first_index_]; }
};

}  // namespace faultline::workloads::services
