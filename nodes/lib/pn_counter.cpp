#include "lib/pn_counter.hpp"

#include <algorithm>
#include <stdexcept>

namespace fl_node {

namespace {

void merge_slots(std::map<std::string, std::int64_t>& into, const std::map<std::string, std::int64_t>& from,
                 const std::string& skip) {
  for (const auto& [node, count] : from) {
    if (!skip.empty() && node == skip) continue;
    auto& mine = into[node];
    mine = std::max(mine, count);
  }
}

boost::json::object slots_to_json(const std::map<std::string, std::int64_t>& slots) {
  boost::json::object out;
  for (const auto& [node, count] : slots) out[node] = count;
  return out;
}

std::map<std::string, std::int64_t> slots_from_json(const boost::json::object& state, const char* key) {
  std::map<std::string, std::int64_t> out;
  auto* slots = state.if_contains(key);
  if (!slots) return out;
  if (!slots->is_object())
    throw std::runtime_error(std::string("counter state: '") + key + "' is not an object");
  for (const auto& [node, count] : slots->get_object()) {
    if (!count.is_int64() || count.get_int64() < 0)
      throw std::runtime_error(std::string("counter state: ") + key + "[" + std::string(node) +
                               "] is not a non-negative integer");
    out[std::string(node)] = count.get_int64();
  }
  return out;
}

}  // namespace

void PnCounter::add(const std::string& node, std::int64_t delta) {
  if (delta >= 0)
    p_[node] += delta;
  else
    n_[node] -= delta;
}

std::int64_t PnCounter::value() const {
  std::int64_t sum = 0;
  for (const auto& [node, count] : p_) sum += count;
  for (const auto& [node, count] : n_) sum -= count;
  return sum;
}

void PnCounter::merge(const PnCounter& other, const std::string& skip) {
  merge_slots(p_, other.p_, skip);
  merge_slots(n_, other.n_, skip);
}

boost::json::object PnCounter::to_json() const {
  return {{"p", slots_to_json(p_)}, {"n", slots_to_json(n_)}};
}

PnCounter PnCounter::from_json(const boost::json::value& json) {
  if (!json.is_object()) throw std::runtime_error("counter state is not a JSON object");
  PnCounter counter;
  counter.p_ = slots_from_json(json.get_object(), "p");
  counter.n_ = slots_from_json(json.get_object(), "n");
  return counter;
}

}  // namespace fl_node
