#pragma once
// Hand-written histories for checker tests: each call appends one op, one
// millisecond after the previous, and returns its position.
#include <boost/json.hpp>
#include <string>

#include "history/op.hpp"

namespace faultline::checkers::test {

struct HistoryBuilder {
  history::History ops;
  std::int64_t step_ns = 1'000'000;

  std::size_t add(std::int64_t process, history::OpType type, std::string f,
                  boost::json::value value = nullptr, bool final = false) {
    history::Op op;
    op.index = static_cast<std::int64_t>(ops.size());
    op.time = op.index * step_ns;
    op.process = process;
    op.type = type;
    op.f = std::move(f);
    op.value = std::move(value);
    op.final = final;
    ops.push_back(std::move(op));
    return ops.size() - 1;
  }
  std::size_t invoke(std::int64_t p, std::string f, boost::json::value v = nullptr, bool final = false) {
    return add(p, history::OpType::Invoke, std::move(f), std::move(v), final);
  }
  std::size_t ok(std::int64_t p, std::string f, boost::json::value v = nullptr, bool final = false) {
    return add(p, history::OpType::Ok, std::move(f), std::move(v), final);
  }
  std::size_t fail(std::int64_t p, std::string f, boost::json::value v = nullptr) {
    return add(p, history::OpType::Fail, std::move(f), std::move(v));
  }
  std::size_t info(std::int64_t p, std::string f, boost::json::value v = nullptr) {
    return add(p, history::OpType::Info, std::move(f), std::move(v));
  }
  // invoke + ok back to back
  void call(std::int64_t p, const std::string& f, const boost::json::value& in, const boost::json::value& out,
            bool final = false) {
    invoke(p, f, in, final);
    ok(p, f, out, final);
  }
  void nemesis(const std::string& f) { add(history::kNemesisProcess, history::OpType::Info, f); }
};

inline boost::json::value arr(std::initializer_list<std::int64_t> xs) {
  boost::json::array a;
  for (auto x : xs) a.push_back(x);
  return a;
}

}  // namespace faultline::checkers::test
