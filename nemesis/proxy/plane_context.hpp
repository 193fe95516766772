#pragma once
// What every proxied link and connection of one plane shares. Links and
// connections hold it by shared_ptr, so handlers still queued on the
// io_context after the plane is gone find it alive (and `stopped`).
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "nemesis/link_faults.hpp"
#include "nemesis/proxy/proxy_stats.hpp"

namespace faultline::nemesis::proxy {

// The effective faults of the directed link src -> dst (endpoint numbers of
// the run's network), read whenever a byte or datagram is about to cross.
using LinkLookup = std::function<const LinkFaults&(int src, int dst)>;

// Read buffers, reused: an idle connection holds none, a busy one holds only
// the chunks in flight.
class ChunkPool {
 public:
  static constexpr std::size_t kChunkBytes = 256 * 1024;
  std::unique_ptr<char[]> acquire() {
    if (free_.empty()) return std::make_unique_for_overwrite<char[]>(kChunkBytes);
    auto chunk = std::move(free_.back());
    free_.pop_back();
    return chunk;
  }
  void release(std::unique_ptr<char[]> chunk) {
    if (chunk && free_.size() < kKeep) free_.push_back(std::move(chunk));
  }

 private:
  static constexpr std::size_t kKeep = 32;
  std::vector<std::unique_ptr<char[]>> free_;
};

struct PlaneContext {
  PlaneContext(boost::asio::io_context& io, LinkLookup lookup, std::uint64_t seed)
      : io(io), lookup(std::move(lookup)), seed(seed) {}
  boost::asio::io_context& io;
  LinkLookup lookup;
  std::uint64_t seed;
  ProxyStats stats;
  ChunkPool pool;
  bool stopped = false;
};

}  // namespace faultline::nemesis::proxy
