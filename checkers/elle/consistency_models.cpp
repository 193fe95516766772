#include "checkers/elle/consistency_models.hpp"

#include <map>
#include <stdexcept>

namespace faultline::checkers::elle {

namespace {

using Set = std::set<std::string>;

const Set kAlways = {"internal", "duplicate-elements", "incompatible-order", "garbage-read"};
const char* const kCycleTypes[] = {"G0", "G1c", "G-single", "G-nonadjacent", "G2-item"};

struct Model {
  std::string name;
  Set forbids;
  std::vector<std::string> weaker;  // the models directly below it
};

Set join(Set a, const Set& b) {
  a.insert(b.begin(), b.end());
  return a;
}

// The -process (and, if asked, -realtime) forms of the cycle types in `s`.
Set session(const Set& s, bool realtime) {
  Set out = s;
  for (const char* c : kCycleTypes) {
    if (!s.contains(c)) continue;
    out.insert(std::string(c) + "-process");
    if (realtime) out.insert(std::string(c) + "-realtime");
  }
  return out;
}

const std::vector<Model>& models() {
  static const std::vector<Model> table = [] {
    const Set ru = join(kAlways, {"G0"});
    const Set rc = join(ru, {"G1a", "G1b", "G1c", "dirty-update"});
    const Set rr = join(rc, {"G-single", "G-nonadjacent", "G2-item", "lost-update"});
    const Set si = join(rc, {"G-single", "G-nonadjacent", "lost-update"});
    const Set ser = join(rr, si);
    return std::vector<Model>{
        {"read-uncommitted", ru, {}},
        {"read-committed", rc, {"read-uncommitted"}},
        {"repeatable-read", rr, {"read-committed"}},
        {"snapshot-isolation", si, {"read-committed"}},
        {"serializable", ser, {"repeatable-read", "snapshot-isolation"}},
        {"strong-session-read-uncommitted", session(ru, false), {"read-uncommitted"}},
        {"strong-session-read-committed",
         session(rc, false),
         {"read-committed", "strong-session-read-uncommitted"}},
        {"strong-session-repeatable-read",
         session(rr, false),
         {"repeatable-read", "strong-session-read-committed"}},
        {"strong-session-snapshot-isolation",
         session(si, false),
         {"snapshot-isolation", "strong-session-read-committed"}},
        {"strong-session-serializable",
         session(ser, false),
         {"serializable", "strong-session-repeatable-read", "strong-session-snapshot-isolation"}},
        {"strong-snapshot-isolation", session(si, true), {"strong-session-snapshot-isolation"}},
        {"strict-serializable",
         session(ser, true),
         {"strong-session-serializable", "strong-snapshot-isolation"}},
    };
  }();
  return table;
}

const Model* find(const std::string& name) {
  for (const auto& m : models())
    if (m.name == name) return &m;
  return nullptr;
}

// Whether `low` is (transitively) weaker than `high`.
bool weaker_than(const std::string& low, const Model& high) {
  for (const auto& w : high.weaker)
    if (w == low || weaker_than(low, *find(w))) return true;
  return false;
}

}  // namespace

const std::vector<std::string>& model_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& m : models()) out.push_back(m.name);
    return out;
  }();
  return names;
}

bool is_model(const std::string& name) { return find(name) != nullptr; }

const std::set<std::string>& forbidden_by(const std::string& model) {
  if (const Model* m = find(model)) return m->forbids;
  std::string known;
  for (const auto& n : model_names()) known += (known.empty() ? "" : ", ") + n;
  throw std::invalid_argument("unknown consistency model '" + model + "' (known: " + known + ")");
}

RuledOut ruled_out(const std::set<std::string>& anomaly_types) {
  std::vector<const Model*> bad;
  for (const auto& m : models())
    for (const auto& a : anomaly_types)
      if (m.forbids.contains(a)) {
        bad.push_back(&m);
        break;
      }
  RuledOut out;
  for (const Model* m : bad) {
    bool minimal = true;
    for (const Model* other : bad) minimal = minimal && !weaker_than(other->name, *m);
    (minimal ? out.weakest : out.stronger).push_back(m->name);
  }
  return out;
}

}  // namespace faultline::checkers::elle
