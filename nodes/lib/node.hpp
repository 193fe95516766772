#pragma once
// A Maelstrom-protocol node, in the spirit of Maelstrom's own Go and Python
// libraries: one JSON message per line on stdin/stdout, logs on stderr.
//
// Threading model: run() is a single-threaded poll loop. Handlers, timers and
// RPC callbacks all run on that thread, so node state needs no locks. Only
// send()/write_line()/log() may also be called from other threads (they lock
// the output), for nodes that choose to spawn their own.
#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fl_node {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

// Maelstrom's error codes (maelstrom.md); "definite" ones tell the client the
// operation certainly did not happen.
enum ErrorCode : int {
  kTimeout = 0,
  kNodeNotFound = 1,
  kNotSupported = 10,
  kTemporarilyUnavailable = 11,
  kMalformedRequest = 12,
  kCrash = 13,
  kAbort = 14,
  kKeyDoesNotExist = 20,
  kKeyAlreadyExists = 21,
  kPreconditionFailed = 22,
  kTxnConflict = 30,
};

struct Message {
  std::string src;
  std::string dest;
  json::object body;

  std::string_view type() const;
  // msg_id / in_reply_to when present and integral.
  std::optional<std::int64_t> msg_id() const;
  std::optional<std::int64_t> in_reply_to() const;
  bool is_error() const { return type() == "error"; }
};

// Thrown by a handler (or by the field helpers below) when the request itself
// is bad; the library answers error 12, which is definite: nothing happened.
class MalformedRequest : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Field helpers that turn a missing or mistyped field into MalformedRequest.
const json::value& field(const json::object& body, std::string_view key);
std::int64_t int_field(const json::object& body, std::string_view key);
std::string string_field(const json::object& body, std::string_view key);

class Node {
 public:
  using Handler = std::function<void(const Message&)>;
  // Called with the reply, or std::nullopt when the RPC timed out.
  using RpcCallback = std::function<void(std::optional<Message>)>;

  Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // Registers the handler for one body type. Must be done before run().
  void on(std::string type, Handler handler);
  // Runs after init_ok has been sent and before any message buffered
  // before init is handled; node_id()/node_ids() are valid from here on.
  void on_init(std::function<void()> callback);

  // Reads stdin until EOF (returns 0) and dispatches. Messages that arrive
  // before init are buffered and handled right after it.
  int run();

  const std::string& node_id() const { return node_id_; }
  const std::vector<std::string>& node_ids() const { return node_ids_; }
  // node_ids() without ourselves.
  std::vector<std::string> peers() const;
  bool initialized() const { return initialized_; }

  // Sends a body to dest. A msg_id is not added: use rpc() to expect replies.
  void send(const std::string& dest, json::object body);
  // Replies to a request: in_reply_to from the request, a fresh msg_id.
  void reply(const Message& request, json::object body);
  void reply_error(const Message& request, int code, std::string text);
  // Sends with a fresh msg_id; the callback gets the reply (which may be an
  // error body) or nullopt once `timeout` passes. Late replies are dropped.
  void rpc(const std::string& dest, json::object body, RpcCallback callback, Millis timeout = Millis(1000));
  // Like rpc(), but re-sends (with a new msg_id) every `retry_every` until a
  // reply to any attempt arrives or `give_up_after` passes. Only safe when the
  // receiver tolerates duplicates (idempotent or deduplicated requests).
  void rpc_retry(const std::string& dest, json::object body, RpcCallback callback, Millis retry_every,
                 Millis give_up_after);

  // Timers registered before init start counting at init: gossip needs
  // node_ids() and must not fire before we know who we are.
  void after(Millis delay, std::function<void()> fn);
  void every(Millis period, std::function<void()> fn);

  // One raw line on stdout, whole and flushed: for nodes that deliberately
  // misbehave; everyone else uses send().
  void write_line(std::string_view line);
  void log(std::string_view text);

  // Body types handled by the library itself.
  static constexpr std::string_view kInit = "init";

 private:
  struct RetryState;
  struct Timer {
    Clock::time_point when;
    std::uint64_t seq;
    std::function<void()> fn;
    bool operator>(const Timer& other) const {
      return when != other.when ? when > other.when : seq > other.seq;
    }
  };

  void handle_line(std::string_view line);
  void dispatch(const Message& message);
  void run_handler(const Handler& handler, const Message& message);
  void handle_init(const Message& message);
  void fire_due_timers();
  void expire_rpc(std::int64_t msg_id);
  void retry_attempt(const std::shared_ptr<RetryState>& state);
  int poll_timeout_ms() const;
  std::int64_t next_msg_id() { return next_msg_id_.fetch_add(1); }

  std::unordered_map<std::string, Handler> handlers_;
  std::vector<std::function<void()>> init_callbacks_;
  std::string node_id_;
  std::vector<std::string> node_ids_;
  bool initialized_ = false;
  std::deque<Message> before_init_;
  std::atomic<std::int64_t> next_msg_id_{1};
  std::map<std::int64_t, RpcCallback> pending_;
  std::vector<std::pair<Millis, std::function<void()>>> deferred_timers_;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers_;
  std::uint64_t timer_seq_ = 0;
  std::mutex out_mutex_;
  std::mutex log_mutex_;
};

}  // namespace fl_node
