#include "lib/http_json.hpp"

#include <boost/beast/http.hpp>

namespace fl_adapter {

namespace http = boost::beast::http;

HttpJsonReply post_json(Connection& connection, const std::string& target, const boost::json::object& body) {
  http::request<http::string_body> request{http::verb::post, target, 11};
  request.set(http::field::host, connection.address());
  request.set(http::field::content_type, "application/json");
  request.keep_alive(true);
  request.body() = boost::json::serialize(body);
  request.prepare_payload();
  connection.run([&](boost::beast::tcp_stream& s, auto handler) { http::async_write(s, request, handler); });

  http::response<http::string_body> response;
  connection.run([&](boost::beast::tcp_stream& s, auto handler) {
    http::async_read(s, connection.buffer(), response, handler);
  });
  if (!response.keep_alive()) connection.close();

  HttpJsonReply reply;
  reply.status = static_cast<int>(response.result_int());
  reply.raw = response.body();
  boost::system::error_code ec;
  auto parsed = boost::json::parse(reply.raw, ec);
  if (!ec && parsed.is_object()) reply.body = std::move(parsed.as_object());
  return reply;
}

}  // namespace fl_adapter
