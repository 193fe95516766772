#include "checkers/evidence.hpp"

#include <algorithm>

#include "history/op_value.hpp"

namespace faultline::checkers {

namespace json = boost::json;

json::value process_json(std::int64_t process) {
  if (process == history::kNemesisProcess) return "nemesis";
  return process;
}

namespace {
// What every piece of op evidence carries, whatever it does with the value.
json::object op_identity(const history::Op& op) {
  json::object o;
  o["index"] = op.index;
  o["process"] = process_json(op.process);
  o["time"] = op.time;
  o["type"] = history::to_string(op.type);
  o["f"] = op.f;
  return o;
}
}  // namespace

json::object op_evidence(const history::Op& op) {
  json::object o = op_identity(op);
  json::value scratch;
  o["value"] = history::value_of(op, scratch);
  if (!op.node.empty()) o["node"] = op.node;
  if (!op.error.is_null()) o["error"] = op.error;
  if (op.final) o["final"] = true;
  return o;
}

json::object op_evidence_brief(const history::Op& op) {
  json::object o = op_identity(op);
  if (history::value_is_array(op))
    o["value-size"] = history::value_size(op);
  else
    o["value"] = op.value;
  if (!op.node.empty()) o["node"] = op.node;
  if (op.final) o["final"] = true;
  return o;
}

json::value number_json(double v) {
  if (v >= -9e18 && v <= 9e18 && v == static_cast<double>(static_cast<std::int64_t>(v)))
    return static_cast<std::int64_t>(v);
  return v;
}

void CappedList::put(json::object& details, const std::string& name) const {
  details[name + "-count"] = count_;
  details[name] = items_;
  if (count_ > items_.size()) details[name + "-truncated"] = true;
}

json::object quantiles_ms(std::vector<std::int64_t>& samples_ns) {
  json::object out;
  if (samples_ns.empty()) return out;
  static constexpr std::pair<const char*, double> kPoints[] = {
      {"0", 0.0}, {"0.5", 0.5}, {"0.95", 0.95}, {"0.99", 0.99}, {"1", 1.0}};
  const std::size_t n = samples_ns.size();
  for (const auto& [key, q] : kPoints) {
    // Nearest-rank on the sorted samples, as Jepsen's quantile helper does.
    std::size_t rank = std::min(n - 1, static_cast<std::size_t>(q * static_cast<double>(n)));
    std::nth_element(samples_ns.begin(), samples_ns.begin() + static_cast<std::ptrdiff_t>(rank),
                     samples_ns.end());
    out[key] = static_cast<double>(samples_ns[rank]) / 1e6;
  }
  return out;
}

}  // namespace faultline::checkers
