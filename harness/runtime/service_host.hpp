#pragma once
// Puts Maelstrom's services (lin-kv, seq-kv, lww-kv, lin-tso) on the network
// as endpoints, so their traffic crosses links like any other.
#include <memory>
#include <vector>

#include "history/seed.hpp"
#include "nemesis/router.hpp"
#include "workloads/services/service.hpp"

namespace faultline::harness {

class ServiceHost {
 public:
  ServiceHost(nemesis::Router& router, std::uint64_t seed);

 private:
  void handle(std::size_t service, int endpoint, const boost::json::object& message);

  nemesis::Router& router_;
  history::Rng rng_;
  std::vector<std::unique_ptr<workloads::Service>> services_;
};

}  // namespace faultline::harness
