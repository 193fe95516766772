#pragma once
// Which channel a run's clients use: an adapter process each when the
// scenario names `client:`, else an endpoint on the router.
#include <boost/asio/io_context.hpp>
#include <filesystem>

#include "harness/runtime/adapter_channel.hpp"
#include "harness/runtime/client_channel.hpp"
#include "harness/scenario/scenario.hpp"

namespace faultline::harness {

// For client `client_id`: node id -> port name -> "host:port" at which that
// client reaches the node (empty maps for Maelstrom nodes, which have no ports).
using ClientAddresses = std::function<boost::json::object(const std::string& client_id)>;

ChannelFactory make_channel_factory(boost::asio::io_context& io, nemesis::Router& router,
                                    const Scenario& scenario, const std::filesystem::path& run_dir,
                                    ClientAddresses addresses, AdapterChannel::Hooks hooks);

// The first line an adapter reads (docs/adapters.md).
boost::json::object adapter_init_line(const std::string& client_id, const Scenario& scenario,
                                      boost::json::object addresses);

}  // namespace faultline::harness
