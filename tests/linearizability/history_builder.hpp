#pragma once
// Terse in-memory histories for the linearizability tests: values are JSON text.
#include <boost/json.hpp>
#include <string>

#include "history/op.hpp"

namespace faultline::testing {

class HistoryBuilder {
 public:
  HistoryBuilder& invoke(std::int64_t p, const std::string& f, const std::string& value = "null") {
    return add(p, history::OpType::Invoke, f, value);
  }
  HistoryBuilder& ok(std::int64_t p, const std::string& f, const std::string& value = "null") {
    return add(p, history::OpType::Ok, f, value);
  }
  HistoryBuilder& fail(std::int64_t p, const std::string& f, const std::string& value = "null") {
    return add(p, history::OpType::Fail, f, value);
  }
  HistoryBuilder& info(std::int64_t p, const std::string& f, const std::string& value = "null") {
    return add(p, history::OpType::Info, f, value);
  }
  // invoke and complete at once (an op with no concurrency)
  HistoryBuilder& op(std::int64_t p, const std::string& f, const std::string& in, const std::string& out) {
    return invoke(p, f, in).ok(p, f, out);
  }
  const history::History& history() const { return h_; }
  operator const history::History&() const { return h_; }

 private:
  HistoryBuilder& add(std::int64_t p, history::OpType type, const std::string& f, const std::string& value) {
    history::Op op;
    op.index = static_cast<std::int64_t>(h_.size());
    op.time = op.index * 10;
    op.process = p;
    op.type = type;
    op.f = f;
    op.value = boost::json::parse(value);
    h_.push_back(std::move(op));
    return *this;
  }
  history::History h_;
};

}  // namespace faultline::testing
