#include "checkers/linearizability/json_hash.hpp"

#include <functional>
#include <string_view>

namespace faultline::checkers::lin {

namespace json = boost::json;

std::size_t json_hash(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return 0x6a09e667f3bcc908ULL;
    case json::kind::bool_:
      return v.get_bool() ? 0xbb67ae8584caa73bULL : 0x3c6ef372fe94f82bULL;
    case json::kind::int64:
      return mix64(static_cast<std::uint64_t>(v.get_int64()));
    case json::kind::uint64: {
      // Equal to an int64 of the same value, so hash the same way.
      return mix64(v.get_uint64());
    }
    case json::kind::double_: {
      double d = v.get_double();
      return mix64(std::hash<double>{}(d) ^ 0xa54ff53a5f1d36f1ULL);
    }
    case json::kind::string: {
      const auto& s = v.get_string();
      return std::hash<std::string_view>{}(std::string_view(s.data(), s.size()));
    }
    case json::kind::array: {
      std::uint64_t h = 0x510e527fade682d1ULL;
      for (const auto& e : v.get_array()) h = mix64(h ^ json_hash(e)) + 0x9e3779b97f4a7c15ULL;
      return h;
    }
    case json::kind::object: {
      // Order-independent: boost::json objects compare equal regardless of order.
      std::uint64_t h = 0x9b05688c2b3e6c1fULL;
      for (const auto& kv : v.get_object()) {
        std::uint64_t kh = std::hash<std::string_view>{}(std::string_view(kv.key().data(), kv.key().size()));
        h += mix64(kh ^ mix64(json_hash(kv.value())));
      }
      return h;
    }
  }
  return 0;
}

namespace {

int kind_rank(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return 0;
    case json::kind::bool_:
      return 1;
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return 2;
    case json::kind::string:
      return 3;
    case json::kind::array:
      return 4;
    case json::kind::object:
      return 5;
  }
  return 6;
}

}  // namespace

bool json_less(const json::value& a, const json::value& b) {
  int ra = kind_rank(a), rb = kind_rank(b);
  if (ra != rb) return ra < rb;
  switch (a.kind()) {
    case json::kind::null:
      return false;
    case json::kind::bool_:
      return !a.get_bool() && b.get_bool();
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: {
      if (a.is_double() || b.is_double()) return a.to_number<double>() < b.to_number<double>();
      if (a.is_int64() && b.is_int64()) return a.get_int64() < b.get_int64();
      if (a.is_uint64() && b.is_uint64()) return a.get_uint64() < b.get_uint64();
      if (a.is_int64())
        return a.get_int64() < 0 || static_cast<std::uint64_t>(a.get_int64()) < b.get_uint64();
      return b.get_int64() >= 0 && a.get_uint64() < static_cast<std::uint64_t>(b.get_int64());
    }
    case json::kind::string:
      return a.get_string() < b.get_string();
    case json::kind::array: {
      const auto& x = a.get_array();
      const auto& y = b.get_array();
      for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
        if (json_less(x[i], y[i])) return true;
        if (json_less(y[i], x[i])) return false;
      }
      return x.size() < y.size();
    }
    case json::kind::object:
      return json::serialize(a) < json::serialize(b);
  }
  return false;
}

}  // namespace faultline::checkers::lin
