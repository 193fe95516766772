#include "nemesis/proxy/udp_link.hpp"

#include <random>
#include <stdexcept>

namespace faultline::nemesis::proxy {

namespace {
using udp = boost::asio::ip::udp;
using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxDatagram = 65536;

bool chance(history::Rng& rng, double p) {
  return p > 0 && std::uniform_real_distribution<double>(0.0, 1.0)(rng) < p;
}
}  // namespace

struct UdpLink::State : std::enable_shared_from_this<UdpLink::State> {
  struct InFlight {
    Clock::time_point due;
    std::uint64_t seq;
    bool forward;  // src -> dst, else dst -> src
    std::shared_ptr<const std::vector<char>> bytes;
    bool operator>(const InFlight& o) const { return due != o.due ? due > o.due : seq > o.seq; }
  };

  State(std::shared_ptr<PlaneContext> ctx, UdpLinkSpec spec)
      : ctx(std::move(ctx)),
        spec(std::move(spec)),
        socket(this->ctx->io),
        timer(this->ctx->io),
        rng(history::make_rng(this->ctx->seed, "proxy/udp/" + this->spec.name)),
        buffer(kMaxDatagram) {}

  std::shared_ptr<PlaneContext> ctx;
  UdpLinkSpec spec;
  udp::socket socket;
  boost::asio::steady_timer timer;
  Clock::time_point timer_at = Clock::time_point::max();
  history::Rng rng;
  std::vector<char> buffer;
  udp::endpoint sender;
  std::optional<udp::endpoint> source;  // where the source last sent from
  std::priority_queue<InFlight, std::vector<InFlight>, std::greater<>> queue;
  std::uint64_t next_seq = 0;
  Clock::time_point last_due[2]{};  // per direction, for FIFO links

  UdpCounters& counters() { return ctx->stats.of(spec.client).udp; }
  const LinkFaults& faults(bool forward) const {
    return forward ? ctx->lookup(spec.src, spec.dst) : ctx->lookup(spec.dst, spec.src);
  }

  void receive() {
    socket.async_receive_from(
        boost::asio::buffer(buffer), sender,
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
          if (self->ctx->stopped || !self->socket.is_open()) return;
          // ICMP errors (a receiver not up yet) surface here; keep serving.
          if (!ec) self->on_datagram(n);
          self->receive();
        });
  }

  void on_datagram(std::size_t n) {
    // The destination is known by its real address and port; anyone else is
    // the source, since only the source is told this listen address.
    const bool forward = sender.address() != spec.upstream.address() || sender.port() != spec.upstream.port();
    if (forward) source = sender;
    auto& stats = counters();
    ++stats.sent;
    const LinkFaults& f = faults(forward);
    if ((!forward && !source) || f.partitioned || chance(rng, f.loss)) {
      ++stats.dropped;
      return;
    }
    auto bytes =
        std::make_shared<const std::vector<char>>(buffer.begin(), buffer.begin() + static_cast<long>(n));
    const bool twice = chance(rng, f.duplicate);
    schedule(forward, bytes, f);
    if (twice) {
      ++stats.duplicated;
      schedule(forward, bytes, f);
    }
  }

  void schedule(bool forward, const std::shared_ptr<const std::vector<char>>& bytes, const LinkFaults& f) {
    const auto now = Clock::now();
    auto due = now + draw_latency(f.latency, rng);
    auto& last = last_due[forward ? 0 : 1];
    if (f.ordering == Ordering::Fifo && due < last) due = last;
    if (due > last) last = due;
    if (due <= now && queue.empty()) return deliver(forward, *bytes);
    queue.push({due, next_seq++, forward, bytes});
    arm();
  }

  void deliver(bool forward, const std::vector<char>& bytes) {
    auto& stats = counters();
    if (faults(forward).partitioned) {
      ++stats.dropped;
      return;
    }
    boost::system::error_code ec;
    socket.send_to(boost::asio::buffer(bytes), forward ? spec.upstream : *source, 0, ec);
    if (ec) {
      ++stats.dropped;
    } else {
      ++stats.delivered;
    }
  }

  void arm() {
    if (queue.empty() || queue.top().due >= timer_at) return;  // an earlier wait is armed
    timer_at = queue.top().due;
    timer.expires_at(timer_at);
    timer.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
      if (ec == boost::asio::error::operation_aborted || self->ctx->stopped) return;
      self->timer_at = Clock::time_point::max();
      const auto now = Clock::now();
      while (!self->queue.empty() && self->queue.top().due <= now) {
        InFlight item = self->queue.top();
        self->queue.pop();
        self->deliver(item.forward, *item.bytes);
      }
      self->arm();
    });
  }
};

UdpLink::UdpLink(std::shared_ptr<PlaneContext> ctx, UdpLinkSpec spec)
    : state_(std::make_shared<State>(std::move(ctx), std::move(spec))) {
  boost::system::error_code ec;
  const auto& listen = state_->spec.listen;
  state_->socket.open(listen.protocol(), ec);
  if (!ec) state_->socket.bind(listen, ec);
  if (!ec) state_->socket.non_blocking(true, ec);
  // Bursts wait in the kernel while the loop is busy elsewhere; a larger
  // buffer keeps the kernel from adding loss of its own (best effort).
  boost::system::error_code ignored;
  if (!ec) state_->socket.set_option(boost::asio::socket_base::receive_buffer_size(4 << 20), ignored);
  if (ec) {
    throw std::runtime_error("the proxy for " + state_->spec.name + " cannot listen on " +
                             listen.address().to_string() + ":" + std::to_string(listen.port()) +
                             " (udp): " + ec.message());
  }
  state_->receive();
}

UdpLink::~UdpLink() { stop(); }

udp::endpoint UdpLink::local_endpoint() const { return state_->socket.local_endpoint(); }

const UdpLinkSpec& UdpLink::spec() const { return state_->spec; }

void UdpLink::stop() {
  boost::system::error_code ec;
  state_->socket.close(ec);
  state_->timer.cancel();
  while (!state_->queue.empty()) state_->queue.pop();
}

}  // namespace faultline::nemesis::proxy
