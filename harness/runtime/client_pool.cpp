#include "harness/runtime/client_pool.hpp"

#include <random>

#include "workloads/errors.hpp"

namespace faultline::harness {

ClientPool::ClientPool(boost::asio::io_context& io, ChannelFactory make_channel, Recorder& recorder,
                       workloads::Workload& workload, ClientConfig config, std::uint64_t seed)
    : io_(io),
      recorder_(recorder),
      workload_(workload),
      config_(std::move(config)),
      generator_rng_(history::make_rng(seed, "generator")),
      stagger_rng_(history::make_rng(seed, "stagger")),
      tick_timer_(io) {
  clients_.resize(static_cast<std::size_t>(config_.concurrency));
  for (int t = 0; t < config_.concurrency; ++t) {
    Client& c = clients_[static_cast<std::size_t>(t)];
    c.slot.thread = t;
    c.slot.process = t;
    c.slot.node = config_.nodes[static_cast<std::size_t>(t) % config_.nodes.size()];
    c.channel = make_channel("c" + std::to_string(t + 1));
  }
}

void ClientPool::open(std::function<void()> ready) {
  if (clients_.empty()) return ready();
  auto remaining = std::make_shared<std::size_t>(clients_.size());
  auto done = std::make_shared<std::function<void()>>(std::move(ready));
  for (auto& c : clients_)
    c.channel->open([remaining, done] {
      if (--*remaining == 0) (*done)();
    });
}

void ClientPool::start_main() {
  main_active_ = true;
  if (config_.rate <= 0) return;
  next_due_ = std::chrono::steady_clock::now();
  advance_due();
  wait_tick();
}

void ClientPool::advance_due() {
  const double gap_s = std::uniform_real_distribution<double>(0.0, 2.0 / config_.rate)(stagger_rng_);
  next_due_ += std::chrono::nanoseconds(static_cast<std::int64_t>(gap_s * 1e9));
}

void ClientPool::wait_tick() {
  tick_timer_.expires_at(next_due_);
  tick_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) tick();
  });
}

void ClientPool::tick() {
  if (!main_active_) return;
  // Ops that find every worker busy wait for one, as Jepsen's generator does,
  // but never pile up beyond one per worker.
  const auto now = std::chrono::steady_clock::now();
  do {
    if (tokens_ < config_.concurrency) ++tokens_;
    advance_due();
  } while (next_due_ <= now);
  dispatch();
  wait_tick();
}

void ClientPool::dispatch() {
  for (std::size_t tried = 0; tokens_ > 0 && tried < clients_.size(); ++tried) {
    Client& c = clients_[next_client_];
    next_client_ = (next_client_ + 1) % clients_.size();
    if (c.busy) continue;
    auto op = workload_.next(c.slot, generator_rng_);
    if (!op) continue;
    --tokens_;
    invoke(c, std::move(*op), false);
  }
}

void ClientPool::invoke(Client& client, workloads::Invocation op, bool final) {
  client.busy = true;
  ++counts_.invoke;
  if (!final) ++counts_.main_invoke;
  history::Op invoke;
  invoke.process = client.slot.process;
  invoke.type = history::OpType::Invoke;
  invoke.f = op.f;
  invoke.value = op.value;
  invoke.node = client.slot.node;
  invoke.final = final;
  recorder_.record(std::move(invoke));
  auto body = workload_.encode(op);
  client.channel->call(
      client.slot.node, std::move(body), config_.timeout,
      [this, &client, op = std::move(op), final](const ClientAnswer& answer) {
        workloads::Outcome outcome;
        const boost::json::object* reply = answer.body;
        if (answer.kind == ClientAnswer::Kind::Lost) {
          outcome.type = history::OpType::Info;
          outcome.error = boost::json::string(answer.reason);
        } else if (!reply) {
          outcome.type = workload_.idempotent(op) ? history::OpType::Fail : history::OpType::Info;
          outcome.error = "timeout";
        } else if (const auto* t = reply->if_contains("type");
                   t && t->is_string() && t->as_string() == "error") {
          const auto* code = reply->if_contains("code");
          const auto* text = reply->if_contains("text");
          const int c = code && code->is_int64() ? static_cast<int>(code->as_int64()) : -1;
          outcome.type = workloads::outcome_for_error(c);
          outcome.error = workloads::error_value(
              c, text && text->is_string() ? std::string_view(text->as_string()) : std::string_view());
        } else {
          outcome = workload_.decode(op, *reply);
        }
        complete(client, op, std::move(outcome), final);
      });
}

void ClientPool::complete(Client& client, const workloads::Invocation& op, workloads::Outcome outcome,
                          bool final) {
  history::Op done;
  done.process = client.slot.process;
  done.type = outcome.type;
  done.f = op.f;
  done.value = outcome.type == history::OpType::Ok ? outcome.value : op.value;
  done.node = client.slot.node;
  done.error = outcome.error;
  done.final = final;
  recorder_.record(std::move(done));
  switch (outcome.type) {
    case history::OpType::Ok:
      ++counts_.ok;
      break;
    case history::OpType::Fail:
      ++counts_.fail;
      break;
    default:
      ++counts_.info;
      break;
  }
  workload_.observe(client.slot, op, outcome);
  // An indeterminate op may still be running inside the system: the worker
  // carries on as a fresh process so histories stay single-threaded per process.
  if (outcome.type == history::OpType::Info)
    client.slot.process += static_cast<std::int64_t>(clients_.size());
  client.busy = false;
  if (cancelled_) return;
  if (final) return next_final(client);
  if (main_active_) return dispatch();
  check_idle();
}

void ClientPool::stop_main(std::function<void()> on_idle) {
  main_active_ = false;
  tick_timer_.cancel();
  on_idle_ = std::move(on_idle);
  check_idle();
}

void ClientPool::check_idle() {
  if (!on_idle_) return;
  for (const auto& c : clients_)
    if (c.busy) return;
  auto cb = std::move(on_idle_);
  on_idle_ = nullptr;
  cb();
}

void ClientPool::run_final(std::chrono::steady_clock::time_point deadline, std::function<void()> on_done) {
  final_deadline_ = deadline;
  on_final_done_ = std::move(on_done);
  for (auto& c : clients_) c.done_final = false;
  for (auto& c : clients_) next_final(c);
}

void ClientPool::next_final(Client& client) {
  if (!client.done_final && std::chrono::steady_clock::now() >= final_deadline_) {
    client.done_final = true;
    final_cut_ = true;
  }
  if (!client.done_final) {
    if (auto op = workload_.next_final(client.slot, generator_rng_)) {
      invoke(client, std::move(*op), true);
      return;
    }
    client.done_final = true;
  }
  for (const auto& c : clients_)
    if (!c.done_final || c.busy) return;
  if (on_final_done_) {
    auto cb = std::move(on_final_done_);
    on_final_done_ = nullptr;
    cb();
  }
}

void ClientPool::cancel() {
  cancelled_ = true;
  main_active_ = false;
  tick_timer_.cancel();
  for (auto& c : clients_) c.channel->cancel();
}

}  // namespace faultline::harness
