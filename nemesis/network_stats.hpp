#pragma once
// Per link class counts, as Maelstrom's net checker reports them (with drops
// and duplicates, which Maelstrom's network never makes).
#include <boost/json.hpp>
#include <cstdint>

namespace faultline::nemesis {

struct LinkCounters {
  std::uint64_t sent = 0;        // accepted from a sender
  std::uint64_t delivered = 0;   // handed to the receiver (duplicates included)
  std::uint64_t dropped = 0;     // loss, partition, dead receiver
  std::uint64_t duplicated = 0;  // extra copies made
  std::uint64_t over_cap = 0;    // of the dropped: the link already held its in-flight byte cap
  std::uint64_t forwarded = 0;   // of the sent: written by a node under another endpoint's id (src)
};

struct NetworkStats {
  LinkCounters clients;  // client <-> node
  LinkCounters servers;  // node <-> node and node <-> service
  LinkCounters all() const;
  boost::json::object to_json(std::uint64_t client_invokes) const;
};

}  // namespace faultline::nemesis
