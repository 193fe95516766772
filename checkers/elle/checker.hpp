#pragma once
// `list-append` and `rw-register`: Elle's transactional anomaly check. Infer
// the dependency graph from what clients saw, find the anomalies that need
// no cycle, then the cycles the chosen consistency model forbids: strongly
// connected components first, then inside each a shortest cycle per shape,
// each explained edge by edge. Results (as Elle's): valid, anomaly-types,
// anomalies (examples per type, each cycle with a "because" per step),
// not / also-not (the models ruled out), and what the search covered.
#include <string>

#include "checkers/checker.hpp"

namespace faultline::checkers::elle {

enum class DataModel { ListAppend, RwRegister };

struct ElleOptions {
  std::string consistency_model = "strict-serializable";
  // Cycle search wall clock; when it runs out the verdict is unknown (unless
  // a forbidden anomaly was already found) and the details say what was searched.
  double time_budget_s = 60;
  // Start edges tried per component and anomaly before giving up on it.
  std::size_t max_starts = 256;
};

// Options: consistency_model (see consistency_models.hpp), time_budget (s).
ElleOptions parse_elle_options(const std::string& checker, const boost::json::object& options);

class ElleChecker : public Checker {
 public:
  ElleChecker(DataModel model, ElleOptions options) : model_(model), options_(std::move(options)) {}
  std::string name() const override {
    return model_ == DataModel::ListAppend ? "list-append" : "rw-register";
  }
  CheckResult check(const history::History& history) const override;

 private:
  DataModel model_;
  ElleOptions options_;
};

}  // namespace faultline::checkers::elle
