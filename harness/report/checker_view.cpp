#include "harness/report/checker_view.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <map>

#include "checkers/evidence_schema.hpp"
#include "harness/report/cycle_view.hpp"
#include "harness/report/evidence.hpp"
#include "harness/report/html.hpp"
#include "harness/report/json_table.hpp"
#include "harness/report/plots.hpp"

namespace faultline::harness::report {

namespace json = boost::json;

namespace {

constexpr std::size_t kItemsWithEvidence = 10;
constexpr std::size_t kMaxListedValues = 200;
constexpr std::size_t kMaxEvidenceReads = 4;

using checkers::ElementOps;
using checkers::EvidenceField;
using checkers::EvidenceKind;
using Schema = std::vector<EvidenceField>;

const EvidenceField* field_of(const Schema& schema, std::string_view key) {
  for (const auto& f : schema)
    if (f.key == key) return &f;
  return nullptr;
}

std::string words(std::string_view key) {
  std::string w = normalize_key(key);
  std::replace(w.begin(), w.end(), '-', ' ');
  return w;
}

std::string element_label(const json::value& element) {
  return element.is_string() ? std::string(element.get_string()) : json_preview(element, 60);
}

// A list of [low, high] number pairs: ranges, whatever the key.
bool is_ranges(const json::value& v) {
  const json::array* a = v.if_array();
  if (!a || a->empty()) return false;
  for (const auto& r : *a) {
    const json::array* pair = r.if_array();
    if (!pair || pair->size() != 2 || !(*pair)[0].is_number() || !(*pair)[1].is_number()) return false;
  }
  return true;
}

// Ranges like [[0, 12], [14, 15]] as "0..12, 14..15".
std::string ranges_text(const json::value& v) {
  std::string out;
  for (const auto& r : v.get_array()) {
    if (!out.empty()) out += ", ";
    const json::array& pair = r.get_array();
    out += json_preview(pair[0], 30) + ".." + json_preview(pair[1], 30);
  }
  return out;
}

// Every op-like object under `v` (depth-bounded), labelled with the key it
// sits under ("add", "final reads missing"): resolved to history positions
// where possible (one row per op, labels merged), else kept as JSON.
struct FoundOps {
  std::vector<std::size_t> positions;
  std::vector<std::string> labels;
  std::vector<const json::value*> loose;
  std::vector<std::string> loose_labels;

