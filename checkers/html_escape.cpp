#include "checkers/html_escape.hpp"

namespace faultline::checkers {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_visible(std::string& out, unsigned code, bool wide) {
  if (code == '\r') {
    out += "\\r";
    return;
  }
  out += wide ? "\\u00" : "\\x";
  out += kHex[(code >> 4) & 0xF];
  out += kHex[code & 0xF];
}

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\t':
      case '\n':
        out += c;  // whitespace that HTML and XML both keep as such (tooltips break lines on \n)
        break;
      default:
        if (u < 0x20 || u == 0x7F) {
          append_visible(out, u, false);
        } else if (u == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
          // A C1 control (U+0080..U+009F), UTF-8 encoded: just as invisible.
          append_visible(out, static_cast<unsigned char>(text[++i]), true);
        } else {
          out += c;
        }
    }
  }
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  append_escaped(out, text);
  return out;
}

}  // namespace faultline::checkers
