#pragma once
// THE history reader: every command that reads a history (check, report,
// the linearizability checker, benchmarks) comes through here. It reads
// whichever format the file is in: Jepsen EDN (name ends in .edn), a JSON
// array of ops (Jepsen, elle-cli: the first character is '['), or our JSONL
// (one op object per line: '{'). A file that is none of these, or that holds
// no ops, is an error naming the file and what was expected, so it can never
// pass for a valid empty history. EDN is also recognised by content: a first
// map whose first key is a keyword ({:process ...}, Porcupine's kv logs) or
// a tagged op (#jepsen.history.Op{...}).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "history/op.hpp"
#include "history/read_notes.hpp"

namespace faultline::history {

enum class HistoryFormat : std::uint8_t { Auto, Jsonl, Edn, JsonArray };

// "auto", "jsonl", "edn", "json" (an array), and "porcupine-kv" (EDN with
// :key); nullopt for anything else.
std::optional<HistoryFormat> history_format_from_name(std::string_view name);
// The names history_format_from_name accepts, for help and errors.
const char* history_format_names();

// Strict: throws std::runtime_error "path[:line[:column]]: what"; a torn last
// JSONL line is dropped and described in `notes`.
// Lenient (partial runs): a missing, empty or op-less file gives no ops and a
// note; bad JSONL lines are skipped and noted. Never throws on content.
History read_history_file(const std::string& path, ReadNotes* notes = nullptr,
                          ReadMode mode = ReadMode::Strict, HistoryFormat format = HistoryFormat::Auto);

}  // namespace faultline::history
