// link_planter: a correct echo node that, before answering anything, plants
// symbolic links in the run directory (its working directory is
// <run>/data/<id>/, so the run directory is ../..) pointing at files under
// --victim DIR, for every file the harness writes at the end of a run. A
// harness that writes through them overwrites files outside the run.
#include <filesystem>
#include <string>
#include <system_error>

#include "lib/node.hpp"

int main(int argc, char** argv) {
  std::filesystem::path victim;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--victim") victim = argv[i + 1];
  if (!victim.empty()) {
    for (const char* name : {"history.edn", "history.txt", "results.json", "report.html", "report.html.tmp",
                             "linearizability.html"}) {
      std::error_code ec;  // the first node plants; the others find the names taken
      std::filesystem::create_symlink(victim / name, std::filesystem::path("../..") / name, ec);
    }
  }
  fl_node::Node node;
  node.on("echo", [&](const fl_node::Message& req) {
    node.reply(req, {{"type", "echo_ok"}, {"echo", fl_node::field(req.body, "echo")}});
  });
  return node.run();
}
