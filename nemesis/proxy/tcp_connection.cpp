#include "nemesis/proxy/tcp_connection.hpp"

#include <algorithm>
#include <random>

#include "nemesis/proxy/tcp_link.hpp"

namespace faultline::nemesis::proxy {

namespace {
// A direction stops reading once this much waits in it (held by a partition,
// delayed, throttled), so the sender feels back-pressure as on a slow path.
constexpr std::size_t kHighWater = 4 * 1024 * 1024;

history::Rng pump_rng(const TcpLinkState& link, std::uint64_t number, const char* direction) {
  return history::make_rng(link.ctx->seed,
                           "proxy/tcp/" + link.spec.name + "#" + std::to_string(number) + direction);
}

void abortive_close(boost::asio::ip::tcp::socket& s) {
  boost::system::error_code ec;
  if (!s.is_open()) return;
  s.set_option(boost::asio::socket_base::linger(true, 0), ec);
  s.close(ec);
}

std::size_t draw_slice(const SliceSpec& slice, history::Rng& rng) {
  const std::int64_t lo = std::max<std::int64_t>(1, std::int64_t{slice.average} - slice.variation);
  const std::int64_t hi = std::max<std::int64_t>(lo, std::int64_t{slice.average} + slice.variation);
  return static_cast<std::size_t>(std::uniform_int_distribution<std::int64_t>(lo, hi)(rng));
}
}  // namespace

TcpConnection::TcpConnection(std::shared_ptr<TcpLinkState> link, tcp::socket accepted, std::uint64_t number)
    : link_(std::move(link)),
      ctx_(*link_->ctx),
      down_(std::move(accepted)),
      up_(ctx_.io),
      forward_(ctx_.io, down_, up_, link_->spec.src, link_->spec.dst, pump_rng(*link_, number, ">")),
      backward_(ctx_.io, up_, down_, link_->spec.dst, link_->spec.src, pump_rng(*link_, number, "<")) {}

const LinkFaults& TcpConnection::faults(const Pump& p) const { return ctx_.lookup(p.src, p.dst); }

bool TcpConnection::touches(int endpoint) const {
  return link_->spec.src == endpoint || link_->spec.dst == endpoint;
}

// A handshake needs both directions, so a partition either way holds it.
bool TcpConnection::handshake_blocked() const {
  return faults(forward_).partitioned || faults(backward_).partitioned;
}

void TcpConnection::start() {
  const auto& there = faults(forward_);
  const auto& back = faults(backward_);
  if (there.down || back.down || (there.partitioned && there.refuse) || (back.partitioned && back.refuse)) {
    ++link_->counters().refused;
    abortive_close(down_);
    finish();
    return;
  }
  if (!handshake_blocked()) connect();
}

void TcpConnection::connect() {
  connecting_ = true;
  up_.async_connect(link_->spec.upstream, [self = shared_from_this()](const boost::system::error_code& ec) {
    self->connecting_ = false;
    if (self->done_) return;
    if (ec) {
      // The destination is not listening (killed, not yet up): the source
      // sees its connection reset, the nearest it can get to "refused".
      ++self->link_->counters().refused;
      abortive_close(self->down_);
      self->finish();
      return;
    }
    self->begin();
  });
}

void TcpConnection::begin() {
  connected_ = true;
  ++link_->counters().opened;
  boost::system::error_code ec;
  for (tcp::socket* s : {&down_, &up_}) {
    s->set_option(tcp::no_delay(true), ec);
    s->non_blocking(true, ec);
  }
  if (!observe(forward_, faults(forward_)) || !observe(backward_, faults(backward_))) return;
  read(forward_);
  read(backward_);
}

bool TcpConnection::observe(Pump& p, const LinkFaults& f) {
  if (f.partitioned) {
    if (!p.held && !p.queue.empty()) ++link_->counters().held;
    p.held = true;
    p.held_policy = f.on_heal;
  } else if (p.held) {
    p.held = false;
    if (p.held_policy == OnHeal::Reset) {
      reset();
      return false;
    }
  }
  if (!f.reset) {
    p.reset_armed = false;
  } else if (!p.reset_armed) {
    p.reset_armed = true;
    p.reset_count = 0;
  }
  if (p.reset_armed && p.reset_count >= f.reset_after_bytes) {
    reset();
    return false;
  }
  return true;
}

void TcpConnection::links_changed() {
  if (done_) return;
  auto self = shared_from_this();
  const auto& there = faults(forward_);
  const auto& back = faults(backward_);
  if (there.down || back.down) {
    ++link_->counters().closed;
    close();
    return;
  }
  if (!connected_) {
    if (!connecting_ && !handshake_blocked()) connect();
    return;
  }
  if (!observe(forward_, there) || !observe(backward_, back)) return;
  for (Pump* p : {&forward_, &backward_}) {
    write(*p);
    read(*p);
  }
}

void TcpConnection::read(Pump& p) {
  if (done_ || p.reading || p.eof || p.queued_bytes >= kHighWater) return;
  p.reading = true;
  p.in.async_wait(tcp::socket::wait_read,
                  [self = shared_from_this(), &p](const boost::system::error_code& ec) {
                    p.reading = false;
                    if (self->done_) return;
                    if (ec) return self->reset();
                    self->on_readable(p);
                  });
}

void TcpConnection::on_readable(Pump& p) {
  auto data = ctx_.pool.acquire();
  boost::system::error_code ec;
  const std::size_t n = p.in.read_some(boost::asio::buffer(data.get(), ChunkPool::kChunkBytes), ec);
  if (ec == boost::asio::error::would_block || ec == boost::asio::error::try_again) {
    ctx_.pool.release(std::move(data));
    return read(p);
  }
  if (ec == boost::asio::error::eof) {
    ctx_.pool.release(std::move(data));
    p.eof = true;
    return write(p);
  }
  if (ec) {
    ctx_.pool.release(std::move(data));
    return reset();
  }
  const auto now = Clock::now();
  auto due = now + draw_latency(faults(p).latency, p.rng);
  due = std::max(due, p.last_due);  // a byte stream keeps its order
  p.last_due = due;
  // Bytes that arrive in a direction already held count as a hold too.
  if (p.held && p.queue.empty()) ++link_->counters().held;
  p.queue.push_back({std::move(data), n, 0, due});
  p.queued_bytes += n;
  write(p);
  // A full chunk means more is likely waiting: read it now rather than after
  // another trip through the reactor.
  if (n == ChunkPool::kChunkBytes && !done_ && !p.reading && p.queued_bytes < kHighWater)
    return on_readable(p);
  read(p);
}

void TcpConnection::write(Pump& p) {
  // Writes straight from the loop while the socket takes bytes; waits for
  // writability only when it is full, so an unfaulted chunk costs one read
  // and one write system call.
  while (!done_ && !p.writing && connected_) {
    const LinkFaults& f = faults(p);
    if (f.partitioned) {
      observe(p, f);
      return;
    }
    if (f.stall) {
      for (auto& chunk : p.queue) {
        link_->counters().swallowed += chunk.size - chunk.offset;
        ctx_.pool.release(std::move(chunk.data));
      }
      p.queue.clear();
      p.queued_bytes = 0;
      return read(p);
    }
    if (p.queue.empty()) {
      if (p.eof && !p.shut) {
        p.shut = true;
        boost::system::error_code ec;
        p.out.shutdown(tcp::socket::shutdown_send, ec);
        maybe_finish();
      }
      return;
    }
    const auto now = Clock::now();
    Chunk& chunk = p.queue.front();
    const auto not_before = std::max(chunk.due, p.next_slice);
    if (now < not_before) return arm_timer(p, not_before);
    std::size_t n = chunk.size - chunk.offset;
    if (f.slice.active()) n = std::min(n, draw_slice(f.slice, p.rng));
    if (f.bandwidth > 0) {
      const std::size_t allowed = p.bucket.take(f.bandwidth, n, now);
      if (allowed == 0) return arm_timer(p, p.bucket.ready_at(f.bandwidth, n, now));
      n = allowed;
    }
    if (p.reset_armed) {
      if (p.reset_count >= f.reset_after_bytes) return reset();
      n = static_cast<std::size_t>(std::min<std::uint64_t>(n, f.reset_after_bytes - p.reset_count));
    }
    boost::system::error_code ec;
    const std::size_t written = p.out.write_some(boost::asio::buffer(chunk.data.get() + chunk.offset, n), ec);
    if (ec == boost::asio::error::would_block || ec == boost::asio::error::try_again) {
      // The bucket's tokens for this attempt are spent; the stream is already
      // at the receiver's pace, so that costs at most one burst of accuracy.
      p.writing = true;
      p.out.async_wait(tcp::socket::wait_write,
                       [self = shared_from_this(), &p](const boost::system::error_code& wec) {
                         p.writing = false;
                         if (self->done_) return;
                         if (wec) return self->reset();
                         self->write(p);
                       });
      return;
    }
    if (ec) return reset();
    auto& counters = link_->counters();
    chunk.offset += written;
    p.queued_bytes -= written;
    counters.bytes += written;
    if (p.reset_armed) p.reset_count += written;
    if (chunk.offset == chunk.size) {
      ctx_.pool.release(std::move(chunk.data));
      p.queue.pop_front();
      ++counters.chunks;
    }
    if (p.reset_armed && p.reset_count >= f.reset_after_bytes) return reset();
    if (f.slice.active() && f.slice.delay.count() > 0) p.next_slice = Clock::now() + f.slice.delay;
    read(p);  // room again below the high-water mark
  }
}

void TcpConnection::arm_timer(Pump& p, Clock::time_point at) {
  if (p.timer_pending && p.timer_at == at) return;
  p.timer_pending = true;
  p.timer_at = at;
  p.timer.expires_at(at);
  p.timer.async_wait([self = shared_from_this(), &p](const boost::system::error_code& ec) {
    // A re-armed timer cancels its earlier wait; only the latest one acts.
    if (ec == boost::asio::error::operation_aborted) return;
    p.timer_pending = false;
    if (!self->done_) self->write(p);
  });
}

void TcpConnection::maybe_finish() {
  if (!forward_.shut || !backward_.shut) return;
  close();
}

void TcpConnection::reset() {
  if (done_) return;
  auto self = shared_from_this();
  ++link_->counters().reset;
  abortive_close(down_);
  abortive_close(up_);
  finish();
}

void TcpConnection::close() {
  if (done_) return;
  auto self = shared_from_this();
  boost::system::error_code ec;
  for (tcp::socket* s : {&down_, &up_}) {
    if (!s->is_open()) continue;
    s->shutdown(tcp::socket::shutdown_both, ec);
    s->close(ec);
  }
  finish();
}

void TcpConnection::finish() {
  if (done_) return;
  done_ = true;
  boost::system::error_code ec;
  for (Pump* p : {&forward_, &backward_}) {
    p->timer.cancel();
    for (auto& chunk : p->queue) ctx_.pool.release(std::move(chunk.data));
    p->queue.clear();
    p->queued_bytes = 0;
  }
  if (down_.is_open()) down_.close(ec);
  if (up_.is_open()) up_.close(ec);
  link_->connections.erase(this);
}

}  // namespace faultline::nemesis::proxy