  bool empty() const { return positions.empty() && loose.empty(); }
  std::vector<std::string> all_labels() const {
    std::vector<std::string> out = labels;
    out.insert(out.end(), loose_labels.begin(), loose_labels.end());
    return out;
  }
  // History order reads as a story: add, ack, the reads after.
  void sort() {
    std::vector<std::size_t> order(positions.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return positions[a] < positions[b]; });
    std::vector<std::size_t> p;
    std::vector<std::string> l;
    for (std::size_t i : order) {
      p.push_back(positions[i]);
      l.push_back(labels[i]);
    }
    positions = std::move(p);
    labels = std::move(l);
  }
};

void collect_ops(const json::value& v, const ReportContext& ctx, FoundOps& found, const std::string& label,
                 int depth = 0) {
  if (depth > 5) return;
  if (is_op_like(v)) {
    const std::int64_t pos = ctx.resolve(v);
    if (pos < 0) {
      found.loose.push_back(&v);
      found.loose_labels.push_back(label);
      return;
    }
    const auto at = std::find(found.positions.begin(), found.positions.end(), static_cast<std::size_t>(pos));
    if (at == found.positions.end()) {
      found.positions.push_back(static_cast<std::size_t>(pos));
      found.labels.push_back(label);
    } else {
      std::string& l = found.labels[static_cast<std::size_t>(at - found.positions.begin())];
      if (!label.empty() && l.find(label) == std::string::npos) l += (l.empty() ? "" : ", ") + label;
    }
    return;
  }
  if (const json::array* a = v.if_array())
    for (const auto& x : *a) collect_ops(x, ctx, found, label, depth + 1);
  if (const json::object* o = v.if_object())
    for (const auto& kv : *o) collect_ops(kv.value(), ctx, found, words(kv.key()), depth + 1);
}

// The scalar fields of an item in words, e.g. "value 17 · expected 3".
std::string scalar_fields(const json::object& o) {
  std::string out;
  for (const auto& kv : o) {
    const auto& v = kv.value();
    if (kv.key() == "element") continue;  // already the subject of the sentence
    if (v.is_object() || v.is_array()) {
      if (is_ranges(v)) out += (out.empty() ? "" : " · ") + words(kv.key()) + " " + ranges_text(v);
      continue;
    }
    out += (out.empty() ? "" : " · ") + words(kv.key()) + " " + json_preview(v, 80);
  }
  return out;
}

// Many elements read best as one table, a row each (what was added where and
// when, the last read that showed it, the final reads that missed it), the
// first rows open and the whole list under a fold, instead of a card each.
constexpr std::size_t kElementCardsAtMost = 2;
constexpr std::size_t kElementRowsOpen = 10;
constexpr std::size_t kElementRowsAtMost = 5000;

std::string element_table(const EvidenceField& known, const json::array& items, ReportContext& ctx) {
  const std::size_t rows_total = std::min(items.size(), kElementRowsAtMost);
  std::vector<json::value> elements;
  elements.reserve(rows_total);
  for (std::size_t i = 0; i < rows_total; ++i) elements.push_back(element_of(items[i]));
  const EvidenceSearch found = find_evidence(ctx.history, ctx.pairs, elements, known);
  const bool final_without = known.shows(ElementOps::FinalReadsWithout);
  // What an object item says beyond its element: its scalar fields, short
  // lists of names (missing-on-nodes), and the ops it names by key.
  const auto details_of = [](const json::object& o) {
    std::string out = scalar_fields(o);
    for (const auto& kv : o) {
      const json::array* a = kv.value().if_array();
      if (!a || a->empty() ||
          !std::all_of(a->begin(), a->end(), [](const json::value& x) { return x.is_string(); }))
        continue;
      std::string names;
      for (const auto& x : *a) names += (names.empty() ? "" : ", ") + std::string(x.get_string());
      out += (out.empty() ? "" : " · ") + words(kv.key()) + " " + names;
    }
    return out;
  };
  std::vector<std::string> details(rows_total), named(rows_total);
  bool any_details = false, any_named = false;
  for (std::size_t i = 0; i < rows_total; ++i) {
    const json::object* o = items[i].if_object();
    if (!o) continue;
    details[i] = details_of(*o);
    FoundOps own;
    collect_ops(items[i], ctx, own, "");
    own.sort();
    for (std::size_t k = 0; k < own.positions.size(); ++k)
      named[i] += fmt::format("{}#{} {}", named[i].empty() ? "" : " · ", ctx.history[own.positions[k]].index,
                              own.labels[k]);
    any_details |= !details[i].empty();
    any_named |= !named[i].empty();
  }

  std::string head = "<tr><th>element</th><th>added</th><th>acknowledged</th><th>last read showing it</th>";
  if (final_without) head += "<th>final reads missing it</th>";
  if (any_details) head += "<th>details</th>";
  if (any_named) head += "<th>ops the checker names</th>";
  head += "</tr>";
  std::string open_rows, folded_rows;
  std::vector<std::size_t> positions;
  std::vector<std::string> labels;
  std::map<std::size_t, std::string> missing_in;  // final read -> the elements it missed (first rows)
  for (std::size_t i = 0; i < rows_total; ++i) {
    const json::value& element = elements[i];
    const std::string name = element_label(element.is_null() ? items[i] : element);
    std::string added = "—", acked = "—", last = "never", missing;
    auto it = element.is_null() ? found.by_element.end() : found.by_element.find(element_key(element));
    if (it != found.by_element.end()) {
      const ElementEvidence& ev = it->second;
      if (ev.add_invokes.empty()) {
        added = "no client op added it";
      } else {
        const history::Op& inv = ctx.history[ev.add_invokes.front()];
        added = fmt::format("#{} at {}", inv.index, format_time_s(inv.time));
        if (!inv.node.empty()) added += " via " + inv.node;
        if (ev.add_invokes.size() > 1) added += fmt::format(" (+{} more)", ev.add_invokes.size() - 1);
        acked = "never";
        for (std::size_t c : ev.add_completions)
          if (ctx.history[c].type == history::OpType::Ok) {
            acked = fmt::format("#{} at {}", ctx.history[c].index, format_time_s(ctx.history[c].time));
            break;
          }
        if (i < kElementRowsOpen) {
          positions.push_back(ev.add_invokes.front());
          labels.push_back("add " + name);
          if (!ev.add_completions.empty()) {
            positions.push_back(ev.add_completions.front());
            labels.push_back("ack " + name);
          }
        }
      }
      if (ev.last_read_with >= 0) {
        const history::Op& r = ctx.history[static_cast<std::size_t>(ev.last_read_with)];
        last =
            fmt::format("#{} at {}{}", r.index, format_time_s(r.time), r.node.empty() ? "" : " on " + r.node);
        if (ev.reads_with_total > 1) last += fmt::format(" ({} reads in all)", ev.reads_with_total);
      }
      if (final_without && !found.final_reads.empty()) {
        std::string nodes;
        for (std::size_t r : ev.final_reads_without) {
          const std::string& node = ctx.history[r].node;
          if (!node.empty() && nodes.find(node) == std::string::npos)
            nodes += (nodes.empty() ? "" : ", ") + node;
          if (i < kElementRowsOpen) {
            std::string& l = missing_in[r];
            l += (l.empty() ? "" : ", ") + name;
          }
        }
        missing = fmt::format("{} of {}", ev.final_reads_without.size(), found.final_reads.size());
        if (!nodes.empty()) missing += " (" + nodes + ")";
      }
    }
    std::string row = "<tr><td>" + escape(name) + "</td><td>" + escape(added) + "</td><td>" + escape(acked) +
                      "</td><td>" + escape(last) + "</td>";
    if (final_without) row += "<td>" + escape(missing) + "</td>";
    if (any_details) row += "<td>" + escape(details[i]) + "</td>";
    if (any_named) row += "<td>" + escape(named[i]) + "</td>";
    row += "</tr>";
    (i < kElementRowsOpen ? open_rows : folded_rows) += row;
  }
  // The final reads that missed the first elements, a few of them.
  std::size_t shown_reads = 0;
  for (const auto& [read, names] : missing_in) {
    if (shown_reads++ == kMaxEvidenceReads) break;
    positions.push_back(read);
    labels.push_back("final read missing " + names);
  }

  std::string out = "<table class=\"elements\">" + head + open_rows + "</table>\n";
  if (!folded_rows.empty())
    out += fmt::format(
        "<details class=\"elements-rest\"><summary>all {} {} elements</summary><table class=\"elements\">{}"
        "{}</table></details>\n",
        format_count(static_cast<std::int64_t>(items.size())), escape(known.title), head, folded_rows);
  if (items.size() > rows_total) {
    out += "<p class=\"rest\">And " + format_count(static_cast<std::int64_t>(items.size() - rows_total)) +
           " more: <span class=\"values\">";
    for (std::size_t i = rows_total; i < items.size() && i < rows_total + kMaxListedValues; ++i) {
      const json::value e = element_of(items[i]);
      out += (i == rows_total ? "" : ", ") + escape(element_label(e.is_null() ? items[i] : e));
    }
    out += "</span></p>\n";
  }
  if (!positions.empty()) {
    out += "<p class=\"note\">The ops behind the first rows:</p>";
    out += op_table(ctx, positions, {}, labels);
  }
  if (found.truncated)
    out += "<p class=\"note\">The evidence search stopped early: the reads are too large to scan whole.</p>";
  return out;
}

std::string element_list(const EvidenceField& known, const json::value& value, ReportContext& ctx) {
  const json::array* items = value.if_array();
  if (!items) return json_table(value);
  if (items->empty()) return "<p>none</p>";
  if (items->size() > kElementCardsAtMost) return element_table(known, *items, ctx);
  std::vector<json::value> elements;
  for (std::size_t i = 0; i < items->size() && i < kItemsWithEvidence; ++i)
    elements.push_back(element_of((*items)[i]));
  const EvidenceSearch found = find_evidence(ctx.history, ctx.pairs, elements, known);
  const bool reads_with = known.shows(ElementOps::ReadsWith);
  const bool final_without = known.shows(ElementOps::FinalReadsWithout);

  std::string out;
  for (std::size_t i = 0; i < items->size() && i < kItemsWithEvidence; ++i) {
    const json::value& item = (*items)[i];
    const json::value& element = elements[i];
    out += "<div class=\"anomaly\">";
    std::vector<std::size_t> positions;
    std::vector<std::string> labels;
    std::string sentence = fmt::format("<b>{}</b> {}", escape(known.title),
                                       escape(element_label(element.is_null() ? item : element)));
    if (const json::object* o = item.if_object()) {
      const std::string fields = scalar_fields(*o);
      if (!fields.empty()) sentence += " <span class=\"fields\">(" + escape(fields) + ")</span>";
      // The checker named the ops itself: show those, in history order.
      FoundOps own;
      collect_ops(item, ctx, own, "");
      if (!own.empty()) {
        own.sort();
        out += "<p class=\"what\">" + sentence + ".</p>" +
               op_table(ctx, own.positions, own.loose, own.all_labels()) + "</div>\n";
        continue;
      }
    }
    if (!element.is_null()) {
      auto it = found.by_element.find(element_key(element));
      if (it != found.by_element.end()) {
        const ElementEvidence& ev = it->second;
        std::vector<std::size_t> add_ok;
        for (std::size_t c : ev.add_completions)
          if (ctx.history[c].type == history::OpType::Ok) add_ok.push_back(c);
        if (ev.add_invokes.empty())
          sentence += ": no client op added it";
        else if (!add_ok.empty())
          sentence +=
              fmt::format(": added by op #{}, acknowledged at {}", ctx.history[ev.add_invokes.front()].index,
                          format_time_s(ctx.history[add_ok.front()].time));
        else
          sentence +=
              fmt::format(": add op #{} was never acknowledged", ctx.history[ev.add_invokes.front()].index);
        if (final_without && !found.final_reads.empty())
          sentence += fmt::format("; missing from {} of {} final reads", ev.final_reads_without.size(),
                                  found.final_reads.size());
        if (ev.reads_with_total)
          sentence += fmt::format("; shown {} time{} by reads", ev.reads_with_total,
                                  ev.reads_with_total == 1 ? "" : "s");
        for (std::size_t k = 0; k < ev.add_invokes.size() && k < 2; ++k) {
          positions.push_back(ev.add_invokes[k]);
          labels.push_back("add");
        }
        for (std::size_t k = 0; k < ev.add_completions.size() && k < 2; ++k) {
          positions.push_back(ev.add_completions[k]);
          labels.push_back(ctx.history[ev.add_completions[k]].type == history::OpType::Ok ? "ack"
                                                                                          : "add result");
        }
        if (reads_with)
          for (std::size_t r : ev.reads_with) {
            positions.push_back(r);
            labels.push_back("read showing it");
          }
        if (final_without)
          for (std::size_t k = 0; k < ev.final_reads_without.size() && k < kMaxEvidenceReads; ++k) {
            positions.push_back(ev.final_reads_without[k]);
            labels.push_back("final read missing it");
          }
        if (ev.final_reads_without.size() > kMaxEvidenceReads && final_without)
          sentence += fmt::format(" (first {} shown)", kMaxEvidenceReads);
      }
    }
    out += "<p class=\"what\">" + sentence + ".</p>";
    if (!positions.empty()) out += op_table(ctx, positions, {}, labels);
    out += "</div>\n";
  }
  if (items->size() > kItemsWithEvidence) {
    out += "<p class=\"rest\">Also " + escape(known.title) + ": <span class=\"values\">";
    std::size_t shown = 0;
    for (std::size_t i = kItemsWithEvidence; i < items->size() && shown < kMaxListedValues; ++i, ++shown) {
      if (shown) out += ", ";
      const json::value e = element_of((*items)[i]);
      out += escape(element_label(e.is_null() ? (*items)[i] : e));
    }
    out += "</span>";
    const std::size_t left = items->size() - kItemsWithEvidence - shown;
    if (left) out += fmt::format(" … and {} more not shown", left);
    out += "</p>\n";
  }
  if (found.truncated)
    out += "<p class=\"note\">The evidence search stopped early: the reads are too large to scan whole.</p>";
  return out;
}

// The history ops an error names (a bare index under "op" or "read" too),
// each failed or indeterminate one with its invoke, so the reader sees what
// was asked; ops given whole but not found in the history land in found.loose.
std::vector<std::size_t> error_ops(const json::value& item, ReportContext& ctx, FoundOps& found) {
  collect_ops(item, ctx, found, "");
  std::vector<std::size_t>& positions = found.positions;
  if (const json::object* o = item.if_object(); o && !is_op_like(item))
    for (const auto& kv : *o) {
      const std::string k = normalize_key(kv.key());
      if ((k == "op" || k == "read" || k == "index" || k == "op-index") && kv.value().is_number()) {
        const std::int64_t pos = ctx.resolve(kv.value());
        if (pos >= 0) positions.push_back(static_cast<std::size_t>(pos));
      }
    }
  std::vector<std::size_t> with_invokes;
  for (std::size_t p : positions) {
    auto pit = ctx.pair_of_position.find(p);
    if (pit != ctx.pair_of_position.end() && ctx.pairs[pit->second].invoke != p)
      with_invokes.push_back(ctx.pairs[pit->second].invoke);
    with_invokes.push_back(p);
  }
  return with_invokes;
}

// An error in words: its scalar fields ("value 9 · acceptable 5..5").
std::string error_words(const json::value& item) {
  if (const json::object* o = item.if_object()) {
    const std::string fields = scalar_fields(*o);
    return fields.empty() ? "see the ops below" : fields;
  }
  return json_preview(item, 400);
}

// Many errors of one kind read best as one table, a row each, and one table
// of the ops they name, each labelled with its error's number, instead of a
// card per error that differ in a number or two.
constexpr std::size_t kCardsAtMost = 2;

std::string error_table(const json::array& items, ReportContext& ctx) {
  std::string rows, ops;
  std::vector<std::size_t> positions;
  std::vector<const json::value*> loose;
  std::vector<std::string> labels, loose_labels;
  const std::size_t shown = std::min(items.size(), kItemsWithEvidence);
  for (std::size_t i = 0; i < shown; ++i) {
    FoundOps found;
    const std::vector<std::size_t> mine = error_ops(items[i], ctx, found);
    std::string names;
    for (std::size_t p : mine) {
      names += (names.empty() ? "#" : ", #") + std::to_string(ctx.history[p].index);
      positions.push_back(p);
      labels.push_back("error " + std::to_string(i + 1));
    }
    for (const json::value* v : found.loose) {
      loose.push_back(v);
      loose_labels.push_back("error " + std::to_string(i + 1));
    }
    rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", i + 1, escape(error_words(items[i])),
                        escape(names));
  }
  std::string out =
      "<table class=\"errors\"><tr><th>error</th><th>what</th><th>ops</th></tr>" + rows + "</table>\n";
  labels.insert(labels.end(), loose_labels.begin(), loose_labels.end());
  if (!positions.empty() || !loose.empty()) out += op_table(ctx, positions, loose, labels);
  return out;
}

