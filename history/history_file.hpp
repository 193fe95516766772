#pragma once
// THE history reader: every command that reads a history (check, report,
// the linearizability checker, benchmarks) comes through here. It reads
// whichever format the file is in: Jepsen EDN (name ends in .edn), a JSON
// array of ops (Jepsen, elle-cli: the first character is '['), or our JSONL
// (one op object per line: '{'). A file that is none of these, or that holds
// no ops, is an error naming the file and what was expected, so it can never
// pass for a valid empty history.
#include <string>

#include "history/op.hpp"
#include "history/read_notes.hpp"

namespace faultline::history {

// Strict: throws std::runtime_error "path[:line[:column]]: what"; a torn last
// JSONL line is dropped and described in `notes`.
// Lenient (partial runs): a missing, empty or op-less file gives no ops and a
// note; bad JSONL lines are skipped and noted. Never throws on content.
History read_history_file(const std::string& path, ReadNotes* notes = nullptr,
                          ReadMode mode = ReadMode::Strict);

}  // namespace faultline::history
