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

Router::Router(boost::asio::io_context& io, Network& network, std::uint64_t seed,
               std::size_t max_message_bytes, std::size_t max_link_bytes)
    : io_(io),
      network_(network),
      timer_(io),
      rng_(history::make_rng(seed, "network")),
      max_message_bytes_(max_message_bytes),
      max_link_bytes_(max_link_bytes) {}

int Router::add(const std::string& id, EndpointKind kind, Sinks sinks) {
  const int ep = network_.add_endpoint(id, kind);
  if (sinks_.size() <= static_cast<std::size_t>(ep)) sinks_.resize(ep + 1);
  sinks_[ep] = std::move(sinks);
  return ep;
}

int Router::add_node(const std::string& id, LineSink sink) {
  return add(id, EndpointKind::Node, {std::move(sink), {}});
}

int Router::add_endpoint(const std::string& id, EndpointKind kind, MessageSink sink) {
  return add(id, kind, {{}, [sink = std::move(sink)](const boost::json::object& m, int) { sink(m); }});
}

int Router::add_endpoint(const std::string& id, EndpointKind kind, WriterSink sink) {
  return add(id, kind, {{}, std::move(sink)});
}

void Router::rebind_node(int endpoint, LineSink sink) { sinks_[endpoint].line_sink = std::move(sink); }

LinkCounters& Router::counters(int src, int dst) {
  const bool client =
      endpoint_kind(src) == EndpointKind::Client || endpoint_kind(dst) == EndpointKind::Client;
  return client ? stats_.clients : stats_.servers;
}

void Router::protocol_error(int node, std::string_view line, std::string reason) {
  if (protocol_error_) protocol_error_({endpoint_id(node), shown(line), std::move(reason)});
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
  // Maelstrom routes any known src: a node may forward a client's request to
  // another node keeping the client's id, and the answer then goes straight
  // to the client. Only an unknown src is an error.
  const bool own = src->as_string() == endpoint_id(node);
  if (!own && endpoint(std::string(src->as_string())) < 0)
    return protocol_error(node, line, "unknown source '" + std::string(src->as_string()) + "'");
  const int dst = endpoint(std::string(dest->as_string()));
  if (dst < 0)
    return protocol_error(node, line, "unknown destination '" + std::string(dest->as_string()) + "'");
  route(node, dst, std::move(message), !own);
}

void Router::send(int src, int dst, boost::json::object body) {
  boost::json::object message;
  message["src"] = endpoint_id(src);
  message["dest"] = endpoint_id(dst);
  message["body"] = std::move(body);
  route(src, dst, std::move(message));
}

void Router::route(int src, int dst, boost::json::object message, bool forwarded) {
  const std::int64_t id = next_message_id_++;
  message["id"] = id;
  auto& stats = counters(src, dst);
  ++stats.sent;
  if (forwarded) ++stats.forwarded;
  if (trace_) {
    const auto* as = message.if_contains("src");
    trace_->send(
        id, endpoint_id(src), endpoint_id(dst), message,
        forwarded && as && as->is_string() ? std::string_view(as->get_string()) : std::string_view());
  }
  const LinkFaults& faults = network_.link(src, dst);
  if (faults.partitioned || chance(rng_, faults.loss)) {
    ++stats.dropped;
    if (trace_) drop(src, dst, id, faults.partitioned ? "partition" : "loss");
    return;
  }
  const bool twice = chance(rng_, faults.duplicate);
  Link& link = link_state(src, dst);
  schedule(src, dst, id, message, faults, link);
  if (twice) {
    ++stats.duplicated;
    if (trace_) trace_->duplicate(id, endpoint_id(src), endpoint_id(dst));
    schedule(src, dst, id, message, faults, link);
  }
}

void Router::drop(int src, int dst, std::int64_t id, std::string_view why) {
  trace_->drop(id, endpoint_id(src), endpoint_id(dst), why);
}

void Router::schedule(int src, int dst, std::int64_t id, const boost::json::object& message,
                      const LinkFaults& faults, Link& link) {
  const auto now = Clock::now();
  auto deadline = now + draw_latency(faults.latency, rng_);
  if (faults.ordering == Ordering::Fifo && deadline < link.last_deadline) deadline = link.last_deadline;
  // Fast path: due now and nothing queued ahead on this link; node stdin is a
  // buffered write, so delivering inline cannot re-enter the router.
  if (deadline <= now && link.queued == 0 && endpoint_kind(dst) == EndpointKind::Node) {
    if (deadline > link.last_deadline) link.last_deadline = deadline;
    deliver(src, dst, id, message);
    return;
  }
  const std::size_t bytes = boost::json::serialize(message).size();
  if (link.bytes + bytes > max_link_bytes_) {
    auto& stats = counters(src, dst);
    ++stats.dropped;
    ++stats.over_cap;
    if (trace_) drop(src, dst, id, "over-cap");
    return;
  }
  if (deadline > link.last_deadline) link.last_deadline = deadline;
  ++link.queued;
  link.bytes += bytes;
  if (trace_ && deadline > now) trace_->held(id, endpoint_id(src), endpoint_id(dst), deadline - now);
  queue_.push({deadline, next_seq_++, src, dst, bytes, id, message});
  if (deadline < timer_deadline_) arm_timer();
}

void Router::deliver(int src, int dst, std::int64_t id, const boost::json::object& message) {
  auto& stats = counters(src, dst);
  // A partition that began while the message was in flight still cuts it.
  if (network_.link(src, dst).partitioned) {
    ++stats.dropped;
    if (trace_) drop(src, dst, id, "partition-in-flight");
    return;
  }
  Sinks& ep = sinks_[dst];
  if (endpoint_kind(dst) == EndpointKind::Node) {
    // A killed node's messages are lost, as on a real network.
    if (!ep.line_sink || !ep.line_sink(boost::json::serialize(message))) {
      ++stats.dropped;
      if (trace_) drop(src, dst, id, "receiver-down");
      return;
    }
  } else {
    // The trace line goes first: a harness endpoint may answer inline, and
    // its reply's send must not appear before this delivery.
    if (trace_) trace_->deliver(id, endpoint_id(src), endpoint_id(dst));
    ++stats.delivered;
    ep.message_sink(message, src);
    return;
  }
  ++stats.delivered;
  if (trace_) trace_->deliver(id, endpoint_id(src), endpoint_id(dst));
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
    Link& link = link_state(item.src, item.dst);
    --link.queued;
    link.bytes -= item.bytes;
    deliver(item.src, item.dst, item.id, item.message);
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
