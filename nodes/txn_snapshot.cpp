// txn_snapshot: a deliberately broken transactional store. Like txn_store,
// one owner runs every transaction, but not one at a time: a transaction
// reads a snapshot of the data as it starts (plus its own writes), works for
// 5-30 ms while others start and commit, then commits its writes on top of
// whatever is there by then, without checking that anything it read or
// wrote changed meanwhile (no first-committer-wins). Two transactions that
// read the same version and both write lose one update (rw-register:
// lost-update); two that read what the other writes both commit (write
// skew, G2-item); list-append shows reads that miss appends ordered before
// their own (G-single). Invalid under any fault, or none.
#include <random>

#include "lib/owner.hpp"
#include "lib/txn_state.hpp"

int main() {
  using namespace fl_node;
  Node node;
  TxnState state;
  std::mt19937_64 rng(std::random_device{}());
  Owner owner(node, Owner::Apply([&](const json::object& request, Owner::Done done) {
                std::map<std::string, json::value> ignored;
                json::array completed = state.run(txn_field(request), ignored);
                const Millis work(std::uniform_int_distribution<int>(5, 30)(rng));
                node.after(work, [&state, completed = std::move(completed), done = std::move(done)] {
                  state.commit(completed);
                  done({{"type", "txn_ok"}, {"txn", completed}});
                });
              }));
  owner.serve({"txn"});
  return node.run();
}
