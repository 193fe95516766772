#include "lib/resp.hpp"

#include <stdexcept>

#include "lib/protocol.hpp"

namespace fl_adapter {

std::string resp_command(const std::vector<std::string>& args) {
  std::string out = "*" + std::to_string(args.size()) + "\r\n";
  for (const auto& a : args) out += "$" + std::to_string(a.size()) + "\r\n" + a + "\r\n";
  return out;
}

namespace {

std::int64_t parse_int(std::string_view text) {
  if (text.empty()) throw std::runtime_error("empty RESP integer");
  std::size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) throw std::runtime_error("bad RESP integer");
  std::int64_t v = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') throw std::runtime_error("bad RESP integer: " + std::string(text));
    v = v * 10 + (text[i] - '0');
  }
  return text[0] == '-' ? -v : v;
}

std::optional<RespReply> parse_at(std::string_view data, std::size_t& pos) {
  const auto eol = data.find("\r\n", pos);
  if (eol == std::string_view::npos) return std::nullopt;
  if (eol == pos) throw std::runtime_error("empty RESP line");
  const char tag = data[pos];
  const std::string_view line = data.substr(pos + 1, eol - pos - 1);
  std::size_t next = eol + 2;
  RespReply r;
  switch (tag) {
    case '+':
      r.kind = RespReply::Kind::Simple;
      r.text = line;
      break;
    case '-':
      r.kind = RespReply::Kind::Error;
      r.text = line;
      break;
    case ':':
      r.kind = RespReply::Kind::Integer;
      r.integer = parse_int(line);
      break;
    case '$': {
      const std::int64_t n = parse_int(line);
      if (n < 0) {
        r.kind = RespReply::Kind::Nil;
        break;
      }
      if (data.size() < next + static_cast<std::size_t>(n) + 2) return std::nullopt;
      r.kind = RespReply::Kind::Bulk;
      r.text = data.substr(next, static_cast<std::size_t>(n));
      next += static_cast<std::size_t>(n) + 2;
      break;
    }
    case '*': {
      const std::int64_t n = parse_int(line);
      if (n < 0) {
        r.kind = RespReply::Kind::Nil;
        break;
      }
      r.kind = RespReply::Kind::Array;
      for (std::int64_t i = 0; i < n; ++i) {
        auto item = parse_at(data, next);
        if (!item) return std::nullopt;
        r.items.push_back(std::move(*item));
      }
      break;
    }
    default:
      throw std::runtime_error("not a RESP reply: " + std::string(data.substr(pos, 64)));
  }
  pos = next;
  return r;
}

}  // namespace

std::optional<RespReply> resp_parse(std::string_view data, std::size_t& consumed) {
  std::size_t pos = 0;
  auto r = parse_at(data, pos);
  if (r) consumed = pos;
  return r;
}

RespReply resp_call(Connection& connection, const std::vector<std::string>& args) {
  connection.write(resp_command(args));
  auto& buffer = connection.buffer();
  while (true) {
    const auto data = buffer.cdata();
    std::string_view view(static_cast<const char*>(data.data()), data.size());
    std::size_t consumed = 0;
    std::optional<RespReply> reply;
    try {
      reply = resp_parse(view, consumed);
    } catch (const std::exception& e) {
      connection.close();
      throw Failure(kCrash, e.what());
    }
    if (reply) {
      buffer.consume(consumed);
      return std::move(*reply);
    }
    connection.read_more();
  }
}

}  // namespace fl_adapter
