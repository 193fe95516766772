#include "checkers/evidence_schema.hpp"

#include <algorithm>

namespace faultline::checkers {

namespace json = boost::json;

namespace {

constexpr std::pair<EvidenceKind, std::string_view> kKindNames[] = {
    {EvidenceKind::Elements, "elements"},
    {EvidenceKind::Errors, "errors"},
    {EvidenceKind::Counterexample, "counterexample"},
};
constexpr std::pair<ElementOps, std::string_view> kShowNames[] = {
    {ElementOps::ReadsWith, "reads-with"},
    {ElementOps::FinalReadsWithout, "final-reads-without"},
};

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::vector<std::string> strings_of(const json::value* v) {
  std::vector<std::string> out;
  if (const json::array* a = v ? v->if_array() : nullptr)
    for (const auto& s : *a)
      if (s.is_string()) out.emplace_back(s.get_string());
  return out;
}

std::string string_of(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

EvidenceField element_field(std::string key, std::string title, std::string meaning, unsigned show,
                            std::vector<std::string> add_f, std::vector<std::string> read_f) {
  return EvidenceField{std::move(key),
                       EvidenceKind::Elements,
                       std::move(title),
                       std::move(meaning),
                       std::move(add_f),
                       std::move(read_f),
                       show};
}

constexpr unsigned kReads = static_cast<unsigned>(ElementOps::ReadsWith);
constexpr unsigned kFinalMisses = static_cast<unsigned>(ElementOps::FinalReadsWithout);

}  // namespace

bool EvidenceField::is_read(std::string_view f) const { return contains(read_f, f); }
bool EvidenceField::is_add(std::string_view f) const { return contains(add_f, f); }

json::object to_json(const EvidenceField& field) {
  json::object o{{"key", field.key}, {"title", field.title}, {"meaning", field.meaning}};
  for (const auto& [kind, name] : kKindNames)
    if (kind == field.kind) o["kind"] = name;
  if (field.kind == EvidenceKind::Elements) {
    o["add-f"] = strings(field.add_f);
    o["read-f"] = strings(field.read_f);
    json::array show;
    for (const auto& [bit, name] : kShowNames)
      if (field.shows(bit)) show.emplace_back(name);
    o["show"] = std::move(show);
  }
  if (!field.focus.empty()) o["focus"] = field.focus;
  return o;
}

std::optional<EvidenceField> evidence_field_from_json(const json::value& v) {
  const json::object* o = v.if_object();
  if (!o) return std::nullopt;
  EvidenceField f;
  f.key = string_of(*o, "key");
  const std::string kind = string_of(*o, "kind");
  const auto k = std::find_if(std::begin(kKindNames), std::end(kKindNames),
                              [&](const auto& entry) { return entry.second == kind; });
  if (f.key.empty() || k == std::end(kKindNames)) return std::nullopt;
  f.kind = k->first;
  f.title = string_of(*o, "title");
  if (f.title.empty()) f.title = f.key;
  f.meaning = string_of(*o, "meaning");
  f.add_f = strings_of(o->if_contains("add-f"));
  f.read_f = strings_of(o->if_contains("read-f"));
  f.focus = string_of(*o, "focus");
  for (const auto& name : strings_of(o->if_contains("show")))
    for (const auto& [bit, known] : kShowNames)
      if (name == known) f.show |= static_cast<unsigned>(bit);
  return f;
}

void declare_evidence(json::object& details, const std::vector<EvidenceField>& fields) {
  json::value& slot = details[kEvidenceKey];
  if (!slot.is_array()) slot = json::array{};
  for (const auto& f : fields) slot.get_array().push_back(to_json(f));
}

std::vector<EvidenceField> evidence_schema(const json::object& details) {
  std::vector<EvidenceField> out;
  if (const json::value* declared = details.if_contains(kEvidenceKey); declared && declared->is_array()) {
    for (const auto& v : declared->get_array())
      if (auto f = evidence_field_from_json(v)) out.push_back(std::move(*f));
    return out;
  }
  for (const auto& f : standard_evidence_fields())
    if (details.contains(f.key)) out.push_back(f);
  return out;
}

EvidenceField lost_field(std::vector<std::string> add_f, std::vector<std::string> read_f) {
  return element_field(
      "lost", "Lost",
      "acknowledged as added, then missing from the final reads that began after it was known.", kFinalMisses,
      std::move(add_f), std::move(read_f));
}

EvidenceField never_read_field(std::vector<std::string> add_f, std::vector<std::string> read_f) {
  return element_field(
      "never-read", "Never read",
      "added, but no read ever showed it; not proof of loss (nothing read it after the add).", kFinalMisses,
      std::move(add_f), std::move(read_f));
}

EvidenceField stale_field(std::vector<std::string> add_f, std::vector<std::string> read_f) {
  return element_field(
      "stale", "Stale",
      "added, yet reads that began after the ack kept missing it for a while before it appeared.",
      kReads | kFinalMisses, std::move(add_f), std::move(read_f));
}

EvidenceField unexpected_field(std::vector<std::string> add_f, std::vector<std::string> read_f) {
  return element_field("unexpected", "Unexpected", "shown by a read although no client ever tried to add it.",
                       kReads, std::move(add_f), std::move(read_f));
}

EvidenceField duplicated_field(std::vector<std::string> add_f, std::vector<std::string> read_f) {
  return element_field("duplicated", "Duplicated", "shown more than once where it may appear only once.",
                       kReads, std::move(add_f), std::move(read_f));
}

EvidenceField recovered_field(std::vector<std::string> add_f, std::vector<std::string> read_f) {
  return element_field("recovered", "Recovered",
                       "its add was indeterminate (timed out or failed) yet a read showed it later.", kReads,
                       std::move(add_f), std::move(read_f));
}

EvidenceField errors_field(std::string key, std::string title, std::string meaning) {
  return EvidenceField{std::move(key), EvidenceKind::Errors, std::move(title), std::move(meaning), {}, {}, 0};
}

const std::vector<EvidenceField>& standard_evidence_fields() {
  static const std::vector<EvidenceField> fields = [] {
    const std::vector<std::string> add{"add"}, read{"read"};
    return std::vector<EvidenceField>{
        lost_field(add, read),
        never_read_field(add, read),
        stale_field(add, read),
        unexpected_field(add, read),
        duplicated_field(add, read),
        recovered_field(add, read),
        errors_field("errors", "Errors", "results the checker rejected."),
        errors_field("anomalies", "Anomalies", "what the checker found wrong."),
    };
  }();
  return fields;
}

}  // namespace faultline::checkers
