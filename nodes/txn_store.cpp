// txn_store: the correct answer to txn-list-append and txn-rw-register:
// strict serializable under partitions, loss, duplication and reordering.
// The first node owns every key and runs each transaction whole, one at a
// time; the others forward with retries, and the owner runs each client
// request once however often it arrives (lib/owner.hpp). A client cut off
// from the owner times out: indeterminate, never wrong.
#include "lib/owner.hpp"
#include "lib/txn_state.hpp"

int main() {
  fl_node::Node node;
  fl_node::TxnState state;
  fl_node::Owner owner(node, fl_node::Owner::ApplyNow([&](const fl_node::json::object& request) {
                         return fl_node::json::object{
                             {"type", "txn_ok"}, {"txn", state.run_and_commit(fl_node::txn_field(request))}};
                       }));
  owner.serve({"txn"});
  return node.run();
}
