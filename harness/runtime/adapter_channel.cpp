#include "harness/runtime/adapter_channel.hpp"

#include <boost/asio/post.hpp>

#include "harness/scenario/duration.hpp"

namespace faultline::harness {

namespace {

std::string shorten(std::string_view line) {
  constexpr std::size_t kMax = 512;
  return line.size() > kMax ? std::string(line.substr(0, kMax)) + "..." : std::string(line);
}

}  // namespace

AdapterChannel::AdapterChannel(boost::asio::io_context& io, AdapterLaunch launch, Hooks hooks)
    : io_(io), launch_(std::move(launch)), hooks_(std::move(hooks)), timer_(io) {}

AdapterChannel::~AdapterChannel() {
  *alive_ = false;
  cancel();
}

void AdapterChannel::open(std::function<void()> ready) {
  ready_ = std::move(ready);
  if (state_ == State::Ready) {
    auto r = std::move(ready_);
    ready_ = nullptr;
    return r();
  }
  if (state_ == State::Stopped && !restart_posted_) start();
}

void AdapterChannel::start() {
  ++starts_;
  state_ = State::Initializing;
  NodeProcess::Callbacks cb;
  cb.on_line = [this](std::string_view line) { on_line(line); };
  cb.on_oversized_line = [this](std::string_view partial) {
    protocol_error(partial,
                   "line over the " + std::to_string(launch_.process.max_line_bytes) + "-byte limit");
    if (state_ == State::Initializing)
      return hooks_.fatal("adapter " + launch_.process.id + " answered init with an oversized line" +
                          log_hint());
    lose_and_restart("adapter " + launch_.process.id + " wrote an oversized line");
  };
  cb.on_exit = [this](int code) { on_exit(code); };
  process_ = std::make_unique<NodeProcess>(io_, launch_.process, std::move(cb));
  try {
    process_->start();
  } catch (const SpawnError& e) {
    state_ = State::Stopped;
    return hooks_.fatal(std::string("adapter ") + e.what());
  }
  process_->write_line(boost::json::serialize(launch_.init));
  timer_.expires_after(launch_.init_timeout);
  std::weak_ptr<bool> alive = alive_;
  timer_.async_wait([this, alive, starts = starts_](const boost::system::error_code& ec) {
    if (ec || alive.expired() || starts != starts_ || state_ != State::Initializing) return;
    hooks_.fatal("adapter " + launch_.process.id + " did not answer init within " +
                 format_duration(launch_.init_timeout) + log_hint());
  });
}

void AdapterChannel::call(const std::string& node, boost::json::object body, std::chrono::nanoseconds timeout,
                          Callback cb) {
  if (cancelled_) return;
  Request request{node, std::move(body), timeout, std::move(cb)};
  if (state_ == State::Ready && !in_flight_) return send(std::move(request));
  queued_ = std::move(request);
  if (state_ == State::Stopped && !restart_posted_) start();
}

void AdapterChannel::send(Request request) {
  const std::int64_t id = next_id_++;
  boost::json::object line{{"id", id}, {"node", request.node}, {"body", std::move(request.body)}};
  in_flight_id_ = id;
  const auto timeout = request.timeout;
  in_flight_ = std::move(request);
  timer_.expires_after(timeout);
  std::weak_ptr<bool> alive = alive_;
  timer_.async_wait([this, alive, id, timeout](const boost::system::error_code& ec) {
    if (ec || alive.expired() || !in_flight_ || in_flight_id_ != id) return;
    lose_and_restart("adapter " + launch_.process.id + " did not answer within " + format_duration(timeout));
  });
  // A dead adapter's exit (or the timer) ends the request; nothing to do here.
  process_->write_line(boost::json::serialize(line));
}

void AdapterChannel::on_line(std::string_view line) {
  if (state_ == State::Initializing) return on_init_line(line);
  if (state_ != State::Ready) return;  // a process being replaced
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(line, ec);
  const auto* object = !ec ? parsed.if_object() : nullptr;
  const auto* id = object ? object->if_contains("id") : nullptr;
  const auto* body = object ? object->if_contains("body") : nullptr;
  std::string problem;
  if (!object || !id || !id->is_int64() || !body || !body->is_object()) {
    problem = "not a reply {\"id\": N, \"body\": {...}}";
  } else if (!in_flight_) {
    problem = "a reply while no request was pending";
  } else if (id->as_int64() != in_flight_id_) {
    problem = "a reply to request " + std::to_string(id->as_int64()) + " while request " +
              std::to_string(in_flight_id_) + " was pending";
  }
  if (!problem.empty()) {
    protocol_error(line, problem);
    return lose_and_restart("adapter " + launch_.process.id + " broke the protocol: " + problem);
  }
  timer_.cancel();
  Request done = std::move(*in_flight_);
  in_flight_.reset();
  ClientAnswer answer;
  answer.kind = ClientAnswer::Kind::Reply;
  answer.body = &body->as_object();
  done.cb(answer);
}

void AdapterChannel::on_init_line(std::string_view line) {
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(line, ec);
  const auto* object = !ec ? parsed.if_object() : nullptr;
  const auto* type = object ? object->if_contains("type") : nullptr;
  if (type && *type == "init_ok") {
    timer_.cancel();
    state_ = State::Ready;
    if (ready_) {
      auto r = std::move(ready_);
      ready_ = nullptr;
      r();
    }
    if (queued_ && state_ == State::Ready && !in_flight_) {
      Request next = std::move(*queued_);
      queued_.reset();
      send(std::move(next));
    }
    return;
  }
  if (type && *type == "error") {
    const auto* text = object->if_contains("text");
    hooks_.fatal("adapter " + launch_.process.id + " refused init: " +
                 (text && text->is_string() ? std::string(text->as_string()) : shorten(line)) + log_hint());
    return;
  }
  protocol_error(line, "not init_ok");
  hooks_.fatal("adapter " + launch_.process.id + " answered init with '" + shorten(line) +
               "' instead of {\"type\": \"init_ok\"}" + log_hint());
}

void AdapterChannel::on_exit(int wait_status) {
  if (cancelled_) return;
  if (state_ == State::Initializing) {
    hooks_.fatal("adapter " + launch_.process.id + " " + describe_exit(wait_status) +
                 " before answering init" + log_hint());
    return;
  }
  lose_and_restart("adapter " + launch_.process.id + " " + describe_exit(wait_status));
}

void AdapterChannel::lose_and_restart(const std::string& reason) {
  state_ = State::Stopped;
  timer_.cancel();
  std::optional<Request> lost = std::move(in_flight_);
  in_flight_.reset();
  if (!restart_posted_) {
    restart_posted_ = true;
    // Not from inside the old process's own callbacks: replacing it destroys it.
    std::weak_ptr<bool> alive = alive_;
    boost::asio::post(io_, [this, alive] {
      if (alive.expired()) return;
      restart_posted_ = false;
      if (cancelled_) return;
      process_.reset();  // kills the old adapter's group: it may still be working on the request
      start();
    });
  }
  if (lost) {
    ClientAnswer answer;
    answer.kind = ClientAnswer::Kind::Lost;
    answer.reason = reason;
    lost->cb(answer);
  }
}

void AdapterChannel::protocol_error(std::string_view line, const std::string& reason) {
  if (hooks_.protocol_error) hooks_.protocol_error({launch_.process.id, shorten(line), reason});
}

std::string AdapterChannel::log_hint() const {
  const std::string tail = log_tail(launch_.process.log_path);
  return "\n--- last lines of " + launch_.process.log_path + " ---\n" + (tail.empty() ? "(empty)\n" : tail);
}

void AdapterChannel::cancel() {
  cancelled_ = true;
  timer_.cancel();
  queued_.reset();
  in_flight_.reset();
  ready_ = nullptr;
  process_.reset();
}

}  // namespace faultline::harness
