#pragma once
// THE escape for text that goes into HTML, SVG or XML (report.html, the
// linearizability view, the suite index, junit.xml): text nodes and
// attribute values alike. Node output is arbitrary bytes, so besides & < > "
// and ' a control character (other than tab and newline) is written as a
// visible escape such as \x1b or \r: raw, it would be invisible in a page and
// make the XML-ish SVG and junit.xml invalid.
#include <string>
#include <string_view>

namespace faultline::checkers {

std::string escape(std::string_view text);
// Appends escaped text to `out` (hot path for big tables: no temporaries).
void append_escaped(std::string& out, std::string_view text);

}  // namespace faultline::checkers
