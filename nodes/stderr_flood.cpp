// stderr_flood (floods its log): answers echo like `echo`, while a thread
// writes numbered lines to stderr as fast as it can, 64 MiB in all, then a
// last line "stderr_flood: done". A harness must bound the log it keeps.
#include <cstdio>
#include <thread>

#include "lib/node.hpp"

int main() {
  static char buffer[1 << 16];
  std::setvbuf(stderr, buffer, _IOFBF, sizeof buffer);  // fast, and lines still arrive whole
  std::thread flood([] {
    char line[128];
    std::size_t written = 0;
    for (unsigned long n = 0; written < (64u << 20); ++n) {
      const int len =
          std::snprintf(line, sizeof line, "stderr_flood: line %lu of noise noise noise noise\n", n);
      std::fwrite(line, 1, static_cast<std::size_t>(len), stderr);
      written += static_cast<std::size_t>(len);
    }
    std::fputs("stderr_flood: done\n", stderr);
    std::fflush(stderr);
  });
  flood.detach();
  fl_node::Node node;
  node.on("echo", [&](const fl_node::Message& req) {
    node.reply(req, {{"type", "echo_ok"}, {"echo", fl_node::field(req.body, "echo")}});
  });
  return node.run();
}
