#include "lib/protocol.hpp"

#include <iostream>
#include <string>

namespace fl_adapter {

namespace {

void write(const json::object& line) {
  // One whole line per message, flushed: the harness reads lines.
  std::cout << json::serialize(line) << '\n' << std::flush;
}

json::object error_body(int code, const std::string& text) {
  return {{"type", "error"}, {"code", code}, {"text", text}};
}

Init parse_init(const json::object& line) {
  Init init;
  init.client_id = std::string(line.at("client_id").as_string());
  for (const auto& id : line.at("node_ids").as_array()) init.node_ids.emplace_back(id.as_string());
  if (const auto* nodes = line.if_contains("nodes"))
    for (const auto& [node, ports] : nodes->as_object())
      for (const auto& [port, address] : ports.as_object())
        init.nodes[std::string(node)][std::string(port)] = std::string(address.as_string());
  if (const auto* options = line.if_contains("options"); options && options->is_object())
    init.options = options->as_object();
  return init;
}

}  // namespace

int serve(Adapter& adapter) {
  std::string text;
  bool initialized = false;
  while (std::getline(std::cin, text)) {
    if (text.empty()) continue;
    boost::system::error_code ec;
    json::value parsed = json::parse(text, ec);
    if (ec || !parsed.is_object()) {
      std::cerr << "adapter: not a JSON object: " << text << std::endl;
      return 2;
    }
    const json::object& line = parsed.as_object();
    if (!initialized) {
      try {
        if (line.if_contains("type") == nullptr || line.at("type") != "init")
          throw std::runtime_error("the first line is not init: " + text);
        adapter.init(parse_init(line));
        initialized = true;
        write({{"type", "init_ok"}});
      } catch (const std::exception& e) {
        std::cerr << "adapter: init refused: " << e.what() << std::endl;
        write({{"type", "error"}, {"text", e.what()}});
        return 2;
      }
      continue;
    }
    const auto* id = line.if_contains("id");
    const auto* node = line.if_contains("node");
    const auto* body = line.if_contains("body");
    if (!id || !id->is_int64() || !node || !node->is_string() || !body || !body->is_object()) {
      std::cerr << "adapter: not a request: " << text << std::endl;
      return 2;
    }
    json::object reply;
    try {
      reply = adapter.handle(std::string(node->as_string()), body->as_object());
    } catch (const Failure& f) {
      reply = error_body(f.code(), f.what());
    } catch (const std::exception& e) {
      reply = error_body(kCrash, e.what());
    }
    write({{"id", *id}, {"body", std::move(reply)}});
  }
  return 0;
}

std::string request_type(const json::object& body) {
  const auto* type = body.if_contains("type");
  return type && type->is_string() ? std::string(type->as_string()) : "";
}

const json::value& request_field(const json::object& body, const char* key) {
  const auto* v = body.if_contains(key);
  if (!v) throw Failure(kMalformedRequest, std::string("request lacks '") + key + "'");
  return *v;
}

std::string string_option(const json::object& options, const std::string& key, const std::string& fallback,
                          const std::vector<std::string>& allowed) {
  const auto* v = options.if_contains(key);
  if (!v) return fallback;
  if (!v->is_string()) throw std::runtime_error("option " + key + " must be a string");
  std::string value(v->as_string());
  if (allowed.empty()) return value;
  std::string list;
  for (const auto& a : allowed) {
    if (a == value) return value;
    list += (list.empty() ? "" : ", ") + a;
  }
  throw std::runtime_error("option " + key + " is '" + value + "'; expected one of " + list);
}

std::int64_t int_option(const json::object& options, const std::string& key, std::int64_t fallback) {
  const auto* v = options.if_contains(key);
  if (!v) return fallback;
  if (!v->is_int64() || v->as_int64() <= 0)
    throw std::runtime_error("option " + key + " must be a positive integer");
  return v->as_int64();
}

void check_option_names(const json::object& options, const std::vector<std::string>& known) {
  for (const auto& [key, value] : options) {
    bool ok = false;
    for (const auto& k : known) ok = ok || k == key;
    if (ok) continue;
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    throw std::runtime_error("unknown option '" + std::string(key) + "'; known: " + list);
  }
}

std::string address_of(const Init& init, const std::string& node, const std::string& port) {
  auto n = init.nodes.find(node);
  if (n == init.nodes.end()) throw Failure(kMalformedRequest, "no address for node " + node);
  auto p = n->second.find(port);
  if (p == n->second.end())
    throw Failure(kMalformedRequest, "node " + node + " has no port named '" + port + "'");
  return p->second;
}

}  // namespace fl_adapter
