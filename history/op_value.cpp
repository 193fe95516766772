#include "history/op_value.hpp"

namespace faultline::history {

namespace json = boost::json;

bool pack_value(Op& op) {
  const json::array* list = op.value.if_array();
  if (op.type == OpType::Invoke || !list || list->size() < kPackMinElements) return false;
  auto packed = PackedInts::pack(*list);
  if (!packed) return false;
  op.packed_value = std::make_shared<const PackedInts>(std::move(*packed));
  op.value = nullptr;
  return true;
}

const json::value& value_of(const Op& op, json::value& scratch) {
  if (!op.packed_value) return op.value;
  scratch = op.packed_value->unpack();
  return scratch;
}

bool value_is_array(const Op& op) { return op.packed_value || op.value.is_array(); }

std::size_t value_size(const Op& op) {
  if (op.packed_value) return op.packed_value->size();
  const json::array* list = op.value.if_array();
  return list ? list->size() : 0;
}

ValueElements::iterator& ValueElements::iterator::operator++() {
  if (--left_ == 0) return *this;
  if (array_)
    ++array_;
  else
    current_ = PackedInts::next(pos_, current_.get_int64());
  return *this;
}

ValueElements::iterator ValueElements::begin() const {
  iterator it;
  if (op_.packed_value) {
    it.left_ = op_.packed_value->size();
    it.pos_ = op_.packed_value->encoded().data();
    if (it.left_) it.current_ = PackedInts::next(it.pos_, 0);
  } else if (const json::array* list = op_.value.if_array()) {
    it.left_ = list->size();
    it.array_ = list->data();
  }
  return it;
}

}  // namespace faultline::history
