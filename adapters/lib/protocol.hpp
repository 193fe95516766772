#pragma once
// The adapter side of Faultline's adapter protocol (docs/adapters.md): JSON
// lines on stdin/stdout, stderr is the adapter's log (client-logs/<id>.log).
//
//   harness -> {"type":"init","client_id":"c1","node_ids":[...],
//               "nodes":{"n1":{"client":"127.0.0.1:2379"},...},"options":{...}}
//   adapter -> {"type":"init_ok"}   or {"type":"error","text":"why not"}
//   harness -> {"id":7,"node":"n1","body":{"type":"read","key":3}}
//   adapter -> {"id":7,"body":{"type":"read_ok","value":2}}
//
// One request at a time: the next request comes only after the reply.
#include <boost/json.hpp>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace fl_adapter {

namespace json = boost::json;

// Maelstrom's error codes an adapter needs. Definite ones (11, 12, 20, 22)
// promise the operation did not happen; 0 and 13 leave it unknown.
enum ErrorCode : int {
  kTimeout = 0,
  kNotSupported = 10,
  kTemporarilyUnavailable = 11,
  kMalformedRequest = 12,
  kCrash = 13,
  kKeyDoesNotExist = 20,
  kPreconditionFailed = 22,
};

// Thrown by a handler: the reply becomes {"type":"error","code":code,"text":what()}.
class Failure : public std::runtime_error {
 public:
  Failure(int code, const std::string& text) : std::runtime_error(text), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

struct Init {
  std::string client_id;
  std::vector<std::string> node_ids;
  // node id -> port name -> "host:port" at which this client reaches it.
  std::map<std::string, std::map<std::string, std::string>> nodes;
  json::object options;
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  // Throws std::exception for options it cannot use; the harness then stops
  // the run with the message. Must not need the system to be reachable.
  virtual void init(const Init& init) = 0;
  // A Maelstrom request body for `node`; returns the reply body or throws
  // Failure. Any other exception is answered as code 13 (indefinite).
  virtual json::object handle(const std::string& node, const json::object& body) = 0;
};

// Reads stdin until EOF; returns the process exit status.
int serve(Adapter& adapter);

// Option helpers: the value of `key` in `options`, or `fallback` when absent;
// a present value of the wrong type (or not among `allowed`) throws.
std::string string_option(const json::object& options, const std::string& key, const std::string& fallback,
                          const std::vector<std::string>& allowed = {});
std::int64_t int_option(const json::object& options, const std::string& key, std::int64_t fallback);
// Throws naming the first key of `options` not in `known`.
void check_option_names(const json::object& options, const std::vector<std::string>& known);

// A request body's `type`, or "" when it has none (the handler then answers
// not-supported, naming what it does).
std::string request_type(const json::object& body);
// A request body's field `key`; a missing one is a malformed request (12).
const json::value& request_field(const json::object& body, const char* key);

// "host:port" of `node`'s `port` as given at init; throws if the harness gave none.
std::string address_of(const Init& init, const std::string& node, const std::string& port);

}  // namespace fl_adapter
