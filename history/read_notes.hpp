#pragma once
// What a history read forgave. A run stopped mid-write leaves a torn last
// line; a report of a damaged history is better than none. Both are said out
// loud, never silently dropped.
#include <cstddef>
#include <string>
#include <vector>

namespace faultline::history {

// How a read treats a bad line. Strict: a torn last line (a crash mid-write)
// is dropped and noted, any other bad line throws std::runtime_error
// "name:LINE: what". Lenient (a report of a damaged run): every bad line is
// dropped, counted and noted, and the good ones are kept; a missing file is a
// note, not an error.
enum class ReadMode { Strict, Lenient };

// Lines a lenient read keeps notes for; the count covers all of them.
inline constexpr std::size_t kMaxReadNotes = 5;

struct ReadNotes {
  bool truncated_tail = false;     // the last line stopped mid-object (a torn write) and was dropped
  std::size_t truncated_line = 0;  // its line number
  std::size_t skipped_lines = 0;   // lines dropped, the torn tail included
  std::vector<std::string> notes;  // "path:17: not JSON: ...", the first kMaxReadNotes

  // A line dropped, and why.
  void skipped(std::string note) {
    ++skipped_lines;
    note_problem(std::move(note));
  }
  // Anything else worth saying (a missing or empty file in a lenient read).
  void note_problem(std::string note) {
    if (notes.size() < kMaxReadNotes) notes.push_back(std::move(note));
  }
};

}  // namespace faultline::history
