#include "harness/report/message_diagram.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <map>

#include "harness/report/html.hpp"
#include "harness/report/plot_frame.hpp"

namespace faultline::harness::report {

namespace {

constexpr int kWidth = 960;
constexpr int kLeft = 70;  // the time axis
constexpr int kRight = 20;
constexpr int kTop = 44;  // lane names
constexpr int kBottom = 16;
// Messages sent before the focus that are drawn too: what led up to it.
constexpr std::size_t kLeadIn = 60;

// Nodes, then services (lin-kv), then clients (c1, c2 ...); numbers in order.
int lane_rank(const std::string& id) {
  const bool client = id.size() > 1 && id[0] == 'c' &&
                      std::all_of(id.begin() + 1, id.end(), [](char c) { return std::isdigit(c) != 0; });
  if (client) return 2;
  return id.find('-') != std::string::npos ? 1 : 0;
}

bool lane_before(const std::string& a, const std::string& b) {
  if (lane_rank(a) != lane_rank(b)) return lane_rank(a) < lane_rank(b);
  const auto digits = [](const std::string& s) {
    std::size_t i = s.size();
    while (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) --i;
    return i;
  };
  const std::size_t da = digits(a), db = digits(b);
  if (a.compare(0, da, b, 0, db) != 0 || da == a.size() || db == b.size()) return a < b;
  const std::string na = a.substr(da), nb = b.substr(db);
  return na.size() != nb.size() ? na.size() < nb.size() : na < nb;
}

// Time runs down, but not linearly: every distinct event time gets at least
// kMinGapPx of its own, plus its share of the time since the last one. A
// burst of gossip within a millisecond then reads as separate arrows, and
// quiet stretches still look longer than busy ones.
constexpr double kMinGapPx = 5;

struct Frame {
  std::int64_t t0 = 0, t1 = 1;
  std::vector<std::int64_t> ts;  // event times, ascending, distinct
  std::vector<double> ys;        // their rows
  double height = 0;

