// flood: a benchmark node. After init it sends small messages to its peers
// as fast as its stdout allows, and reads (and drops) whatever it receives.
// It exists to measure how many messages per second the router moves.
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

namespace json = boost::json;

int main() {
  std::setvbuf(stdout, nullptr, _IOFBF, 1 << 16);
  std::string me;
  std::vector<std::string> peers;
  std::thread writer;
  char* line = nullptr;
  size_t cap = 0;
  while (getline(&line, &cap, stdin) > 0) {
    if (!me.empty()) continue;  // after init, incoming floods are just drained
    json::value v = json::parse(line);
    auto& msg = v.as_object();
    auto& body = msg.at("body").as_object();
    if (body.at("type") != "init") continue;
    me = std::string(body.at("node_id").as_string());
    for (const auto& id : body.at("node_ids").as_array())
      if (id.as_string() != me) peers.emplace_back(id.as_string());
    json::object reply{{"src", me},
                       {"dest", msg.at("src")},
                       {"body", {{"type", "init_ok"}, {"in_reply_to", body.at("msg_id")}}}};
    std::printf("%s\n", json::serialize(reply).c_str());
    std::fflush(stdout);
    writer = std::thread([&] {
      char buf[160];
      for (unsigned long n = 0;; ++n) {
        const std::string& peer = peers[n % peers.size()];
        const int len = std::snprintf(
            buf, sizeof buf, "{\"src\":\"%s\",\"dest\":\"%s\",\"body\":{\"type\":\"flood\",\"n\":%lu}}\n",
            me.c_str(), peer.c_str(), n);
        if (std::fwrite(buf, 1, static_cast<size_t>(len), stdout) != static_cast<size_t>(len)) return;
        if (n % 64 == 63) std::fflush(stdout);
      }
    });
    writer.detach();
  }
  return 0;
}
