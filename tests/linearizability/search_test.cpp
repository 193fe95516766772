// The exact search on histories where many processes overlap and crashed
// ops stay pending for the rest of the history: it must find the valid ones
// valid without wandering through dead ends, and keep its memo small.
#include <catch2/catch.hpp>

#include "checkers/linearizability/compiled_model.hpp"
#include "checkers/linearizability/model.hpp"
#include "checkers/linearizability/prepare.hpp"
#include "checkers/linearizability/search.hpp"
#include "checkers/linearizability/synthetic.hpp"

namespace lin = faultline::checkers::lin;

namespace {

struct Searched {
  lin::SearchResult result;
  std::size_t ops = 0;
};

Searched search(const lin::SyntheticSpec& spec, lin::SearchOrder order, std::uint64_t max_steps) {
  auto model = lin::make_model("cas-register");
  auto prepared = lin::prepare_history(lin::synthesize_register_history(spec), *model, false);
  REQUIRE(prepared.partitions.size() == 1);
  lin::CompiledModel compiled(*model);
  std::vector<lin::SearchOp> ops;
  for (const auto& p : prepared.partitions[0].ops) ops.push_back({p.call, p.ret, compiled.intern_op(p.op)});
  lin::SearchControl control;
  control.order = order;
  control.max_steps = max_steps;
  control.lookahead = true;
  return {lin::search_partition(ops, compiled, control), ops.size()};
}

lin::SyntheticSpec wide(int processes, int ops, int crashes) {
  lin::SyntheticSpec spec;
  spec.ops = ops;
  spec.processes = processes;
  spec.crashes = crashes;
  spec.values = 5;
  spec.seed = 7;
  return spec;
}

}  // namespace

TEST_CASE("50 overlapping processes, 1% crashed: valid within 100 steps per op, in return order") {
  // Without the dead-end lookahead this took about 400 steps (and 30 memo
  // configurations) per op, and in call order with crashed ops first it did
  // not finish at all.
  const auto [result, ops] = search(wide(50, 20'000, 200), lin::SearchOrder::ByReturn, 100 * 20'000);
  INFO("steps " << result.steps << ", configs " << result.configs << ", ops " << ops);
  REQUIRE(result.status == lin::SearchStatus::Linearizable);
  CHECK(result.configs < 10 * ops);
}

TEST_CASE("crashed ops pending since the start do not widen every memo entry") {
  // 1,000 crashed ops early in a 20,000-op history: with one bit space for
  // all ops every configuration held the words from the first pending crashed
  // op to the newest op (about 300 words); crashed ops have their own space.
  auto spec = wide(5, 20'000, 0);
  auto model = lin::make_model("cas-register");
  auto history = lin::synthesize_register_history(spec);
  // Crash 1,000 writes at the very start: invocations that never complete.
  faultline::history::History h;
  for (int i = 0; i < 1000; ++i) {
    faultline::history::Op op;
    op.index = static_cast<std::int64_t>(h.size());
    op.process = 100'000 + i;
    op.type = faultline::history::OpType::Invoke;
    op.f = "write";
    op.value = i % 5;
    h.push_back(std::move(op));
  }
  for (auto op : history) {
    op.index = static_cast<std::int64_t>(h.size());
    h.push_back(std::move(op));
  }
  auto prepared = lin::prepare_history(h, *model, false);
  lin::CompiledModel compiled(*model);
  std::vector<lin::SearchOp> ops;
  for (const auto& p : prepared.partitions.at(0).ops)
    ops.push_back({p.call, p.ret, compiled.intern_op(p.op)});
  lin::SearchControl control;
  control.lookahead = true;
  auto result = lin::search_partition(ops, compiled, control);
  INFO("configs " << result.configs << ", bytes " << result.peak_bytes);
  REQUIRE(result.status == lin::SearchStatus::Linearizable);
  // Two header words, a word or two of completed ops, 16 words of crashed ones.
  CHECK(result.peak_bytes < result.configs * 8 * 40 + (1u << 20));
}
