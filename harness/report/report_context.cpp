#include "harness/report/report_context.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "harness/report/html.hpp"
#include "history/op_value.hpp"

namespace faultline::harness::report {

namespace json = boost::json;

ReportContext::ReportContext(const history::History& h, const std::vector<OpPair>& p,
                             const std::vector<FaultWindow>& f, std::int64_t end)
    : history(h), pairs(p), faults(f), end_ns(end) {
  position_of_index.reserve(h.size());
  for (std::size_t i = 0; i < h.size(); ++i) position_of_index.emplace(h[i].index, i);
  pair_of_position.reserve(p.size() * 2);
  for (std::size_t i = 0; i < p.size(); ++i) {
    pair_of_position.emplace(p[i].invoke, i);
    if (p[i].completion >= 0) pair_of_position.emplace(static_cast<std::size_t>(p[i].completion), i);
  }
}

void ReportContext::note_evidence(std::size_t position) {
  evidence.insert(position);
  if (first_evidence < 0 || static_cast<std::int64_t>(position) < first_evidence)
    first_evidence = static_cast<std::int64_t>(position);
}

bool is_op_like(const json::value& v) {
  const json::object* o = v.if_object();
  if (!o) return false;
  const json::value* type = o->if_contains("type");
  return type && type->is_string() && (o->contains("f") || o->contains("process"));
}

std::int64_t ReportContext::resolve(const json::value& v) const {
  const json::value* index = &v;
  if (const json::object* o = v.if_object()) index = o->if_contains("index");
  if (!index) return -1;
  std::int64_t i = 0;
  if (index->is_int64())
    i = index->get_int64();
  else if (index->is_uint64())
    i = static_cast<std::int64_t>(index->get_uint64());
  else
    return -1;
  auto it = position_of_index.find(i);
  if (it == position_of_index.end()) return -1;
  // An op-like object must agree with the history op it names, or it is not that op.
  if (const json::object* o = v.if_object()) {
    const json::value* f = o->if_contains("f");
    if (f && f->is_string() && f->get_string() != history[it->second].f) return -1;
  }
  return static_cast<std::int64_t>(it->second);
}

namespace {

std::string json_field(const json::object& o, const char* key, std::size_t max = 100) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->get_string());
  return json_preview(*v, max);
}

// A value cell: short values whole; a long one (a final read of hundreds of
// elements) as its start, opening to the whole of it, so a missing element
// can be looked for instead of being cut off.
constexpr std::size_t kValuePreview = 100, kValueWhole = 100000;

std::string value_cell(const json::value& v) {
  const std::string whole = json_preview(v, kValueWhole);
  const std::string start = json_preview(v, kValuePreview);
  if (whole == start) return "<code>" + escape(whole) + "</code>";
  return "<details><summary><code>" + escape(start) + "</code></summary><code class=\"whole\">" +
         escape(whole) + "</code></details>";
}

void row(std::string& out, const std::string& label, const std::string& cls, const std::string& index,
         const std::string& time, const std::string& process, const std::string& type, const std::string& f,
         const std::string& value, const std::string& node, const std::string& error, bool final) {
  out += "<tr class=\"op " + escape(cls) + "\"><td class=\"label\">" + escape(label) + "</td><td>" +
         escape(index) + "</td><td>" + escape(time) + "</td><td>" + escape(process) +
         "</td><td class=\"type\">" + escape(type) + "</td><td>" + escape(f) + "</td><td class=\"val\">" +
         value + "</td><td>" + escape(node) + "</td><td>" + escape(error) + "</td><td>" +
         (final ? "final" : "") + "</td></tr>\n";
}

}  // namespace

std::string op_table(ReportContext& ctx, const std::vector<std::size_t>& positions,
                     const std::vector<const json::value*>& json_ops,
                     const std::vector<std::string>& labels) {
  std::string out =
      "<table class=\"ops\"><tr><th></th><th>op</th><th>time</th><th>process</th><th>type</th><th>f</th>"
      "<th>value</th><th>node</th><th>error</th><th></th></tr>\n";
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const auto& op = ctx.history[positions[i]];
    json::value scratch;
    ctx.note_evidence(positions[i]);
    const std::string type(history::to_string(op.type));
    row(out, i < labels.size() ? labels[i] : "", type, "#" + std::to_string(op.index), format_time_s(op.time),
        op.process == history::kNemesisProcess ? "nemesis" : std::to_string(op.process), type, op.f,
        value_cell(history::value_of(op, scratch)), op.node,
        op.error.is_null() ? "" : json_preview(op.error, 80), op.final);
  }
  for (std::size_t j = 0; j < json_ops.size(); ++j) {
    const auto& o = json_ops[j]->as_object();
    const std::string type = json_field(o, "type");
    std::string time = json_field(o, "time");
    if (const json::value* t = o.if_contains("time"); t && t->is_int64())
      time = format_time_s(t->get_int64());
    const json::value* fin = o.if_contains("final");
    const std::size_t li = positions.size() + j;
    row(out, li < labels.size() ? labels[li] : "", type, "#" + json_field(o, "index"), time,
        json_field(o, "process"), type, json_field(o, "f"),
        o.contains("value") ? value_cell(o.at("value")) : std::string(), json_field(o, "node"),
        json_field(o, "error"), fin && fin->is_bool() && fin->get_bool());
  }
  out += "</table>\n";
  return out;
}

}  // namespace faultline::harness::report
