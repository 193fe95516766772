#include "checkers/elle/checker.hpp"

#include <fmt/format.h>
#include <functional>
#include <memory>
#include <set>

#include "checkers/elle/components.hpp"
#include "checkers/elle/consistency_models.hpp"
#include "checkers/elle/cycle_anomaly.hpp"
#include "checkers/elle/list_append.hpp"
#include "checkers/elle/rw_register.hpp"
#include "checkers/evidence_schema.hpp"
#include "checkers/options.hpp"

namespace faultline::checkers::elle {

namespace json = boost::json;

ElleOptions parse_elle_options(const std::string& checker, const json::object& options) {
  OptionReader r(checker, options, {"consistency_model", "time_budget"});
  ElleOptions o;
  o.consistency_model = r.get_enum("consistency_model", model_names(), o.consistency_model);
  o.time_budget_s = r.get_number("time_budget", o.time_budget_s, 0.001, 1e6);
  return o;
}

namespace {

constexpr CycleKind kKinds[] = {CycleKind::G0, CycleKind::G1c, CycleKind::GSingle, CycleKind::GNonadjacent,
                                CycleKind::G2Item};
constexpr Variant kVariants[] = {Variant::Data, Variant::Process, Variant::Realtime};

// A found cycle as evidence: the transactions (T1, T2, ...) and one line per step.
json::object cycle_evidence(const Cycle& cycle, const Transactions& txns, const Inference& inference) {
  json::array ops, steps;
  std::string summary;
  auto name = [](std::size_t i) { return "T" + std::to_string(i + 1); };
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    json::object op = txn_evidence(txns, cycle[i].from);
    op["name"] = name(i);
    ops.push_back(std::move(op));
  }
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    const Step& s = cycle[i];
    const std::string a = name(i), b = name((i + 1) % cycle.size());
    std::string because;
    if (s.label == kProcess) {
      because = a + " and " + b + " ran on process " + std::to_string(txns.txn(s.from).process) + ", " + a +
                " first";
    } else if (s.label == kRealtime) {
      const auto& h = txns.history();
      because = a + " completed (op " + std::to_string(h[txns.txn(s.from).complete].index) + ") before " + b +
                " was invoked (op " + std::to_string(h[txns.txn(s.to).invoke].index) + ")";
    } else {
      because = inference.because(s.from, s.to, s.label, a, b);
    }
    summary += a + " -" + std::string(label_name(s.label)) + "-> ";
    steps.push_back(
        json::object{{"from", a}, {"to", b}, {"type", label_name(s.label)}, {"because", because}});
  }
  summary += name(0);
  return json::object{{"cycle", std::move(ops)}, {"steps", std::move(steps)}, {"summary", summary}};
}

// What the cycle search covered.
struct Searched {
  std::size_t components = 0;      // components it started on
  std::set<std::string> types;     // anomaly types it looked for
  CappedList gave_up{kDetailCap};  // (type, component) searches cut short
};

// Per cyclic component, a shortest cycle of each anomaly type `forbidden`
// names, weakest edges first: a type found with data edges alone is not
// searched again with process or real-time ones.
Searched search_cycles(const DependencyGraph& graph, const Components& components,
                       const std::set<std::string>& forbidden, const Deadline& deadline,
                       std::size_t max_starts,
                       const std::function<void(const std::string&, const Cycle&)>& found) {
  Searched out;
  CycleSearch search(graph);
  for (const auto& component : components.cyclic) {
    if (deadline.passed()) break;
    ++out.components;
    for (CycleKind kind : kKinds) {
      for (Variant variant : kVariants) {
        const std::string type = anomaly_name(kind, variant);
        if (!forbidden.contains(type)) continue;
        out.types.insert(type);
        // The shape admits only cycles of this type; the check on the result
        // keeps a subtle shape from ever reporting one under the wrong name.
        const SearchOutcome result = search.find(shape_of(kind, variant), component, deadline, max_starts,
                                                 [&](const Cycle& c) { return classify(c) == type; });
        if (!result.complete && !result.cycle)
          out.gave_up.add(json::object{{"anomaly", type},
                                       {"component-size", component.size()},
                                       {"start-edges-tried", result.starts_tried}});
        if (!result.cycle) continue;
        found(type, *result.cycle);
        break;
      }
    }
  }
  return out;
}

