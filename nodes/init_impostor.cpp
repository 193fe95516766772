// init_impostor (deliberately broken): the first node of the cluster answers
// init for every node (init_ok with in_reply_to 1..N, the ids a harness that
// numbers its init requests in node order would use); the others never answer.
// A harness that matches init replies by in_reply_to alone thinks the whole
// cluster is up. With --forge-src each answer also claims, in src, to come
// from the node it answers for: a harness that trusts src (which a
// forwarding node may set to any endpoint) is fooled too. Uses no node
// library on purpose: the library answers init correctly.
#include <boost/json.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
  const bool forge_src = argc > 1 && std::string(argv[1]) == "--forge-src";
  std::string line;
  while (std::getline(std::cin, line)) {
    boost::system::error_code ec;
    boost::json::value message = boost::json::parse(line, ec);
    if (ec || !message.is_object()) continue;
    const auto* body = message.get_object().if_contains("body");
    if (!body || !body->is_object()) continue;
    const auto* type = body->get_object().if_contains("type");
    if (!type || *type != "init") continue;
    const auto& init = body->get_object();
    const auto& ids = init.at("node_ids").as_array();
    const std::string self(init.at("node_id").as_string());
    if (ids.empty() || ids.front() != self.c_str()) {
      std::cerr << "init_impostor: " << self << " stays silent, on purpose" << std::endl;
      continue;
    }
    for (std::size_t k = 1; k <= ids.size(); ++k) {
      boost::json::object reply{{"src", forge_src ? ids[k - 1] : boost::json::value(self)},
                                {"dest", message.at("src")},
                                {"body", {{"type", "init_ok"}, {"in_reply_to", k}}}};
      std::cout << boost::json::serialize(reply) << std::endl;
    }
    std::cerr << "init_impostor: " << self << " answered init for all " << ids.size() << " nodes"
              << std::endl;
  }
  return 0;
}