std::string error_list(const json::value& value, ReportContext& ctx) {
  const json::array* items = value.if_array();
  if (!items) {
    if (value.is_object()) {
      // Keyed errors (per key, per node): one entry each.
      std::string out;
      std::size_t n = 0;
      for (const auto& kv : value.get_object()) {
        if (n++ == kItemsWithEvidence) {
          out += fmt::format("<p class=\"rest\">… and {} more not shown</p>",
                             value.get_object().size() - kItemsWithEvidence);
          break;
        }
        // A list of cycles (Elle's anomalies by type) shows each cycle; any
        // other entry is one item.
        const json::array* list = kv.value().if_array();
        const bool cycles = list && !list->empty() && is_cycle_evidence(list->front());
        out += "<h5>" + escape(kv.key()) + "</h5>" +
               error_list(cycles ? kv.value() : json::value(json::array{kv.value()}), ctx);
      }
      return out;
    }
    return "<p>" + escape(json_preview(value, 400)) + "</p>";
  }
  if (items->empty()) return "<p>none</p>";
  std::string out;
  const bool alike =
      items->size() > kCardsAtMost && std::all_of(items->begin(), items->end(), [](const auto& v) {
        return v.is_object() && !is_cycle_evidence(v) && !is_op_like(v);
      });
  if (alike) {
    out = error_table(*items, ctx);
    if (items->size() > kItemsWithEvidence)
      out += fmt::format("<p class=\"rest\">… and {} more not shown (see results.json)</p>\n",
                         items->size() - kItemsWithEvidence);
    return out;
  }
  for (std::size_t i = 0; i < items->size() && i < kItemsWithEvidence; ++i) {
    const json::value& item = (*items)[i];
    if (is_cycle_evidence(item)) {
      out += cycle_view(item.get_object(), ctx);
      continue;
    }
    out += "<div class=\"anomaly\">";
    FoundOps found;
    const std::vector<std::size_t> with_invokes = error_ops(item, ctx, found);
    if (!is_op_like(item)) out += "<p class=\"what\">" + escape(error_words(item)) + "</p>";
    if (!with_invokes.empty() || !found.loose.empty()) out += op_table(ctx, with_invokes, found.loose);
    out += "</div>\n";
  }
  if (items->size() > kItemsWithEvidence)
    out += fmt::format("<p class=\"rest\">… and {} more not shown (see results.json)</p>\n",
                       items->size() - kItemsWithEvidence);
  return out;
}