json::array strings(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& s : items) out.push_back(json::string(s));
  return out;
}

}  // namespace

CheckResult ElleChecker::check(const history::History& history) const {
  const Deadline deadline(options_.time_budget_s);
  const Transactions txns(history);
  const auto& forbidden = forbidden_by(options_.consistency_model);
  bool process = false, realtime = false;
  for (const auto& a : forbidden) {
    process = process || a.ends_with("-process");
    realtime = realtime || a.ends_with("-realtime");
  }

  DependencyGraph graph(txns);
  AnomalyLog anomalies;
  std::unique_ptr<Inference> inference;
  if (model_ == DataModel::ListAppend)
    inference = std::make_unique<ListAppendInference>(txns, graph, anomalies);
  else
    inference = std::make_unique<RwRegisterInference>(txns, graph, anomalies);
  if (process) graph.add_process_order();
  if (realtime) graph.add_realtime_order();
  graph.finish();

  const std::uint8_t labels = kDataLabels | (process ? kProcess : 0) | (realtime ? kRealtime : 0);
  const Components components = strongly_connected(graph, labels);
  const Searched searched = search_cycles(
      graph, components, forbidden, deadline, options_.max_starts,
      [&](const std::string& type, const Cycle& cycle) {
        anomalies.report(type, [&] { return json::value(cycle_evidence(cycle, txns, *inference)); });
      });

  CheckResult r;
  json::object& d = r.details;
  d["consistency-model"] = options_.consistency_model;
  std::size_t ok = 0, info = 0, fail = 0;
  for (std::uint32_t t = 0; t < txns.size(); ++t) {
    const auto s = txns.txn(t).status;
    ok += s == TxnStatus::Ok;
    info += s == TxnStatus::Info;
    fail += s == TxnStatus::Fail;
  }
  d["txn-count"] = txns.size();
  d["ok-count"] = ok;
  d["info-count"] = info;
  d["fail-count"] = fail;

  std::set<std::string> found, bad;
  for (const auto& [type, list] : anomalies.by_type()) {
    found.insert(type);
    if (forbidden.contains(type)) bad.insert(type);
  }
  d["anomaly-types"] = strings({found.begin(), found.end()});
  d["anomalies"] = anomalies.examples();
  declare_evidence(d, {errors_field("anomalies", "Anomalies",
                                    "the dependency cycles and other anomalies found, by type.")});
  d["anomaly-counts"] = anomalies.counts();
  const RuledOut out = ruled_out(found);
  d["not"] = strings(out.weakest);
  d["also-not"] = strings(out.stronger);

  std::size_t largest = 0;
  for (const auto& component : components.cyclic) largest = std::max(largest, component.size());
  const bool complete = searched.components == components.cyclic.size() && searched.gave_up.empty();
  d["graph"] = json::object{{"vertices", graph.vertex_count()},
                            {"edges", graph.edge_count()},
                            {"cyclic-components", components.cyclic.size()},
                            {"largest-component", largest}};
  json::object search{{"complete", complete},
                      {"cycle-types", strings({searched.types.begin(), searched.types.end()})},
                      {"components-searched", searched.components},
                      {"time-budget-s", number_json(options_.time_budget_s)}};
  searched.gave_up.put(search, "gave-up");
  d["search"] = std::move(search);

  if (!bad.empty()) {
    r.verdict = Verdict::Invalid;
    std::string list;
    for (const auto& b : bad) list += (list.empty() ? "" : ", ") + b;
    d["reason"] = list + " found, which " + options_.consistency_model + " forbids";
  } else if (!complete) {
    r.verdict = Verdict::Unknown;
    d["reason"] = fmt::format(
        "cycle search stopped early (time budget {:g} s, or {} start edges per component and anomaly): "
        "searched {} of {} cyclic components",
        options_.time_budget_s, options_.max_starts, searched.components, components.cyclic.size());
  } else if (ok == 0) {
    r.verdict = Verdict::Unknown;
    d["reason"] = txns.size() == 0 ? "the history has no txn operations" : "no transaction committed";
  } else {
    r.verdict = Verdict::Valid;
  }
  return r;
}

}  // namespace faultline::checkers::elle
