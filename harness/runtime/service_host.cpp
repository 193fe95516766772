#include "harness/runtime/service_host.hpp"

#include <memory>

namespace faultline::harness {

ServiceHost::ServiceHost(nemesis::Router& router, std::uint64_t seed)
    : router_(router), rng_(history::make_rng(seed, "services")), services_(workloads::make_services()) {
  for (std::size_t i = 0; i < services_.size(); ++i) {
    // The endpoint id is only known once added; the handler runs later.
    auto endpoint = std::make_shared<int>(-1);
    *endpoint =
        router_.add_endpoint(services_[i]->id(), nemesis::EndpointKind::Service,
                             [this, i, endpoint](const boost::json::object& m) { handle(i, *endpoint, m); });
  }
}

void ServiceHost::handle(std::size_t service, int endpoint, const boost::json::object& message) {
  const auto& src = message.at("src").as_string();
  const auto* body = message.at("body").if_object();
  if (!body) return;
  auto reply = services_[service]->handle(std::string(src), *body, rng_);
  if (!reply) return;
  if (const auto* msg_id = body->if_contains("msg_id")) (*reply)["in_reply_to"] = *msg_id;
  const int dst = router_.endpoint(std::string(src));
  if (dst >= 0) router_.send(endpoint, dst, std::move(*reply));
}

}  // namespace faultline::harness
