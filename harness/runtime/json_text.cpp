#include "harness/runtime/json_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace faultline::harness {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when the byte
// there does not start one (overlong forms, surrogates and code points past
// U+10FFFF are invalid too, as RFC 3629 says).
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return len;
}

void append_hex_byte(std::string& out, unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", c);
  out += buf;
}

void emit(std::string& out, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::string:
      append_json_string(out, v.get_string());
      return;
    case boost::json::kind::double_:
      out += plain_number(v.get_double());
      return;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& x : v.get_array()) {
        if (!first) out += ',';
        first = false;
        emit(out, x);
      }
      out += ']';
      return;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [k, x] : v.get_object()) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, k);
        out += ':';
        emit(out, x);
      }
      out += '}';
      return;
    }
    default:
      out += boost::json::serialize(v);
  }
}

}  // namespace

std::string plain_number(double d) {
  if (!std::isfinite(d)) return "null";
  // Fixed notation at the shortest precision that round-trips; 400 bytes
  // hold every finite double (the longest, denormals, take about 330).
  char buf[400];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  if (ec != std::errc()) return "null";
  return std::string(buf, end);
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t len = utf8_sequence(text, i);
    if (len == 0) {
      // The backslash itself is escaped: the reader sees the text \xFF.
      out += '\\';
      append_hex_byte(out, c);
      ++i;
      continue;
    }
    if (len > 1) {
      out.append(text.substr(i, len));
      i += len;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = utf8_sequence(text, i);
    if (len == 0) {
      append_hex_byte(out, static_cast<unsigned char>(text[i]));
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string json_text(const boost::json::value& value) {
  std::string out;
  emit(out, value);
  return out;
}

}  // namespace faultline::harness
