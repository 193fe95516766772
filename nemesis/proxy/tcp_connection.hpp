#pragma once
// One proxied TCP connection: the socket the source dialled, the socket to
// the destination's real address, and one pump per direction. Bytes from the
// source cross the link src -> dst, the replies cross dst -> src, each with
// that link's faults, read afresh whenever a chunk is about to go out.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <memory>

#include "history/seed.hpp"
#include "nemesis/proxy/plane_context.hpp"
#include "nemesis/proxy/token_bucket.hpp"

namespace faultline::nemesis::proxy {

struct TcpLinkState;

class TcpConnection : public std::enable_shared_from_this<TcpConnection> {
 public:
  using tcp = boost::asio::ip::tcp;
  TcpConnection(std::shared_ptr<TcpLinkState> link, tcp::socket accepted, std::uint64_t number);

  // Connects upstream now, or once no partition blocks the handshake.
  void start();
  // The link's faults changed: heal, hold, reset, close as they now say.
  void links_changed();
  // Reset both sides (SO_LINGER 0, so each peer gets an RST).
  void reset();
  // Close both sides gracefully (FIN), dropping anything held.
  void close();
  bool touches(int endpoint) const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Chunk {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
    std::size_t offset = 0;
    Clock::time_point due;
  };
  // One direction: reads `in`, writes `out`, with the faults of src -> dst.
  struct Pump {
    Pump(boost::asio::io_context& io, tcp::socket& in, tcp::socket& out, int src, int dst, history::Rng rng)
        : in(in), out(out), src(src), dst(dst), timer(io), rng(std::move(rng)) {}
    tcp::socket& in;
    tcp::socket& out;
    int src, dst;
    std::deque<Chunk> queue;
    std::size_t queued_bytes = 0;
    bool reading = false, writing = false, eof = false, shut = false;
    boost::asio::steady_timer timer;
    bool timer_pending = false;
    Clock::time_point timer_at{};
    Clock::time_point last_due{};    // chunks never overtake each other
    Clock::time_point next_slice{};  // slice delay: no write before this
    TokenBucket bucket;
    bool reset_armed = false;  // a reset fault is counting this direction's bytes
    std::uint64_t reset_count = 0;
    bool held = false;  // a partition is holding this direction
    OnHeal held_policy = OnHeal::Resume;
    history::Rng rng;
  };

  const LinkFaults& faults(const Pump& p) const;
  bool handshake_blocked() const;
  void connect();
  void begin();
  void read(Pump& p);
  void on_readable(Pump& p);
  void write(Pump& p);
  void arm_timer(Pump& p, Clock::time_point at);
  // Tracks heal and reset transitions; false if they ended the connection.
  bool observe(Pump& p, const LinkFaults& f);
  void maybe_finish();
  void finish();

  std::shared_ptr<TcpLinkState> link_;
  PlaneContext& ctx_;
  tcp::socket down_;  // the source's connection
  tcp::socket up_;    // ours, to the destination
  Pump forward_;      // source -> destination
  Pump backward_;     // destination -> source
  bool connecting_ = false, connected_ = false, done_ = false;
};

}  // namespace faultline::nemesis::proxy
