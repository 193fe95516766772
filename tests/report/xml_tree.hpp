#pragma once
// A tiny XML reader for checking what we write (JUnit): elements, attributes
// and text, with entities decoded; throws std::runtime_error on anything
// malformed (unbalanced tags, bad entities, unquoted attributes).
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::test {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attrs;
  std::vector<std::unique_ptr<XmlElement>> children;
  std::string text;

  std::vector<const XmlElement*> all(const std::string& child) const {
    std::vector<const XmlElement*> out;
    for (const auto& c : children)
      if (c->name == child) out.push_back(c.get());
    return out;
  }
  const XmlElement* first(const std::string& child) const {
    for (const auto& c : children)
      if (c->name == child) return c.get();
    return nullptr;
  }
  std::string attr(const std::string& key) const {
    auto it = attrs.find(key);
    if (it == attrs.end()) throw std::runtime_error("<" + name + "> has no attribute " + key);
    return it->second;
  }
};

inline std::string xml_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') throw std::runtime_error("raw '<' in text or attribute");
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const auto semi = s.find(';', i);
    if (semi == std::string_view::npos) throw std::runtime_error("unterminated entity");
    const std::string_view e = s.substr(i + 1, semi - i - 1);
    if (e == "amp")
      out += '&';
    else if (e == "lt")
      out += '<';
    else if (e == "gt")
      out += '>';
    else if (e == "quot")
      out += '"';
    else if (e == "apos")
      out += '\'';
    else if (!e.empty() && e[0] == '#')
      out += static_cast<char>(std::stoi(std::string(e.substr(1))));
    else
      throw std::runtime_error("unknown entity &" + std::string(e) + ";");
    i = semi;
  }
  return out;
}

inline std::unique_ptr<XmlElement> parse_xml(std::string_view text) {
  std::size_t i = 0;
  auto skip_ws = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  auto name_at = [&] {
    const std::size_t s = i;
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '-' ||
                               text[i] == '_' || text[i] == ':' || text[i] == '.'))
      ++i;
    if (i == s) throw std::runtime_error("expected a name at offset " + std::to_string(s));
    return std::string(text.substr(s, i - s));
  };
  skip_ws();
  if (text.substr(i, 5) == "<?xml") {
    i = text.find("?>", i);
    if (i == std::string_view::npos) throw std::runtime_error("unterminated XML declaration");
    i += 2;
  }
  std::unique_ptr<XmlElement> root;
  std::vector<XmlElement*> stack;
  while (true) {
    const std::size_t lt = text.find('<', i);
    const std::string_view between =
        text.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i);
    if (!stack.empty())
      stack.back()->text += xml_decode(between);
    else if (between.find_first_not_of(" \t\r\n") != std::string_view::npos)
      throw std::runtime_error("text outside the root element");
    if (lt == std::string_view::npos) break;
    i = lt + 1;
    if (i < text.size() && text[i] == '/') {
      ++i;
      const std::string name = name_at();
      skip_ws();
      if (i >= text.size() || text[i] != '>') throw std::runtime_error("bad end tag </" + name);
      ++i;
      if (stack.empty() || stack.back()->name != name)
        throw std::runtime_error("</" + name + "> does not close the open element");
      stack.pop_back();
      continue;
    }
    auto el = std::make_unique<XmlElement>();
    el->name = name_at();
    bool self_closing = false;
    while (true) {
      skip_ws();
      if (i >= text.size()) throw std::runtime_error("unterminated tag <" + el->name);
      if (text[i] == '>') {
        ++i;
        break;
      }
      if (text.substr(i, 2) == "/>") {
        i += 2;
        self_closing = true;
        break;
      }
      const std::string key = name_at();
      skip_ws();
      if (i >= text.size() || text[i] != '=') throw std::runtime_error("attribute " + key + " without value");
      ++i;
      skip_ws();
      const char q = i < text.size() ? text[i] : 0;
      if (q != '"' && q != '\'') throw std::runtime_error("unquoted attribute " + key);
      const auto end = text.find(q, i + 1);
      if (end == std::string_view::npos) throw std::runtime_error("unterminated attribute " + key);
      if (!el->attrs.emplace(key, xml_decode(text.substr(i + 1, end - i - 1))).second)
        throw std::runtime_error("duplicate attribute " + key);
      i = end + 1;
    }
    XmlElement* raw = el.get();
    if (stack.empty()) {
      if (root) throw std::runtime_error("two root elements");
      root = std::move(el);
    } else {
      stack.back()->children.push_back(std::move(el));
    }
    if (!self_closing) stack.push_back(raw);
  }
  if (!stack.empty()) throw std::runtime_error("unclosed <" + stack.back()->name + ">");
  if (!root) throw std::runtime_error("no root element");
  return root;
}

}  // namespace faultline::test
