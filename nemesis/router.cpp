#include "nemesis/router.hpp"

#include <boost/asio/post.hpp>
#include <random>
#include <stdexcept>
#include <utility>

namespace faultline::nemesis {

namespace {
constexpr std::size_t kShownLineBytes = 512;

std::string shown(std::string_view line) {
  if (line.size() <= kShownLineBytes) return std::string(line);
  return std::string(line.substr(0, kShownLineBytes)) + "... (" + std::to_string(line.size()) + " bytes)";
}

bool chance(history::Rng& rng, double p) {
  return p > 0 && std::uniform_real_distribution<double>(0.0, 1.0)(rng) < p;
}
}  // namespace

Router::Router(boost::asio::io_context& io, std::uint64_t seed, std::size_t max_message_bytes)
    : io_(io), timer_(io), rng_(history::make_rng(seed, "network")), max_message_bytes_(max_message_bytes) {}

void Router::grow(std::size_t endpoints) {
  if (endpoints <= capacity_) return;
  std::size_t capacity = std::max<std::size_t>(16, capacity_ * 2);
  while (capacity < endpoints) capacity *= 2;
  std::vector<Link> links(capacity * capacity);
  for (std::size_t s = 0; s < capacity_; ++s)
    for (std::size_t d = 0; d < capacity_; ++d) links[s * capacity + d] = links_[s * capacity_ + d];
  links_ = std::move(links);
  capacity_ = capacity;
}

int Router::add_node(const std::string& id, LineSink sink) {
  if (by_id_.count(id)) throw std::invalid_argument("duplicate endpoint id '" + id + "'");
  const int ep = static_cast<int>(endpoints_.size());
  endpoints_.push_back({id, EndpointKind::Node, std::move(sink), {}});
  by_id_[id] = ep;
  grow(endpoints_.size());
  return ep;
}

int Router::add_endpoint(const std::string& id, EndpointKind kind, MessageSink sink) {
  if (by_id_.count(id)) throw std::invalid_argument("duplicate endpoint id '" + id + "'");
  const int ep = static_cast<int>(endpoints_.size());
  endpoints_.push_back({id, kind, {}, std::move(sink)});
  by_id_[id] = ep;
  grow(endpoints_.size());
  return ep;
}

int Router::endpoint(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? -1 : it->second;
}

void Router::rebind_node(int endpoint, LineSink sink) { endpoints_[endpoint].line_sink = std::move(sink); }

LinkCounters& Router::counters(int src, int dst) {
  const bool client =
      endpoints_[src].kind == EndpointKind::Client || endpoints_[dst].kind == EndpointKind::Client;
  return client ? stats_.clients : stats_.servers;
}

void Router::protocol_error(int node, std::string_view line, std::string reason) {
  if (protocol_error_) protocol_error_({endpoints_[node].id, shown(line), std::move(reason)});
}

void Router::from_node(int node, std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  if (line.empty()) return;
  if (line.size() > max_message_bytes_) {
    protocol_error(node, line, "line over the " + std::to_string(max_message_bytes_) + "-byte limit");
    return;
  }
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(line, ec);
  if (ec) return protocol_error(node, line, "not JSON: " + ec.message());
  if (!parsed.is_object()) return protocol_error(node, line, "not a JSON object");
  auto& message = parsed.as_object();
  const auto* src = message.if_contains("src");
  const auto* dest = message.if_contains("dest");
  if (!src || !src->is_string() || !dest || !dest->is_string())
    return protocol_error(node, line, "no string src and dest");
  const auto* body = message.if_contains("body");
  if (!body || !body->is_object()) return protocol_error(node, line, "no body object");
  if (src->as_string() != endpoints_[node].id)
    return protocol_error(node, line, "src '" + std::string(src->as_string()) + "' is not the sending node");
  const int dst = endpoint(std::string(dest->as_string()));
  if (dst < 0)
    return protocol_error(node, line, "unknown destination '" + std::string(dest->as_string()) + "'");
  route(node, dst, std::move(message));
}

void Router::send(int src, int dst, boost::json::object body) {
  boost::json::object message;
  message["src"] = endpoints_[src].id;
  message["dest"] = endpoints_[dst].id;
  message["body"] = std::move(body);
  route(src, dst, std::move(message));
}

void Router::route(int src, int dst, boost::json::object message) {
  message["id"] = next_message_id_++;
  auto& stats = counters(src, dst);
  ++stats.sent;
  Link& link = links_[index(src, dst)];
  if (link.faults.partitioned || chance(rng_, link.faults.loss)) {
    ++stats.dropped;
    return;
  }
  const bool twice = chance(rng_, link.faults.duplicate);
  schedule(src, dst, message, link);
  if (twice) {
    ++stats.duplicated;
    schedule(src, dst, message, link);
  }
}

void Router::schedule(int src, int dst, const boost::json::object& message, Link& link) {
  const auto now = Clock::now();
  auto deadline = now + draw_latency(link.faults.latency, rng_);
  if (link.faults.ordering == Ordering::Fifo && deadline < link.last_deadline) deadline = link.last_deadline;
  if (deadline > link.last_deadline) link.last_deadline = deadline;
  // Fast path: due now and nothing queued ahead on this link; node stdin is a
  // buffered write, so delivering inline cannot re-enter the router.
  if (deadline <= now && link.queued == 0 && endpoints_[dst].kind == EndpointKind::Node) {
    deliver(src, dst, message);
    return;
  }
  ++link.queued;
  queue_.push({deadline, next_seq_++, src, dst, message});
  if (deadline < timer_deadline_) arm_timer();
}

void Router::deliver(int src, int dst, const boost::json::object& message) {
  auto& stats = counters(src, dst);
  // A partition that began while the message was in flight still cuts it.
  if (links_[index(src, dst)].faults.partitioned) {
    ++stats.dropped;
    return;
  }
  Endpoint& ep = endpoints_[dst];
  if (ep.kind == EndpointKind::Node) {
    // A killed node's messages are lost, as on a real network.
    if (!ep.line_sink || !ep.line_sink(boost::json::serialize(message))) {
      ++stats.dropped;
      return;
    }
  } else {
    ep.message_sink(message);
  }
  ++stats.delivered;
}

void Router::arm_timer() {
  if (queue_.empty()) {
    timer_deadline_ = Clock::time_point::max();
    return;
  }
  timer_deadline_ = queue_.top().deadline;
  timer_.expires_at(timer_deadline_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) on_timer();
  });
}

void Router::on_timer() {
  timer_deadline_ = Clock::time_point::max();
  const auto now = Clock::now();
  // Bounded batch so a flood cannot starve the rest of the event loop.
  for (int n = 0; n < 4096 && !queue_.empty() && queue_.top().deadline <= now; ++n) {
    InFlight item = std::move(const_cast<InFlight&>(queue_.top()));
    queue_.pop();
    --links_[index(item.src, item.dst)].queued;
    deliver(item.src, item.dst, item.message);
  }
  if (!queue_.empty()) {
    if (queue_.top().deadline <= now) {
      boost::asio::post(io_, [this] { on_timer(); });
      timer_deadline_ = now;
    } else {
      arm_timer();
    }
  }
}

}  // namespace faultline::nemesis
