#pragma once
// A small well-formedness check for the HTML and XML we write: every opened
// tag closes in order (HTML void elements and self-closing tags excepted),
// and no raw '<' or '&' slips through unescaped.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::test {

struct MarkupCheck {
  bool ok = true;
  std::string problem;
  std::size_t elements = 0;
};

inline MarkupCheck check_markup(std::string_view text, bool html) {
  static constexpr std::array<std::string_view, 8> kVoid = {"meta", "br", "img", "input",
                                                            "link", "hr", "col", "wbr"};
  MarkupCheck r;
  std::vector<std::string> open;
  auto fail = [&](std::size_t at, const std::string& what) {
    r.ok = false;
    r.problem = what + " at offset " + std::to_string(at) + ": ..." +
                std::string(text.substr(at > 40 ? at - 40 : 0, 80)) + "...";
    return r;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '&') {
      const auto semi = text.find(';', i);
      if (semi == std::string_view::npos || semi - i > 10) return fail(i, "unescaped '&'");
      i = semi + 1;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    if (text.substr(i, 4) == "<!--") {
      const auto end = text.find("-->", i);
      if (end == std::string_view::npos) return fail(i, "unclosed comment");
      i = end + 3;
      continue;
    }
    if (text.substr(i, 2) == "<!" || text.substr(i, 2) == "<?") {
      const auto end = text.find('>', i);
      if (end == std::string_view::npos) return fail(i, "unclosed declaration");
      i = end + 1;
      continue;
    }
    const bool closing = i + 1 < text.size() && text[i + 1] == '/';
    std::size_t j = i + (closing ? 2 : 1);
    std::size_t name_start = j;
    while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '-' ||
                               text[j] == ':' || text[j] == '_'))
      ++j;
    if (j == name_start) return fail(i, "raw '<' that starts no tag");
    std::string name(text.substr(name_start, j - name_start));
    if (html)
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    // Find the tag end, skipping quoted attribute values.
    char quote = 0;
    while (j < text.size() && (quote || text[j] != '>')) {
      if (quote && text[j] == quote)
        quote = 0;
      else if (!quote && (text[j] == '"' || text[j] == '\''))
        quote = text[j];
      else if (!quote && text[j] == '<')
        return fail(j, "'<' inside tag " + name);
      ++j;
    }
    if (j >= text.size()) return fail(i, "unterminated tag " + name);
    const bool self_closing = text[j - 1] == '/';
    i = j + 1;
    if (closing) {
      if (open.empty() || open.back() != name)
        return fail(
            i, "</" + name + "> closes " + (open.empty() ? std::string("nothing") : "<" + open.back() + ">"));
      open.pop_back();
      continue;
    }
    ++r.elements;
    if (self_closing) continue;
    if (html && std::find(kVoid.begin(), kVoid.end(), name) != kVoid.end()) continue;
    if (html && (name == "style" || name == "script")) {
      // Raw text: skip to its end tag.
      const auto end = text.find("</" + name + ">", i);
      if (end == std::string_view::npos) return fail(i, "unclosed <" + name + ">");
      open.push_back(name);
      i = end;
      continue;
    }
    open.push_back(name);
  }
  if (!open.empty()) return fail(text.size(), "unclosed <" + open.back() + ">");
  return r;
}

inline std::size_t count_of(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (auto p = text.find(needle); p != std::string_view::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace faultline::test
