#include "adapter_driver.hpp"

#include <filesystem>
#include <stdexcept>

namespace adapters_test {

std::string adapter_binary(const std::string& name) {
  std::string path = std::string(FAULTLINE_BINARY_DIR) + "/adapters/" + name;
  if (!std::filesystem::exists(path))
    throw std::runtime_error(path + " does not exist: build the adapter targets first (ninja " + name + ")");
  return path;
}

AdapterDriver::AdapterDriver(const std::string& binary, json::object nodes, json::object options) {
  pipe_ = std::make_unique<nodes_test::NodePipe>(binary);
  json::array ids;
  for (const auto& [id, ports] : nodes) ids.emplace_back(id);
  pipe_->write_line(json::serialize(json::object{
      {"type", "init"}, {"client_id", "c1"}, {"node_ids", ids}, {"nodes", nodes}, {"options", options}}));
  if (auto line = pipe_->read_line(std::chrono::milliseconds(5000))) {
    boost::system::error_code ec;
    auto v = json::parse(*line, ec);
    if (!ec && v.is_object()) init_reply_ = v.as_object();
  }
}

std::optional<json::object> AdapterDriver::call(const std::string& node, json::object body, int timeout_ms) {
  const std::int64_t id = next_id_++;
  pipe_->write_line(json::serialize(json::object{{"id", id}, {"node", node}, {"body", std::move(body)}}));
  auto line = pipe_->read_line(std::chrono::milliseconds(timeout_ms));
  if (!line) return std::nullopt;
  boost::system::error_code ec;
  auto v = json::parse(*line, ec);
  if (ec || !v.is_object() || v.as_object().if_contains("id") == nullptr || v.as_object().at("id") != id ||
      !v.as_object().at("body").is_object())
    return std::nullopt;
  return v.as_object().at("body").as_object();
}

int error_code(const json::object& body) {
  const auto* type = body.if_contains("type");
  if (!type || *type != "error") return -1;
  return static_cast<int>(body.at("code").as_int64());
}

}  // namespace adapters_test
