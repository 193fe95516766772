#pragma once
// Errors grouped by type, each type's list capped (its count stays exact),
// for checkers that find many kinds of wrong (Elle's anomalies, kafka's
// errors): evidence is built only while a list still wants it.
#include <boost/json.hpp>
#include <map>
#include <string>

#include "checkers/evidence.hpp"

namespace faultline::checkers {

class ErrorLog {
 public:
  explicit ErrorLog(std::size_t cap = 8) : cap_(cap) {}

  template <typename Make>
  void report(const std::string& type, Make&& make) {
    CappedList& list = by_type_.try_emplace(type, cap_).first->second;
    if (list.wants_more())
      list.add(make());
    else
      list.count_only();
  }
  const std::map<std::string, CappedList>& by_type() const { return by_type_; }
  bool empty() const { return by_type_.empty(); }

  // {type: [examples]} and {type: count}.
  boost::json::object examples() const;
  boost::json::object counts() const;

 private:
  std::size_t cap_;
  std::map<std::string, CappedList> by_type_;
};

}  // namespace faultline::checkers