  void place(std::vector<std::int64_t> times, double time_px) {
    for (auto& t : times) t = std::clamp(t, t0, t1);
    times.push_back(t0);
    times.push_back(t1);
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    const double span = static_cast<double>(std::max<std::int64_t>(t1 - t0, 1));
    double y = kTop;
    for (std::size_t i = 0; i < times.size(); ++i) {
      if (i) y += kMinGapPx + static_cast<double>(times[i] - times[i - 1]) / span * time_px;
      ts.push_back(times[i]);
      ys.push_back(y);
    }
    height = y - kTop;
  }
  double y(std::int64_t t) const {
    t = std::clamp(t, t0, t1);
    const std::size_t i = static_cast<std::size_t>(std::lower_bound(ts.begin(), ts.end(), t) - ts.begin());
    if (i >= ts.size()) return ys.back();
    if (ts[i] == t || i == 0) return ys[i];
    const double f = static_cast<double>(t - ts[i - 1]) / static_cast<double>(ts[i] - ts[i - 1]);
    return ys[i - 1] + f * (ys[i] - ys[i - 1]);
  }
};

const char* link_colour(const TracedMessage& m) {
  return lane_rank(m.src) == 2 || lane_rank(m.dst) == 2 ? "#7f7f7f" : "#1f77b4";
}

std::string tip(const TracedMessage& m) {
  std::string t = fmt::format("#{} {} {} → {}", m.id, m.type.empty() ? "?" : m.type, m.src, m.dst);
  if (!m.as.empty()) t += " (as " + m.as + ")";
  t += " · sent " + format_time_s(m.sent_ns);
  for (std::size_t i = 0; i < m.delivered_ns.size(); ++i)
    t += (i ? " · copy delivered " : " · delivered ") + format_time_s(m.delivered_ns[i]);
  if (m.dropped_ns >= 0) t += " · dropped " + format_time_s(m.dropped_ns) + " (" + m.drop_why + ")";
  if (m.duplicated) t += " · duplicated by the network";
  if (m.delivered_ns.empty() && m.dropped_ns < 0) t += " · never delivered (still in flight at the end)";
  return t + "\n" + m.body;
}

}  // namespace

std::string message_diagram(const MessageTraceRead& trace, const std::vector<FaultWindow>& faults,
                            std::int64_t end_ns, const MessageWindow& window) {
  const auto& msgs = trace.messages;
  if (msgs.empty()) return "<p class=\"note\">The trace holds no messages.</p>\n";
  // The window: explicit times, else max_messages from a little before the focus.
  std::size_t first = 0, last = msgs.size();
  const auto at_or_after = [&](std::int64_t t) {
    return static_cast<std::size_t>(
        std::lower_bound(msgs.begin(), msgs.end(), t,
                         [](const TracedMessage& m, std::int64_t v) { return m.sent_ns < v; }) -
        msgs.begin());
  };
  if (window.from_ns >= 0) {
    first = at_or_after(window.from_ns);
    last = window.to_ns >= 0 ? std::max(first, at_or_after(window.to_ns + 1)) : msgs.size();
  } else if (window.focus_ns >= 0) {
    const std::size_t centre = at_or_after(window.focus_ns);
    first = centre > kLeadIn ? centre - kLeadIn : 0;
  }
  const std::size_t in_range = last - first;
  last = std::min(last, first + window.max_messages);
  if (first >= last) return "<p class=\"note\">No messages were sent in the chosen window.</p>\n";

  std::vector<std::string> lanes;
  Frame f;
  f.t0 = msgs[first].sent_ns;
  std::int64_t last_send = msgs[last - 1].sent_ns;
  f.t1 = last_send;
  for (std::size_t i = first; i < last; ++i) {
    for (const std::string* id : {&msgs[i].src, &msgs[i].dst})
      if (std::find(lanes.begin(), lanes.end(), *id) == lanes.end()) lanes.push_back(*id);
    for (std::int64_t t : msgs[i].delivered_ns) f.t1 = std::max(f.t1, t);
    f.t1 = std::max(f.t1, msgs[i].dropped_ns);
  }
  // A message held for long must not squash the rest into a line.
  const std::int64_t send_span = std::max<std::int64_t>(last_send - f.t0, 1'000'000);
  f.t1 = std::min(f.t1, last_send + send_span / 2);
  f.t1 = std::max(f.t1, f.t0 + 1'000'000);
  std::sort(lanes.begin(), lanes.end(), lane_before);
  const std::size_t count = last - first;
  std::vector<std::int64_t> times;
  for (std::size_t i = first; i < last; ++i) {
    times.push_back(msgs[i].sent_ns);
    times.insert(times.end(), msgs[i].delivered_ns.begin(), msgs[i].delivered_ns.end());
    if (msgs[i].dropped_ns >= 0) times.push_back(msgs[i].dropped_ns);
  }
  f.place(std::move(times), std::clamp(static_cast<double>(count) * 3.0, 200.0, 1200.0));
  const int height = static_cast<int>(kTop + f.height + kBottom);
  const double lane_step = static_cast<double>(kWidth - kLeft - kRight) / static_cast<double>(lanes.size());
  std::map<std::string, double> lane_x;
  for (std::size_t i = 0; i < lanes.size(); ++i)
    lane_x[lanes[i]] = kLeft + lane_step * (static_cast<double>(i) + 0.5);

  std::string out;
  out += fmt::format(
      "<svg class=\"plot messages\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" "
      "width=\"{0}\" height=\"{1}\" role=\"img\"><title>Messages between endpoints, time flowing "
      "down</title>\n"
      "<defs>",
      kWidth, height);
  for (const char* colour : {"#1f77b4", "#7f7f7f", "#ff7f0e"})
    out += fmt::format(
        "<marker id=\"msg-head-{0}\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" "
        "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"{1}\"/></marker>",
        colour + 1, colour);
  out += "</defs>\n";
  // Fault windows: bands across every lane, labelled at the right edge.
  for (const auto& w : faults) {
    const std::int64_t stop = w.stop_ns < 0 ? std::max(end_ns, w.start_ns) : w.stop_ns;
    if (stop < f.t0 || w.start_ns > f.t1) continue;
    const double y0 = f.y(w.start_ns), y1 = std::max(f.y(stop), y0 + 1.5);
    const std::string label = w.description.empty() ? w.kind : w.kind + ": " + w.description;
    out += fmt::format(
        "<g class=\"fault\"><title>{}</title><rect x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" "
        "fill=\"#7b68ee\" fill-opacity=\"0.13\" stroke=\"#7b68ee\" stroke-opacity=\"0.5\"/>"
        "<text x=\"{}\" y=\"{:.1f}\" font-size=\"10\" fill=\"#4b3bb0\" text-anchor=\"end\">{}</text></g>\n",
        escape(fmt::format("fault {} {} from {} to {}", w.id, label, format_time_s(w.start_ns),
                           w.stop_ns < 0 ? std::string("the end") : format_time_s(stop))),
        kLeft, y0, kWidth - kLeft - kRight, y1 - y0, kWidth - kRight - 2, y0 + 11,
        escape(label.size() > 40 ? label.substr(0, 40) + "…" : label));
  }
  // Lanes and the time axis.
  for (const auto& lane : lanes) {
    const double x = lane_x[lane];
    out += fmt::format(
        "<g class=\"lane\"><text x=\"{0:.1f}\" y=\"{1}\" font-size=\"11\" font-weight=\"600\" "
        "text-anchor=\"middle\">{2}</text><line x1=\"{0:.1f}\" y1=\"{3}\" x2=\"{0:.1f}\" y2=\"{4:.1f}\" "
        "stroke=\"#bbb\"/></g>\n",
        x, kTop - 10, escape(lane), kTop, kTop + f.height);
  }
  const double span_s = static_cast<double>(f.t1 - f.t0) / 1e9;
  // The axis is not linear: finer ticks, and only those with room for a label.
  const double step = nice_step(span_s, 30);
  double last_tick_y = -100;
  for (double s = std::ceil(static_cast<double>(f.t0) / 1e9 / step) * step;
       s <= static_cast<double>(f.t1) / 1e9 + 1e-12; s += step) {
    const double y = f.y(static_cast<std::int64_t>(s * 1e9));
    if (y - last_tick_y < 14) continue;
    last_tick_y = y;
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#999\"/><text x=\"{3}\" "
        "y=\"{4:.1f}\" font-size=\"10\" text-anchor=\"end\">{5:.6g} s</text>\n",
        kLeft - 4, y, kLeft, kLeft - 6, y + 3, s);
  }
  // Messages.
  std::size_t drops = 0, duplicates = 0;
  for (std::size_t i = first; i < last; ++i) {
    const TracedMessage& m = msgs[i];
    const double xs = lane_x[m.src], xd = lane_x[m.dst], ys = f.y(m.sent_ns);
    const std::string colour = link_colour(m);
    const std::string title = escape(tip(m));
    const std::string label = escape(m.type.size() > 24 ? m.type.substr(0, 24) + "…" : m.type);
    for (std::size_t k = 0; k < m.delivered_ns.size(); ++k) {
      const double yd = std::max(f.y(m.delivered_ns[k]), ys + 2);
      const bool copy = k > 0;
      duplicates += copy;
      const std::string stroke = copy ? "#ff7f0e" : colour;
      out += fmt::format(
          "<g class=\"msg{0}\"><title>{1}</title><line x1=\"{2:.1f}\" y1=\"{3:.1f}\" x2=\"{4:.1f}\" "
          "y2=\"{5:.1f}\" stroke=\"{6}\" stroke-width=\"1.2\"{7} marker-end=\"url(#msg-head-{8})\"/>",
          copy ? " duplicate" : "", title, xs, ys, xd, yd, stroke, copy ? " stroke-dasharray=\"4 2\"" : "",
          stroke.substr(1));
      out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"9\" fill=\"#333\">{}{}</text></g>\n",
                         xs + (xd - xs) * 0.3 + 2, ys + (yd - ys) * 0.3 - 2, label, copy ? " (dup)" : "");
    }
    if (m.dropped_ns >= 0) {
      ++drops;
      const double xe = xs + (xd - xs) * 0.55;
      const double ye = std::max(f.y(m.dropped_ns), ys + 6);
      out += fmt::format(
          "<g class=\"msg drop\"><title>{}</title><line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" "
          "y2=\"{:.1f}\" "
          "stroke=\"#d62728\" stroke-width=\"1.2\"/><path class=\"drop-mark\" d=\"M{:.1f},{:.1f} l8,8 m0,-8 "
          "l-8,8\" stroke=\"#d62728\" stroke-width=\"2\"/><text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"9\" "
          "fill=\"#d62728\">{}</text></g>\n",
          title, xs, ys, xe, ye, xe - 4, ye - 4, xs + (xe - xs) * 0.3 + 2, ys + (ye - ys) * 0.3 - 2, label);
    }
    if (m.delivered_ns.empty() && m.dropped_ns < 0) {
      out += fmt::format(
          "<g class=\"msg in-flight\"><title>{}</title><line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" "
          "y2=\"{:.1f}\" stroke=\"{}\" stroke-dasharray=\"2 3\"/></g>\n",
          title, xs, ys, xs + (xd - xs) * 0.3, ys + 10, colour);
    }
  }
  out += "</svg>\n";
  out += legend_html({{"node ↔ node", "#1f77b4", ""},
                      {"client ↔ node", "#7f7f7f", ""},
                      {"dropped (ends in ×)", "#d62728", ""},
                      {"duplicate's extra copy", "#ff7f0e", "4 2"},
                      {"fault window", "#7b68ee", ""}});
  std::string caption =
      fmt::format("Drawn: {} of {} messages, sent {} .. {}", format_count(static_cast<std::int64_t>(count)),
                  format_count(static_cast<std::int64_t>(msgs.size())), format_time_s(msgs[first].sent_ns),
                  format_time_s(last_send));
  if (window.from_ns >= 0)
    caption += " (the window asked for" +
               (in_range > count ? fmt::format(", first {} of its {}", count, in_range) : std::string()) +
               ")";
  else if (window.focus_ns >= 0 && !window.focus_what.empty())
    caption += ", around " + window.focus_what + " at " + format_time_s(window.focus_ns);
  caption +=
      fmt::format("; {} dropped, {} duplicate deliveries. Hover an arrow for its body.", drops, duplicates);
  out += "<p class=\"note\">" + escape(caption) + "</p>\n";
  if (!trace.cut_note.empty())
    out += "<p class=\"note\">The trace is partial: " + escape(trace.cut_note) + ".</p>\n";
  if (trace.bad_lines)
    out += fmt::format("<p class=\"note\">{} trace lines could not be read and were skipped.</p>\n",
                       trace.bad_lines);
  return out;
}

}  // namespace faultline::harness::report
