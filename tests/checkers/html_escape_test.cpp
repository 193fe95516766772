// The one HTML escape every page and junit.xml use: markup characters and
// quotes of both kinds escaped, control characters made visible.
#include "checkers/html_escape.hpp"

#include <catch2/catch.hpp>

using faultline::checkers::append_escaped;
using faultline::checkers::escape;

TEST_CASE("html escape: markup characters and both quotes") {
  CHECK(escape(R"(<a href="x" title='y'>&</a>)") ==
        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  CHECK(escape("plain text, ünïcödé → ok") == "plain text, ünïcödé → ok");
  CHECK(escape("") == "");
}

TEST_CASE("html escape: control characters become visible escapes, tab and newline stay") {
  CHECK(escape(std::string("a\x1b[31mred\r\n\tb")) == "a\\x1b[31mred\\r\n\tb");
  CHECK(escape(std::string("nul\0!", 5)) == "nul\\x00!");
  CHECK(escape("del\x7f") == "del\\x7f");
  CHECK(escape("next line\xc2\x85") == "next line\\u0085");  // U+0085, a C1 control
  CHECK(escape("\xc2\xa0") == "\xc2\xa0");                   // U+00A0 is printable: kept
}

TEST_CASE("html escape: append_escaped appends") {
  std::string out = "<p>";
  append_escaped(out, "1 < 2");
  CHECK(out == "<p>1 &lt; 2");
}
