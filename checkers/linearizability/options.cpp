#include "checkers/linearizability/options.hpp"

#include <stdexcept>

#include "checkers/linearizability/model.hpp"

namespace faultline::checkers::lin {
namespace {

namespace json = boost::json;

double positive_number(const json::value& v, const char* name) {
  if (!v.is_number())
    throw std::invalid_argument(std::string(name) + " must be a number, got " + json::serialize(v));
  double d = v.to_number<double>();
  if (!(d > 0))
    throw std::invalid_argument(std::string(name) + " must be positive, got " + json::serialize(v));
  return d;
}

bool boolean(const json::value& v, const char* name) {
  if (!v.is_bool())
    throw std::invalid_argument(std::string(name) + " must be true or false, got " + json::serialize(v));
  return v.get_bool();
}

}  // namespace

bool LinOptions::effective_keyed() const {
  const ModelEntry* m = find_model(model);
  return keyed || (m && m->keyed);
}

LinOptions parse_lin_options(const json::object& options) {
  LinOptions out;
  for (const auto& kv : options) {
    std::string key(kv.key());
    const json::value& v = kv.value();
    if (key == "model") {
      if (!v.is_string()) throw std::invalid_argument("model must be a string, got " + json::serialize(v));
      out.model = std::string(v.get_string());
      make_model(out.model);  // reject unknown names now, with the list of known ones
    } else if (key == "time_budget") {
      out.time_budget_s = positive_number(v, "time_budget");
    } else if (key == "memory_budget_mb") {
      out.memory_budget_mb = static_cast<std::size_t>(positive_number(v, "memory_budget_mb"));
    } else if (key == "failed_cas_observed") {
      out.failed_cas_observed = boolean(v, "failed_cas_observed");
    } else if (key == "keyed") {
      out.keyed = boolean(v, "keyed");
    } else if (key == "all_keys") {
      out.all_keys = boolean(v, "all_keys");
    } else if (key == "refute") {
      out.refute = boolean(v, "refute");
    } else if (key == "threads") {
      if (!v.is_number() || v.to_number<double>() < 0 || v.to_number<double>() > 1024)
        throw std::invalid_argument("threads must be a number from 0 (one per core) to 1024, got " +
                                    json::serialize(v));
      out.threads = static_cast<unsigned>(v.to_number<double>());
    } else {
      throw std::invalid_argument("unknown option '" + key +
                                  "' for checker linearizable (allowed: model, time_budget, "
                                  "memory_budget_mb, keyed, failed_cas_observed, "
                                  "all_keys, refute, threads)");
    }
  }
  return out;
}

}  // namespace faultline::checkers::lin
