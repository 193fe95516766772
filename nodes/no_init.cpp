// no_init (deliberately broken): reads its stdin like a node but never answers
// init (nor anything else), so a harness must time the init out and say so.
// It uses no node library on purpose: the library would answer init.
#include <boost/json.hpp>

#include <iostream>
#include <string>

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    boost::system::error_code ec;
    boost::json::value message = boost::json::parse(line, ec);
    std::string type = "?";
    if (!ec && message.is_object())
      if (auto* body = message.get_object().if_contains("body"); body && body->is_object())
        if (auto* t = body->get_object().if_contains("type"); t && t->is_string()) type = t->get_string();
    if (type == "init")
      std::cerr << "no_init: ignoring init, on purpose" << std::endl;
    else
      std::cerr << "no_init: ignoring " << type << std::endl;
  }
  return 0;
}