constexpr std::size_t kCounterexamplesShown = 5;

std::string counterexample(const json::value& value, const EvidenceField& field, ReportContext& ctx) {
  // A list of counterexamples (one per key): each in turn.
  if (const json::array* list = value.if_array()) {
    std::string out;
    for (std::size_t i = 0; i < list->size() && i < kCounterexamplesShown; ++i) {
      const json::value* key = (*list)[i].is_object() ? (*list)[i].get_object().if_contains("key") : nullptr;
      if (key) out += "<h5>key " + escape(json_preview(*key, 60)) + "</h5>";
      out += counterexample((*list)[i], field, ctx);
    }
    if (list->size() > kCounterexamplesShown)
      out += fmt::format("<p class=\"rest\">… and {} more (see results.json)</p>\n",
                         list->size() - kCounterexamplesShown);
    return out;
  }
  // The checker may say which member holds the ops worth showing.
  const json::value* focus = nullptr;
  if (const json::object* o = value.if_object(); o && !field.focus.empty())
    focus = o->if_contains(field.focus);
  FoundOps found;
  collect_ops(focus ? *focus : value, ctx, found, "");
  // Each op with both its invoke and its completion: what was asked and what came back.
  for (std::size_t i = 0, n = found.positions.size(); i < n; ++i) {
    auto it = ctx.pair_of_position.find(found.positions[i]);
    if (it == ctx.pair_of_position.end()) continue;
    const OpPair& pair = ctx.pairs[it->second];
    found.positions.push_back(pair.invoke);
    if (pair.completion >= 0) found.positions.push_back(static_cast<std::size_t>(pair.completion));
  }
  std::vector<std::size_t>& positions = found.positions;
  std::vector<const json::value*>& loose = found.loose;
  std::string out;
  // Words the checker wrote about it (message, explanation, ...).
  if (const json::object* o = value.if_object())
    for (const auto& kv : *o)
      if (kv.value().is_string())
        out +=
            "<p class=\"what\">" + escape(words(kv.key())) + ": " + escape(kv.value().get_string()) + "</p>";
  if (positions.empty() && loose.empty()) return out + json_table(value);
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  out += op_table(ctx, positions, loose);
  // The window as a timeline: every op of it, from invoke to completion.
  std::vector<OpPair> window;
  std::unordered_set<std::size_t> marked(positions.begin(), positions.end());
  std::unordered_set<std::size_t> seen_pairs;
  for (std::size_t p : positions) {
    auto it = ctx.pair_of_position.find(p);
    if (it != ctx.pair_of_position.end() && seen_pairs.insert(it->second).second)
      window.push_back(ctx.pairs[it->second]);
  }
  std::sort(window.begin(), window.end(),
            [](const OpPair& a, const OpPair& b) { return a.invoke < b.invoke; });
  if (!window.empty()) {
    PlotInput in{ctx.history, window, ctx.faults, ctx.end_ns};
    out += timeline_plot(in, window.size(), -1, marked, "Counterexample window");
  }
  return out;
}

