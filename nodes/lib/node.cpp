#include "lib/node.hpp"

#include <boost/system/system_error.hpp>

#include <poll.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstring>

namespace fl_node {

namespace {

// Peers start in parallel with us, so their messages may arrive before our
// init; beyond this many we assume something is wrong and drop.
constexpr std::size_t kMaxBufferedBeforeInit = 100000;

std::optional<std::int64_t> int_member(const json::object& body, std::string_view key) {
  auto it = body.find(key);
  if (it == body.end()) return std::nullopt;
  if (it->value().is_int64()) return it->value().get_int64();
  if (it->value().is_uint64()) return static_cast<std::int64_t>(it->value().get_uint64());
  return std::nullopt;
}

void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // reader gone (EPIPE): nothing useful left to do with output
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

std::string_view Message::type() const {
  auto it = body.find("type");
  if (it == body.end() || !it->value().is_string()) return {};
  return it->value().get_string();
}

std::optional<std::int64_t> Message::msg_id() const { return int_member(body, "msg_id"); }
std::optional<std::int64_t> Message::in_reply_to() const { return int_member(body, "in_reply_to"); }

const json::value& field(const json::object& body, std::string_view key) {
  auto it = body.find(key);
  if (it == body.end()) throw MalformedRequest("missing field '" + std::string(key) + "'");
  return it->value();
}

std::int64_t int_field(const json::object& body, std::string_view key) {
  if (auto v = int_member(body, key)) return *v;
  field(body, key);  // throws when missing
  throw MalformedRequest("field '" + std::string(key) + "' must be an integer");
}

std::string string_field(const json::object& body, std::string_view key) {
  const json::value& v = field(body, key);
  if (!v.is_string()) throw MalformedRequest("field '" + std::string(key) + "' must be a string");
  return std::string(v.get_string());
}

struct Node::RetryState {
  std::string dest;
  json::object body;
  RpcCallback callback;
  Millis retry_every;
  Clock::time_point deadline;
  bool done = false;
};

Node::Node() {
  // A harness that goes away must not kill us mid-write with SIGPIPE; we
  // notice the closed stdin instead and exit normally.
  std::signal(SIGPIPE, SIG_IGN);
}

void Node::on(std::string type, Handler handler) { handlers_[std::move(type)] = std::move(handler); }

void Node::on_init(std::function<void()> callback) { init_callbacks_.push_back(std::move(callback)); }

std::vector<std::string> Node::peers() const {
  std::vector<std::string> out;
  for (const auto& id : node_ids_)
    if (id != node_id_) out.push_back(id);
  return out;
}

void Node::write_line(std::string_view line) {
  std::string whole(line);
  whole.push_back('\n');
  std::lock_guard lock(out_mutex_);
  write_all(STDOUT_FILENO, whole);
}

void Node::log(std::string_view text) {
  std::string line = "[" + (node_id_.empty() ? std::string("?") : node_id_) + "] ";
  line.append(text);
  line.push_back('\n');
  std::lock_guard lock(log_mutex_);
  write_all(STDERR_FILENO, line);
}

void Node::send(const std::string& dest, json::object body) {
  json::object envelope;
  envelope["src"] = node_id_;
  envelope["dest"] = dest;
  envelope["body"] = std::move(body);
  write_line(json::serialize(envelope));
}

void Node::reply(const Message& request, json::object body) {
  if (auto id = request.msg_id()) body["in_reply_to"] = *id;
  body["msg_id"] = next_msg_id();
  send(request.src, std::move(body));
}

void Node::reply_error(const Message& request, int code, std::string text) {
  reply(request, {{"type", "error"}, {"code", code}, {"text", std::move(text)}});
}

void Node::rpc(const std::string& dest, json::object body, RpcCallback callback, Millis timeout) {
  std::int64_t id = next_msg_id();
  body["msg_id"] = id;
  pending_[id] = std::move(callback);
  after(timeout, [this, id] { expire_rpc(id); });
  send(dest, std::move(body));
}

void Node::expire_rpc(std::int64_t msg_id) {
  auto it = pending_.find(msg_id);
  if (it == pending_.end()) return;  // answered in time
  RpcCallback callback = std::move(it->second);
  pending_.erase(it);
  callback(std::nullopt);
}

void Node::rpc_retry(const std::string& dest, json::object body, RpcCallback callback, Millis retry_every,
                     Millis give_up_after) {
  auto state = std::make_shared<RetryState>(
      RetryState{dest, std::move(body), std::move(callback), retry_every, Clock::now() + give_up_after});
  retry_attempt(state);
}

void Node::retry_attempt(const std::shared_ptr<RetryState>& state) {
  auto remaining = std::chrono::duration_cast<Millis>(state->deadline - Clock::now());
  if (remaining <= Millis(0)) {
    state->done = true;
    state->callback(std::nullopt);
    return;
  }
  // Every attempt stays open until the overall deadline, so a slow reply to
  // an early attempt still counts.
  rpc(
      state->dest, state->body,
      [state](std::optional<Message> reply) {
        if (state->done) return;
        if (reply || Clock::now() >= state->deadline) {
          state->done = true;
          state->callback(std::move(reply));
        }
      },
      remaining);
  after(std::min(state->retry_every, remaining), [this, state] {
    if (!state->done && Clock::now() < state->deadline) retry_attempt(state);
  });
}

void Node::after(Millis delay, std::function<void()> fn) {
  if (!initialized_) {
    deferred_timers_.emplace_back(delay, std::move(fn));
    return;
  }
  timers_.push(Timer{Clock::now() + delay, timer_seq_++, std::move(fn)});
}

void Node::every(Millis period, std::function<void()> fn) {
  auto shared = std::make_shared<std::function<void()>>(std::move(fn));
  // The re-arming closure owns the callback, not itself: no reference cycle.
  struct Rearm {
    Node* node;
    Millis period;
    std::shared_ptr<std::function<void()>> fn;
    void operator()() const {
      node->after(period, *this);
      (*fn)();
    }
  };
  after(period, Rearm{this, period, shared});
}

int Node::poll_timeout_ms() const {
  if (!initialized_ || timers_.empty()) return -1;
  auto wait = std::chrono::duration_cast<std::chrono::microseconds>(timers_.top().when - Clock::now());
  if (wait.count() <= 0) return 0;
  return static_cast<int>((wait.count() + 999) / 1000);  // round up: no busy wait
}

void Node::fire_due_timers() {
  if (!initialized_) return;
  const auto now = Clock::now();
  // Timers armed by these callbacks wait for the next round, so every(0)
  // cannot starve stdin.
  const std::uint64_t horizon = timer_seq_;
  while (!timers_.empty() && timers_.top().when <= now && timers_.top().seq < horizon) {
    std::function<void()> fn = timers_.top().fn;
    timers_.pop();
    try {
      fn();
    } catch (const std::exception& e) {
      log(std::string("timer failed: ") + e.what());
    }
  }
}

int Node::run() {
  std::string buffer;
  std::vector<char> chunk(64 * 1024);
  while (true) {
    fire_due_timers();
    pollfd in{STDIN_FILENO, POLLIN, 0};
    int ready = ::poll(&in, 1, poll_timeout_ms());
    if (ready < 0) {
      if (errno == EINTR) continue;
      log(std::string("poll failed: ") + std::strerror(errno));
      return 1;
    }
    if (ready == 0) continue;
    ssize_t n = ::read(STDIN_FILENO, chunk.data(), chunk.size());
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      log(std::string("read failed: ") + std::strerror(errno));
      return 1;
    }
    if (n == 0) {
      if (!buffer.empty()) handle_line(buffer);
      return 0;
    }
    buffer.append(chunk.data(), static_cast<std::size_t>(n));
    std::size_t start = 0;
    for (std::size_t end; (end = buffer.find('\n', start)) != std::string::npos; start = end + 1)
      handle_line(std::string_view(buffer).substr(start, end - start));
    buffer.erase(0, start);
  }
}

void Node::handle_line(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  if (line.empty()) return;
  boost::system::error_code ec;
  json::value parsed = json::parse(line, ec);
  const json::object* envelope = (!ec && parsed.is_object()) ? &parsed.get_object() : nullptr;
  const json::value* src = envelope ? envelope->if_contains("src") : nullptr;
  const json::value* dest = envelope ? envelope->if_contains("dest") : nullptr;
  const json::value* body = envelope ? envelope->if_contains("body") : nullptr;
  if (!src || !src->is_string() || !dest || !dest->is_string() || !body || !body->is_object()) {
    log("ignoring malformed line: " + std::string(line.substr(0, 500)));
    return;
  }
  // The network's top-level "id" (and anything else) is ignored on purpose.
  Message message{std::string(src->get_string()), std::string(dest->get_string()), body->get_object()};
  dispatch(message);
}

void Node::dispatch(const Message& message) {
  if (message.type() == kInit) {
    handle_init(message);
    return;
  }
  if (!initialized_) {
    if (before_init_.size() < kMaxBufferedBeforeInit)
      before_init_.push_back(message);
    else
      log("dropping message received before init: buffer full");
    return;
  }
  if (auto reply_to = message.in_reply_to()) {
    auto it = pending_.find(*reply_to);
    if (it != pending_.end()) {
      RpcCallback callback = std::move(it->second);
      pending_.erase(it);
      try {
        callback(message);
      } catch (const std::exception& e) {
        log(std::string("rpc callback failed: ") + e.what());
      }
      return;
    }
  }
  auto handler = handlers_.find(std::string(message.type()));
  if (handler != handlers_.end()) {
    run_handler(handler->second, message);
    return;
  }
  // Never answer a reply with an error: two nodes would ping-pong forever.
  if (message.in_reply_to()) {
    log("dropping late or unexpected reply: " + json::serialize(message.body));
  } else if (message.msg_id()) {
    reply_error(message, kNotSupported, "unsupported message type '" + std::string(message.type()) + "'");
  } else {
    log("dropping message of unknown type: " + json::serialize(message.body));
  }
}

void Node::run_handler(const Handler& handler, const Message& message) {
  auto fail = [&](int code, const std::string& text) {
    log("request failed (" + std::to_string(code) + "): " + text + " in " + json::serialize(message.body));
    if (message.msg_id()) reply_error(message, code, text);
  };
  try {
    handler(message);
  } catch (const MalformedRequest& e) {
    fail(kMalformedRequest, std::string("malformed request: ") + e.what());
  } catch (const boost::system::system_error& e) {  // Boost.JSON accessor on a wrong type
    fail(kMalformedRequest, std::string("malformed request: ") + e.what());
  } catch (const std::out_of_range& e) {  // Boost.JSON at() on a missing key
    fail(kMalformedRequest, std::string("malformed request: ") + e.what());
  } catch (const std::exception& e) {
    fail(kCrash, std::string("handler crashed: ") + e.what());
  }
}

void Node::handle_init(const Message& message) {
  std::string id;
  std::vector<std::string> ids;
  try {
    id = string_field(message.body, "node_id");
    const json::value& list = field(message.body, "node_ids");
    if (!list.is_array()) throw MalformedRequest("field 'node_ids' must be an array");
    for (const auto& v : list.get_array()) {
      if (!v.is_string()) throw MalformedRequest("node_ids must be strings");
      ids.emplace_back(v.get_string());
    }
  } catch (const MalformedRequest& e) {
    log(std::string("bad init: ") + e.what());
    if (message.msg_id()) reply_error(message, kMalformedRequest, std::string("bad init: ") + e.what());
    return;
  }
  if (initialized_) {
    // A repeated init is answered again but cannot rename us.
    if (id != node_id_) log("ignoring second init renaming " + node_id_ + " to " + id);
    reply(message, {{"type", "init_ok"}});
    return;
  }
  node_id_ = std::move(id);
  node_ids_ = std::move(ids);
  initialized_ = true;
  reply(message, {{"type", "init_ok"}});
  log("initialized; cluster of " + std::to_string(node_ids_.size()));
  for (auto& [delay, fn] : deferred_timers_) after(delay, std::move(fn));
  deferred_timers_.clear();
  for (auto& callback : init_callbacks_) {
    try {
      callback();
    } catch (const std::exception& e) {
      log(std::string("init callback failed: ") + e.what());
    }
  }
  std::deque<Message> early;
  early.swap(before_init_);
  for (const auto& m : early) dispatch(m);
}

}  // namespace fl_node
