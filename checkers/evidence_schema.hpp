#pragma once
// The schema between checkers and the report. A checker says which of its
// detail keys are evidence, of what kind, in what words, and which of its
// ops add and read the elements it talks about; it writes that next to its
// details as `evidence`:
//
//   "evidence": [{"key": "lost", "kind": "elements", "title": "Lost",
//                 "meaning": "acknowledged as added, then missing ...",
//                 "add-f": ["add"], "read-f": ["read"],
//                 "show": ["final-reads-without"]}]
//
// The report renders whatever is declared, by kind, and knows no checker's
// keys: a new checker's evidence shows up without touching the report.
// Results written before this schema existed (no `evidence`) are read with
// the fields of the built-in checkers (standard_evidence_fields()).
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::checkers {

enum class EvidenceKind : std::uint8_t {
  Elements,        // a list of elements (scalars, or objects naming one under "element")
  Errors,          // a list (or per-key object) of findings, each naming its ops
  Counterexample,  // one object naming the ops no explanation fits
};

// Which history ops the report shows for each element of an Elements list.
enum class ElementOps : std::uint8_t {
  ReadsWith = 1,          // reads that showed it (unexpected, duplicated)
  FinalReadsWithout = 2,  // final reads that missed it (lost)
};

// The key under which a checker's details carry their schema.
inline constexpr std::string_view kEvidenceKey = "evidence";

struct EvidenceField {
  std::string key;  // the detail key; nested objects may use it too (per node, per key)
  EvidenceKind kind = EvidenceKind::Errors;
  std::string title;
  std::string meaning;
  std::vector<std::string> add_f;   // Elements: fs of the ops that add an element
  std::vector<std::string> read_f;  // Elements: fs of the ops that read elements
  unsigned show = 0;                // Elements: ElementOps bits
  std::string focus;                // Counterexample: the member of each item holding the ops to show

  bool shows(ElementOps ops) const { return (show & static_cast<unsigned>(ops)) != 0; }
  bool is_read(std::string_view f) const;
  bool is_add(std::string_view f) const;
};

boost::json::object to_json(const EvidenceField& field);
// nullopt when `v` is not a well-formed field (an old or foreign result).
std::optional<EvidenceField> evidence_field_from_json(const boost::json::value& v);

// Appends `fields` to details["evidence"].
void declare_evidence(boost::json::object& details, const std::vector<EvidenceField>& fields);

// The schema of `details`: its declared fields, or, for a result without
// them, the standard fields whose key it holds.
std::vector<EvidenceField> evidence_schema(const boost::json::object& details);

// The fields the delivery checkers share, with their fs.
EvidenceField lost_field(std::vector<std::string> add_f, std::vector<std::string> read_f);
EvidenceField never_read_field(std::vector<std::string> add_f, std::vector<std::string> read_f);
EvidenceField stale_field(std::vector<std::string> add_f, std::vector<std::string> read_f);
EvidenceField unexpected_field(std::vector<std::string> add_f, std::vector<std::string> read_f);
EvidenceField duplicated_field(std::vector<std::string> add_f, std::vector<std::string> read_f);
EvidenceField recovered_field(std::vector<std::string> add_f, std::vector<std::string> read_f);
// A list of findings under `key` ("errors", "anomalies").
EvidenceField errors_field(std::string key, std::string title, std::string meaning);

// What the built-in checkers wrote before they declared it (add-f add,
// read-f read): the fallback of evidence_schema.
const std::vector<EvidenceField>& standard_evidence_fields();

}  // namespace faultline::checkers
