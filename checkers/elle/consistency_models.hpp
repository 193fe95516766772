#pragma once
// The consistency models a transactional history is judged against, the
// anomalies each one forbids (Adya's levels as Elle uses them), and which
// models a set of found anomalies rules out.
//
//   read-uncommitted     G0
//   read-committed       + G1a, G1b, G1c, dirty-update
//   repeatable-read      + G-single, G-nonadjacent, G2-item, lost-update
//   snapshot-isolation   read-committed + G-single, G-nonadjacent, lost-update
//   serializable         repeatable-read and snapshot-isolation together
//   strong-session-M     M + the -process form of each cycle M forbids
//   strong-snapshot-isolation  snapshot-isolation + -process and -realtime forms
//   strict-serializable  serializable + every -process and -realtime form
// Every model forbids internal, duplicate-elements, incompatible-order and
// garbage-read: no order of transactions explains them.
#include <set>
#include <string>
#include <vector>

namespace faultline::checkers::elle {

// Every model name, weakest first.
const std::vector<std::string>& model_names();
bool is_model(const std::string& name);

// The anomaly types `model` forbids. Throws std::invalid_argument for an
// unknown model, listing the known ones.
const std::set<std::string>& forbidden_by(const std::string& model);

struct RuledOut {
  std::vector<std::string> weakest;   // Elle's `not`: the weakest models an anomaly rules out
  std::vector<std::string> stronger;  // Elle's `also-not`: every model stronger than those
};
RuledOut ruled_out(const std::set<std::string>& anomaly_types);

}  // namespace faultline::checkers::elle
