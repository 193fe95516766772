#pragma once
// The Lamport diagram of a run's message trace: one vertical lane per
// endpoint (nodes, then services, then clients), time flowing down, every
// message an arrow from its send to its delivery, a drop an arrow ending in a
// cross, a duplicate's extra copy dashed, fault windows shaded across the
// lanes. Hover shows the body. A few hundred messages stay readable, so it
// draws a window of them: around `focus_ns`, or the one asked for.
#include <cstdint>
#include <string>
#include <vector>

#include "harness/report/fault_windows.hpp"
#include "harness/report/message_trace_read.hpp"

namespace faultline::harness::report {

struct MessageWindow {
  std::int64_t focus_ns = -1;  // draw the messages around this time (-1: from the start)
  std::string focus_what;      // why that time, for the caption ("the first evidence op")
  std::int64_t from_ns = -1;   // an explicit window [from, to] instead of the focus
  std::int64_t to_ns = -1;
  std::size_t max_messages = 300;
};

std::string message_diagram(const MessageTraceRead& trace, const std::vector<FaultWindow>& faults,
                            std::int64_t end_ns, const MessageWindow& window);

}  // namespace faultline::harness::report
