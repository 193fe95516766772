#pragma once
// POST a JSON body over a kept-alive HTTP/1.1 connection (Boost.Beast).
#include <boost/json.hpp>

#include <string>

#include "lib/connection.hpp"

namespace fl_adapter {

struct HttpJsonReply {
  int status = 0;
  boost::json::object body;  // empty when the body was not a JSON object
  std::string raw;
};

// Throws Failure as Connection does; a reply that arrived is returned
// whatever its status.
HttpJsonReply post_json(Connection& connection, const std::string& target, const boost::json::object& body);

}  // namespace fl_adapter
