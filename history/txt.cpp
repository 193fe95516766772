#include "history/txt.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "history/edn.hpp"
#include "history/op_value.hpp"
#include "history/output_file.hpp"

namespace faultline::history {

std::string to_txt_line(const Op& op) {
  std::string line;
  line += op.process == kNemesisProcess ? std::string(":nemesis") : std::to_string(op.process);
  line += "\t:";
  line += to_string(op.type);
  line += '\t';
  line += to_edn_keyword(op.f);
  line += '\t';
  boost::json::value scratch;
  line += to_edn(value_of(op, scratch));
  line += '\t';
  if (!op.error.is_null()) line += to_edn(op.error);
  return line;
}

void write_txt(const History& history, const std::string& path) {
  OutputFile out(path);
  for (const Op& op : history) {
    std::string line = to_txt_line(op);
    line += '\n';
    out.write(line);
  }
  out.commit();
}

}  // namespace faultline::history