bool mentions_schema_key(const json::value& v, const Schema& schema, int depth) {
  const json::object* o = v.if_object();
  if (!o || depth > 3) return false;
  for (const auto& kv : *o) {
    if (field_of(schema, kv.key())) return true;
    if (mentions_schema_key(kv.value(), schema, depth + 1)) return true;
  }
  return false;
}

std::string render_details(const json::object& details, const Schema& inherited, ReportContext& ctx,
                           int depth);

std::string render_member(const std::string& key, const json::value& v, const Schema& schema,
                          ReportContext& ctx, int depth, const json::object& siblings) {
  const EvidenceField* field = field_of(schema, key);
  if (field && !(v.is_array() && v.get_array().empty())) {
    const EvidenceField& known = *field;
    std::string out = "<div class=\"known " + escape(normalize_key(key)) + "\"><h4>" + escape(known.title);
    const bool is_list = known.kind != EvidenceKind::Counterexample;
    if (const json::array* a = v.if_array(); a && is_list) {
      // Checkers cap long lists and keep the true total in "<key>-count".
      std::int64_t total = static_cast<std::int64_t>(a->size());
      if (const json::value* count = siblings.if_contains(key + "-count"); count && count->is_int64())
        total = std::max(total, count->get_int64());
      if (total > static_cast<std::int64_t>(a->size()))
        out += fmt::format(" ({}; the first {} listed)", total, a->size());
      else
        out += fmt::format(" ({})", a->size());
    }
    out += "</h4><p class=\"meaning\">" + escape(known.meaning) + "</p>";
    switch (known.kind) {
      case EvidenceKind::Elements:
        out += element_list(known, v, ctx);
        break;
      case EvidenceKind::Errors:
        out += error_list(v, ctx);
        break;
      case EvidenceKind::Counterexample:
        out += counterexample(v, known, ctx);
        break;
    }
    return out + "</div>\n";
  }
  if (v.is_object() && depth < 3) {
    // Nested results (per key, per node) carry their own schema, or use ours.
    const Schema own = checkers::evidence_schema(v.get_object());
    const bool declared = v.get_object().contains(checkers::kEvidenceKey);
    const Schema& use = declared ? own : schema;
    if (mentions_schema_key(v, use, 0))
      return "<div class=\"nested\"><h4>" + escape(key) + "</h4>" +
             render_details(v.get_object(), use, ctx, depth + 1) + "</div>\n";
  }
  return {};
}

