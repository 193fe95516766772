#include "harness/report/fault_windows.hpp"

#include <algorithm>
#include <map>

#include "harness/runtime/json_text.hpp"

namespace faultline::harness::report {

namespace json = boost::json;

namespace {

std::int64_t as_int(const json::value* v, std::int64_t fallback) {
  if (!v) return fallback;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->get_double());
  return fallback;
}

std::string as_string(const json::value* v) {
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->get_string());
  return json_text(*v);
}

std::vector<FaultWindow> from_results(const json::array& faults) {
  std::vector<FaultWindow> out;
  for (const auto& f : faults) {
    if (!f.is_object()) continue;
    const auto& o = f.as_object();
    FaultWindow w;
    w.id = as_int(o.if_contains("fault"), static_cast<std::int64_t>(out.size() + 1));
    w.kind = as_string(o.if_contains("kind"));
    w.description = as_string(o.if_contains("description"));
    w.start_ns = as_int(o.if_contains("start_ns"), 0);
    w.stop_ns = as_int(o.if_contains("stop_ns"), -1);
    // A stop before its start (or 0 for "not stopped") means it never healed.
    if (w.stop_ns < w.start_ns) w.stop_ns = -1;
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<FaultWindow> from_history(const history::History& history) {
  std::map<std::int64_t, FaultWindow> open;
  std::vector<FaultWindow> out;
  std::int64_t anonymous = 1'000'000;
  for (const auto& op : history) {
    if (op.process != history::kNemesisProcess) continue;
    const bool start = op.f.rfind("start-", 0) == 0;
    const bool stop = op.f.rfind("stop-", 0) == 0;
    if (!start && !stop) continue;
    const json::object* v = op.value.if_object();
    const std::int64_t id = v ? as_int(v->if_contains("fault"), anonymous++) : anonymous++;
    if (start) {
      FaultWindow w;
      w.id = id;
      w.kind = op.f.substr(6);
      if (v) w.description = as_string(v->if_contains("description"));
      w.start_ns = op.time;
      open[id] = std::move(w);
    } else if (auto it = open.find(id); it != open.end()) {
      it->second.stop_ns = op.time;
      out.push_back(std::move(it->second));
      open.erase(it);
    }
  }
  for (auto& [id, w] : open) out.push_back(std::move(w));
  std::sort(out.begin(), out.end(),
            [](const FaultWindow& a, const FaultWindow& b) { return a.start_ns < b.start_ns; });
  return out;
}

}  // namespace

std::vector<FaultWindow> fault_windows(const json::object& results, const history::History& history) {
  if (const json::value* f = results.if_contains("faults"); f && f->is_array() && !f->as_array().empty())
    return from_results(f->as_array());
  return from_history(history);
}

}  // namespace faultline::harness::report
