#pragma once
// The stdio plane: every message between two endpoints (node, client,
// service) crosses one directed link, where it may be dropped, duplicated,
// delayed and reordered, all drawn from the run's seed. What each link does is
// the Network's answer, asked per message; the router only carries. Single-
// threaded: it lives on the run's io_context.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "history/seed.hpp"
#include "nemesis/endpoint.hpp"
#include "nemesis/link_faults.hpp"
#include "nemesis/message_trace.hpp"
#include "nemesis/network.hpp"
#include "nemesis/network_stats.hpp"

namespace faultline::nemesis {

// A line a node printed that is not a routable message. The node keeps
// running and keeps being heard (Maelstrom silences it; we don't).
struct ProtocolError {
  std::string node;
  std::string line;  // raw, cut to a readable length
  std::string reason;
};

class Router {
 public:
  // Nodes get the serialized line (with the network's "id" added) and say
  // whether it reached a live process; harness endpoints get the parsed
  // message, and with a WriterSink also the endpoint that wrote it: a node may
  // send under another endpoint's id (Maelstrom's raft.py forwards a client's
  // request keeping the client as src), so src alone does not say who sent it.
  using LineSink = std::function<bool(const std::string& line)>;
  using MessageSink = std::function<void(const boost::json::object& message)>;
  using WriterSink = std::function<void(const boost::json::object& message, int writer)>;

  // A link holding this many bytes in flight drops what comes next (issue
  // 9.12): a flood into a slow link must not grow the harness without bound.
  static constexpr std::size_t kMaxInFlightBytesPerLink = std::size_t{64} << 20;

  // Endpoints added here are added to `network`, which must outlive the router.
  Router(boost::asio::io_context& io, Network& network, std::uint64_t seed, std::size_t max_message_bytes,
         std::size_t max_link_bytes = kMaxInFlightBytesPerLink);
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  int add_node(const std::string& id, LineSink sink);
  int add_endpoint(const std::string& id, EndpointKind kind, MessageSink sink);
  int add_endpoint(const std::string& id, EndpointKind kind, WriterSink sink);
  int endpoint(const std::string& id) const { return network_.endpoint(id); }  // -1 if unknown
  const std::string& endpoint_id(int endpoint) const { return network_.endpoint_id(endpoint); }
  EndpointKind endpoint_kind(int endpoint) const { return network_.endpoint_kind(endpoint); }
  std::size_t endpoint_count() const { return network_.endpoint_count(); }

  // Replaces a node's sink, e.g. after a restart gave it a new stdin.
  void rebind_node(int endpoint, LineSink sink);

  // A line from a node's stdout. Bad lines become protocol errors. Its src
  // may be any known endpoint, as in Maelstrom; the link it crosses, and so
  // its faults, is the writing node's to dest. Such forwards are counted.
  void from_node(int node, std::string_view line);
  // A message from a harness endpoint (client or service).
  void send(int src, int dst, boost::json::object body);

  void on_protocol_error(std::function<void(const ProtocolError&)> f) { protocol_error_ = std::move(f); }
  // Every message event goes to `trace` too (nullptr: none); it must outlive the router's use.
  void set_trace(MessageTrace* trace) { trace_ = trace; }

  const NetworkStats& stats() const { return stats_; }
  // Messages still in flight (delayed); used to let the network drain.
  std::size_t in_flight() const { return queue_.size(); }

 private:
  using Clock = std::chrono::steady_clock;
  struct Sinks {
    LineSink line_sink;
    WriterSink message_sink;
  };
  // Delivery state of a link that carried traffic (its faults are the
  // Network's): only used links have one, so memory is linear in clients.
  struct Link {
    Clock::time_point last_deadline{};  // FIFO: nothing overtakes this
    std::uint32_t queued = 0;           // messages of this link in the delay queue
    std::size_t bytes = 0;              // serialized bytes of those messages
  };
  struct InFlight {
    Clock::time_point deadline;
    std::uint64_t seq;
    int src, dst;
    std::size_t bytes;
    std::int64_t id;  // the network's message id, for the trace
    boost::json::object message;
    bool operator>(const InFlight& o) const {
      return deadline != o.deadline ? deadline > o.deadline : seq > o.seq;
    }
  };

  Link& link_state(int src, int dst) {
    return links_[(static_cast<std::uint64_t>(static_cast<std::uint32_t>(src)) << 32) |
                  static_cast<std::uint32_t>(dst)];
  }
  int add(const std::string& id, EndpointKind kind, Sinks sinks);
  // src is the writer: the link and its faults are writer -> dst.
  void route(int src, int dst, boost::json::object message, bool forwarded = false);
  void schedule(int src, int dst, std::int64_t id, const boost::json::object& message,
                const LinkFaults& faults, Link& link);
  void deliver(int src, int dst, std::int64_t id, const boost::json::object& message);
  void drop(int src, int dst, std::int64_t id, std::string_view why);
  void arm_timer();
  void on_timer();
  void protocol_error(int node, std::string_view line, std::string reason);
  LinkCounters& counters(int src, int dst);

  boost::asio::io_context& io_;
  Network& network_;
  boost::asio::steady_timer timer_;
  Clock::time_point timer_deadline_ = Clock::time_point::max();
  history::Rng rng_;
  std::size_t max_message_bytes_;
  std::size_t max_link_bytes_;
  std::vector<Sinks> sinks_;  // by endpoint
  std::unordered_map<std::uint64_t, Link> links_;
  std::priority_queue<InFlight, std::vector<InFlight>, std::greater<>> queue_;
  std::uint64_t next_seq_ = 0;
  std::int64_t next_message_id_ = 0;
  NetworkStats stats_;
  std::function<void(const ProtocolError&)> protocol_error_;
  MessageTrace* trace_ = nullptr;
};

}  // namespace faultline::nemesis
