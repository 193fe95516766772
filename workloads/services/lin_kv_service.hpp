#pragma once
// lin-kv: one atomic map. Every op sees every earlier op, so it is
// linearizable by construction (the service handles one message at a time).
#include "workloads/services/kv_state.hpp"
#include "workloads/services/service.hpp"

namespace faultline::workloads::services {

class LinKvService : public Service {
 public:
  std::string id() const override { return "lin-kv"; }
  std::optional<boost::json::object> handle(const std::string& src, const boost::json::object& body,
                                            history::Rng& rng) override;

 private:
  KvMap map_;
};

}  // namespace faultline::workloads::services
