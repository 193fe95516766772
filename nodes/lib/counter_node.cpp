#include "lib/counter_node.hpp"

#include "lib/durable_file.hpp"
#include "lib/node.hpp"
#include "lib/pn_counter.hpp"

#include <iostream>

namespace fl_node {

namespace {

std::filesystem::path state_file(const std::filesystem::path& dir) { return dir / "state.json"; }

PnCounter load_state(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  auto text = read_file_if_exists(state_file(dir));
  if (!text) return {};
  boost::system::error_code ec;
  json::value parsed = json::parse(*text, ec);
  if (ec) throw std::runtime_error(state_file(dir).string() + " is not JSON: " + ec.message());
  return PnCounter::from_json(parsed);
}

}  // namespace

std::optional<std::filesystem::path> data_dir_argument(int argc, char** argv) {
  const std::string flag = "--data-dir";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == flag && i + 1 < argc) return std::filesystem::path(argv[i + 1]);
    if (arg.rfind(flag + "=", 0) == 0) return std::filesystem::path(arg.substr(flag.size() + 1));
  }
  return std::nullopt;
}

int run_counter_node(const CounterNodeOptions& options) {
  Node node;
  PnCounter counter;
  if (options.data_dir) {
    try {
      counter = load_state(*options.data_dir);
    } catch (const std::exception& e) {
      std::cerr << "cannot load counter state: " << e.what() << std::endl;
      return 1;
    }
  }
  std::string own_slot;
  node.on_init([&] {
    if (options.own_slot_from_memory_only) own_slot = node.node_id();
    node.log("counter starts at " + std::to_string(counter.value()));
  });

  node.on("add", [&](const Message& req) {
    const std::int64_t delta = int_field(req.body, "delta");
    if (options.data_dir) {
      // Durable before acknowledged: an add_ok must survive a SIGKILL.
      PnCounter next = counter;
      next.add(node.node_id(), delta);
      write_file_durably(state_file(*options.data_dir), json::serialize(next.to_json()));
      counter = std::move(next);
    } else {
      counter.add(node.node_id(), delta);
    }
    node.reply(req, {{"type", "add_ok"}});
  });
  node.on("read", [&](const Message& req) {
    node.reply(req, {{"type", "read_ok"}, {"value", counter.value()}});
  });
  node.on("counter_state", [&](const Message& m) {
    // Merging others' slots need not be persisted: they re-gossip them.
    counter.merge(PnCounter::from_json(field(m.body, "state")), own_slot);
  });
  node.every(options.gossip_every, [&] {
    json::object state = counter.to_json();
    for (const auto& peer : node.peers()) node.send(peer, {{"type", "counter_state"}, {"state", state}});
  });
  return node.run();
}

}  // namespace fl_node
