#pragma once
// A PN-counter CRDT: per node, the sum of its positive (P) and negative (N)
// deltas. Merging takes each slot's maximum, which is correct because only a
// slot's owner ever raises it, so the larger number is always the newer one.
#include <boost/json.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace fl_node {

class PnCounter {
 public:
  void add(const std::string& node, std::int64_t delta);
  std::int64_t value() const;

  // Takes the maximum of every slot; `skip` names a slot left untouched.
  void merge(const PnCounter& other, const std::string& skip = {});

  // {"p":{node:int},"n":{node:int}}; from_json throws std::runtime_error
  // naming what is wrong.
  boost::json::object to_json() const;
  static PnCounter from_json(const boost::json::value& json);

 private:
  std::map<std::string, std::int64_t> p_;
  std::map<std::string, std::int64_t> n_;
};

}  // namespace fl_node