// What a number in a checker's counts means, so "485" beside "stale count"
// is not left for the reader to guess: the meaning of the evidence field it
// counts, or of the common totals.
std::string count_meaning(const std::string& key, const Schema& schema) {
  static const std::map<std::string, std::string> kTotals = {
      {"attempt-count", "values clients tried to add"},
      {"acknowledged-count", "values whose add was acknowledged"},
      {"stable-count", "values that every read from some point on showed"},
      {"ok-count", "ops that completed ok"},
      {"fail-count", "ops that definitely did not happen"},
      {"info-count", "ops whose outcome is unknown (timed out)"},
      {"count", "client ops in the history"},
  };
  const std::string nk = normalize_key(key);
  if (auto it = kTotals.find(nk); it != kTotals.end()) return it->second;
  const std::string suffix = "-count";
  if (nk.size() > suffix.size() && nk.compare(nk.size() - suffix.size(), suffix.size(), suffix) == 0)
    for (const Schema* fields : {&schema, &checkers::standard_evidence_fields()})
      if (const EvidenceField* f = field_of(*fields, nk.substr(0, nk.size() - suffix.size())))
        return f->meaning;
  return {};
}

std::string render_details(const json::object& details, const Schema& schema, ReportContext& ctx, int depth) {
  std::string counts, known, rest;
  json::object leftover;
  for (const auto& kv : details) {
    const std::string key(kv.key());
    const std::string nk = normalize_key(key);
    if (nk == "valid" || key == checkers::kEvidenceKey) continue;
    const json::value& v = kv.value();
    if (v.is_number() || v.is_bool() || v.is_null() || (v.is_string() && v.get_string().size() <= 200)) {
      if (v.is_string() && (nk == "reason" || nk == "error" || nk == "message")) {
        known += "<p class=\"reason\">" + escape(words(key)) + ": " + escape(v.get_string()) + "</p>";
        continue;
      }
      const std::string meaning = count_meaning(key, schema);
      counts += "<tr><th>" + escape(words(key)) + "</th><td>" +
                escape(v.is_string() ? std::string(v.get_string()) : json_preview(v, 80)) + "</td>" +
                (meaning.empty() ? "" : "<td class=\"meaning\">" + escape(meaning) + "</td>") + "</tr>";
      continue;
    }
    const EvidenceField* field = field_of(schema, key);
    if (v.is_array() && v.get_array().empty() && field) {
      counts += "<tr><th>" + escape(field->title) + "</th><td>none</td></tr>";
      continue;
    }
    std::string rendered = render_member(key, v, schema, ctx, depth, details);
    if (!rendered.empty())
      known += rendered;
    else
      leftover.emplace(key, v);
  }
  std::string out;
  if (!counts.empty()) out += "<table class=\"counts\">" + counts + "</table>\n";
  out += known;
  if (!leftover.empty())
    out += "<div class=\"other\"><h4>Other details</h4>" + json_table(leftover) + "</div>\n";
  return out;
}

}  // namespace

std::string verdict_word(const json::value* valid) {
  if (!valid) return "unknown";
  if (valid->is_bool()) return valid->get_bool() ? "valid" : "invalid";
  if (valid->is_string()) {
    const std::string s(valid->get_string());
    if (s == "valid" || s == "invalid" || s == "unknown") return s;
    if (s == "true") return "valid";
    if (s == "false") return "invalid";
  }
  return "unknown";
}

std::string checker_section(const std::string& name, const json::value& result, ReportContext& ctx) {
  std::string out = "<section class=\"checker\" id=\"checker-" + escape(name) + "\">";
  if (!result.is_object()) {
    return out + "<h3>" + escape(name) + " <span class=\"badge unknown\">unknown</span></h3>" +
           json_table(result) + "</section>\n";
  }
  const json::object& o = result.get_object();
  const json::value* valid = o.if_contains("valid");
  if (!valid) valid = o.if_contains("valid?");
  const std::string verdict = verdict_word(valid);
  out += "<h3>" + escape(name) + " <span class=\"badge " + verdict + "\">" + verdict + "</span></h3>\n";
  out += render_details(o, checkers::evidence_schema(o), ctx, 0);
  return out + "</section>\n";
}

}  // namespace faultline::harness::report
