#pragma once
// The key-value semantics shared by the KV services (lin-kv, seq-kv, lww-kv):
// parsing a read/write/cas request and evaluating it against a map. Evaluation
// is pure — it says what the reply is and what, if anything, to store — so each
// service decides *which* state an op runs on and how a change is recorded.
#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <variant>

namespace faultline::workloads::services {

// A map from JSON keys to JSON values. Maelstrom compares keys as JSON values
// (1 and "1" are different keys), so we index by the key's serialization.
class KvMap {
 public:
  const boost::json::value* find(const boost::json::value& key) const;
  void put(const boost::json::value& key, boost::json::value value);
  std::size_t size() const { return values_.size(); }

 private:
  std::map<std::string, boost::json::value> values_;
};

enum class KvOpKind { Read, Write, Cas };

struct KvRequest {
  KvOpKind kind = KvOpKind::Read;
  boost::json::value key;
  boost::json::value value;  // write
  boost::json::value from;   // cas
  boost::json::value to;     // cas
  bool create_if_not_exists = false;
};

// What evaluating a request yields: the reply body and, when the op changes
// the map, the value to store under the request's key.
struct KvEffect {
  boost::json::object reply;
  std::optional<boost::json::value> store;
  bool changes() const { return store.has_value(); }
};

// The outcome of parsing a request body: a request, an error reply for a
// malformed KV request (code 12), or nothing for a type that is not KV at all.
using KvParse = std::variant<std::monostate, KvRequest, boost::json::object>;
KvParse parse_kv_request(const boost::json::object& body);

// Evaluates against `current`, the value under the key (nullptr if absent).
KvEffect evaluate_kv(const KvRequest& request, const boost::json::value* current);

boost::json::object error_body(int code, std::string text);

}  // namespace faultline::workloads::services
