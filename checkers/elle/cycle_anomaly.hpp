#pragma once
// Adya's cycle anomalies, as Elle names them, and which shape of cycle each
// one is. A cycle's name comes from its edges alone:
//   G0             ww only
//   G1c            ww and wr, at least one wr
//   G-single       exactly one rw
//   G-nonadjacent  two or more rw, never two in a row
//   G2-item        two or more rw, some two in a row
// with "-process" when it needs a process-order edge and "-realtime" when it
// needs a real-time one.
#include <string>
#include <vector>

#include "checkers/elle/cycle_search.hpp"

namespace faultline::checkers::elle {

enum class CycleKind { G0, G1c, GSingle, GNonadjacent, G2Item };
enum class Variant { Data, Process, Realtime };

std::string cycle_kind_name(CycleKind kind);
std::string anomaly_name(CycleKind kind, Variant variant);

// The shape the search looks for to find this anomaly.
CycleShape shape_of(CycleKind kind, Variant variant);

// The anomaly a found cycle is.
std::string classify(const Cycle& cycle);

}  // namespace faultline::checkers::elle
