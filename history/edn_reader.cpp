#include "history/edn_reader.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace faultline::history {

namespace json = boost::json;

namespace {

// Deep enough for any real history, shallow enough that hostile input hits a
// clear error instead of the stack limit.
constexpr int kMaxDepth = 256;

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\f'; }

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool parse_hex4(std::string_view s, std::uint32_t& out) {
  if (s.size() < 4) return false;
  out = 0;
  for (int i = 0; i < 4; ++i) {
    char c = s[i];
    out <<= 4;
    if (c >= '0' && c <= '9')
      out |= static_cast<std::uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      out |= static_cast<std::uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      out |= static_cast<std::uint32_t>(c - 'A' + 10);
    else
      return false;
  }
  return true;
}

bool starts_number(std::string_view t) {
  if (t.empty()) return false;
  if (t[0] >= '0' && t[0] <= '9') return true;
  return (t[0] == '+' || t[0] == '-') && t.size() > 1 && t[1] >= '0' && t[1] <= '9';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

bool edn_is_delimiter(char c) {
  return is_ws(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '"' ||
         c == ';';
}

EdnReader::EdnReader(std::string_view text, std::string name) : text_(text), name_(std::move(name)) {}

std::string EdnReader::where(std::size_t offset) const {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text_.size(); ++i) {
    if (text_[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return name_ + ":" + std::to_string(line) + ":" + std::to_string(col);
}

void EdnReader::fail(std::size_t offset, const std::string& what) const {
  throw std::runtime_error(where(offset) + ": " + what);
}

void EdnReader::skip_ws() {
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (is_ws(c)) {
      ++pos_;
    } else if (c == ';') {
      while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    } else if (c == '#' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '_') {
      std::size_t start = pos_;
      pos_ += 2;
      skip_ws();
      if (pos_ >= text_.size()) fail(start, "#_ discards nothing: the input ends");
      read_form_at_depth(0);
    } else {
      return;
    }
  }
}

bool EdnReader::at_end() {
  skip_ws();
  return pos_ >= text_.size();
}

char EdnReader::peek() {
  skip_ws();
  return pos_ < text_.size() ? text_[pos_] : '\0';
}

void EdnReader::expect(char c) {
  skip_ws();
  if (pos_ >= text_.size()) fail(pos_, std::string("expected '") + c + "', the input ends");
  if (text_[pos_] != c) fail(pos_, std::string("expected '") + c + "', got '" + text_[pos_] + "'");
  ++pos_;
}

std::size_t EdnReader::offset() {
  skip_ws();
  return pos_;
}

json::value EdnReader::read_form() { return read_form_at_depth(0); }

json::value EdnReader::read_form_at_depth(int depth) {
  skip_ws();
  if (pos_ >= text_.size()) fail(pos_, "expected a value, the input ends");
  if (depth > kMaxDepth) fail(pos_, "nesting deeper than " + std::to_string(kMaxDepth));
  std::size_t start = pos_;
  char c = text_[pos_];
  switch (c) {
    case '"':
      return read_string();
    case '\\':
      return read_character();
    case '#':
      return read_dispatch(depth);
    case '[':
      ++pos_;
      return read_seq(']', depth, start);
    case '(':
      ++pos_;
      return read_seq(')', depth, start);
    case '{':
      ++pos_;
      return read_map(depth, start);
    case ']':
    case ')':
    case '}':
      fail(pos_, std::string("unexpected '") + c + "'");
    default:
      return read_token_form();
  }
}

std::string_view EdnReader::read_token() {
  std::size_t start = pos_;
  while (pos_ < text_.size() && !edn_is_delimiter(text_[pos_])) ++pos_;
  return text_.substr(start, pos_ - start);
}

json::value EdnReader::read_string() {
  std::size_t start = pos_++;
  std::string out;
  while (true) {
    if (pos_ >= text_.size()) fail(start, "unterminated string");
    char c = text_[pos_++];
    if (c == '"') return json::value(json::string(out));
    if (c != '\\') {
      out += c;
      continue;
    }
    if (pos_ >= text_.size()) fail(start, "unterminated string");
    std::size_t esc = pos_ - 1;
    char e = text_[pos_++];
    switch (e) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        std::uint32_t cp;
        if (!parse_hex4(text_.substr(pos_), cp)) fail(esc, "bad \\u escape (need 4 hex digits)");
        pos_ += 4;
        // A UTF-16 surrogate pair spelled as two escapes is one code point.
        if (cp >= 0xD800 && cp <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
          std::uint32_t low;
          if (parse_hex4(text_.substr(pos_ + 2), low) && low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            pos_ += 6;
          }
        }
        append_utf8(out, cp);
        break;
      }
      default:
        fail(esc, std::string("unknown string escape '\\") + e + "'");
    }
  }
}

json::value EdnReader::read_character() {
  std::size_t start = pos_++;
  if (pos_ >= text_.size()) fail(start, "character literal without a character");
  // The first character is taken even if it is a delimiter: \( and \space both exist.
  std::size_t first = pos_++;
  while (pos_ < text_.size() && (text_[pos_] & 0xC0) == 0x80) ++pos_;  // rest of a UTF-8 char
  while (pos_ < text_.size() && !edn_is_delimiter(text_[pos_])) ++pos_;
  std::string_view name = text_.substr(first, pos_ - first);
  if (name == "newline") return "\n";
  if (name == "space") return " ";
  if (name == "tab") return "\t";
  if (name == "return") return "\r";
  if (name == "backspace") return "\b";
  if (name == "formfeed") return "\f";
  if (name.size() == 5 && name[0] == 'u') {
    std::uint32_t cp;
    if (parse_hex4(name.substr(1), cp)) {
      std::string out;
      append_utf8(out, cp);
      return json::value(json::string(out));
    }
  }
  // A single (possibly multi-byte) character.
  std::size_t len = 1;
  while (len < name.size() && (static_cast<unsigned char>(name[len]) & 0xC0) == 0x80) ++len;
  if (len != name.size()) fail(start, "unknown character literal '\\" + std::string(name) + "'");
  return json::value(json::string(name));
}

json::value EdnReader::read_dispatch(int depth) {
  std::size_t start = pos_++;
  if (pos_ >= text_.size()) fail(start, "'#' at the end of the input");
  char c = text_[pos_];
  if (c == '{') {
    ++pos_;
    return read_seq('}', depth, start);  // a set reads as an array
  }
  if (c == '#') {
    ++pos_;
    std::string_view t = read_token();
    if (t == "Inf") return std::numeric_limits<double>::infinity();
    if (t == "-Inf") return -std::numeric_limits<double>::infinity();
    if (t == "NaN") return std::numeric_limits<double>::quiet_NaN();
    fail(start, "unknown symbolic value '##" + std::string(t) + "'");
  }
  // A tagged literal (#inst "...", #uuid "...", #jepsen.history.Op{...}):
  // the tag carries nothing a checker needs, so the value stands for itself.
  std::string_view tag = read_token();
  if (tag.empty()) fail(start, std::string("unknown dispatch '#") + c + "'");
  skip_ws();
  if (pos_ >= text_.size()) fail(start, "tag #" + std::string(tag) + " has no value");
  return read_form_at_depth(depth + 1);
}

json::array EdnReader::read_seq(char close, int depth, std::size_t start) {
  json::array out;
  while (true) {
    skip_ws();
    if (pos_ >= text_.size()) fail(start, std::string("unterminated collection, expected '") + close + "'");
    char c = text_[pos_];
    if (c == close) {
      ++pos_;
      return out;
    }
    if (c == ')' || c == ']' || c == '}')
      fail(pos_, std::string("expected '") + close + "', got '" + c + "'");
    out.push_back(read_form_at_depth(depth + 1));
  }
}

json::object EdnReader::read_map(int depth, std::size_t start) {
  json::object out;
  while (true) {
    skip_ws();
    if (pos_ >= text_.size()) fail(start, "unterminated map, expected '}'");
    char c = text_[pos_];
    if (c == '}') {
      ++pos_;
      return out;
    }
    if (c == ')' || c == ']') fail(pos_, std::string("expected '}', got '") + c + "'");
    std::size_t key_start = pos_;
    json::value key = read_form_at_depth(depth + 1);
    std::size_t key_end = pos_;
    skip_ws();
    if (pos_ >= text_.size() || text_[pos_] == '}') fail(key_start, "map key without a value");
    json::value value = read_form_at_depth(depth + 1);
    if (key.is_string()) {
      out[key.get_string()] = std::move(value);
    } else {
      std::string_view source = trim(text_.substr(key_start, key_end - key_start));
      out[source] = std::move(value);
    }
  }
}

json::value EdnReader::read_token_form() {
  std::size_t start = pos_;
  std::string_view t = read_token();
  if (t.empty()) fail(start, std::string("unexpected '") + text_[start] + "'");
  if (starts_number(t)) return read_number(t, start);
  if (t[0] == ':') {
    std::string_view name = t.substr(t.size() > 1 && t[1] == ':' ? 2 : 1);
    if (name.empty()) fail(start, "empty keyword");
    return json::value(json::string(name));
  }
  if (t == "nil") return nullptr;
  if (t == "true") return true;
  if (t == "false") return false;
  return json::value(json::string(t));  // a symbol
}

json::value EdnReader::read_number(std::string_view t, std::size_t start) {
  std::string_view body = t;
  bool big_decimal = false;
  if (body.back() == 'N') {
    body.remove_suffix(1);
  } else if (body.back() == 'M') {
    body.remove_suffix(1);
    big_decimal = true;
  }
  std::string_view digits = body;
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);  // from_chars rejects '+'
  const char* b = digits.data();
  const char* e = digits.data() + digits.size();

  auto bad = [&]() { fail(start, "bad number '" + std::string(t) + "'"); };

  if (auto slash = digits.find('/'); slash != std::string_view::npos) {
    // Clojure ratios (1/3) have no JSON form; a double keeps their magnitude.
    double num = 0, den = 0;
    auto r1 = std::from_chars(b, b + slash, num);
    auto r2 = std::from_chars(b + slash + 1, e, den);
    if (r1.ec != std::errc() || r1.ptr != b + slash || r2.ec != std::errc() || r2.ptr != e || den == 0) bad();
    return num / den;
  }
  bool is_float = big_decimal || digits.find_first_of(".eE") != std::string_view::npos;
  if (!is_float) {
    std::int64_t i = 0;
    auto r = std::from_chars(b, e, i);
    if (r.ec == std::errc() && r.ptr == e) return i;
    if (r.ec == std::errc::result_out_of_range) {
      std::uint64_t u = 0;
      auto ru = std::from_chars(b, e, u);
      if (ru.ec == std::errc() && ru.ptr == e) return u;
      // Beyond 64 bits: keep the magnitude rather than refusing the history.
      double d = 0;
      auto rd = std::from_chars(b, e, d);
      if (rd.ec == std::errc() && rd.ptr == e) return d;
    }
    bad();
  }
  double d = 0;
  auto r = std::from_chars(b, e, d);
  if (r.ptr != e || (r.ec != std::errc() && r.ec != std::errc::result_out_of_range)) bad();
  return d;
}

}  // namespace faultline::history
