#pragma once
// lin-tso: a linearizable timestamp oracle. `ts` -> `ts_ok{ts}` with 0, 1, 2, …
#include <cstdint>

#include "workloads/services/service.hpp"

namespace faultline::workloads::services {

class LinTsoService : public Service {
 public:
  std::string id() const override { return "lin-tso"; }
  std::optional<boost::json::object> handle(const std::string& src, const boost::json::object& body,
                                            history::Rng& rng) override;

 private:
  std::int64_t next_ = 0;
};

}  // namespace faultline::workloads::services
