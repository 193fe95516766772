#pragma once
// Factories for the built-in models; make_model (model_factory.cpp) maps names
// to these. Each model lives in its own file beside this header.
#include <memory>

#include "checkers/linearizability/model.hpp"

namespace faultline::checkers::lin {

// read (output = value, null if never written) / write v.
std::unique_ptr<Model> make_register_model();
// register plus cas [from, to].
std::unique_ptr<Model> make_cas_register_model();
// get -> s ("" or null when never written) / put s / append s, per key.
std::unique_ptr<Model> make_string_kv_model();
// add v / read [elements...] (the whole set).
std::unique_ptr<Model> make_set_model();
// enqueue v / dequeue -> v (null output: the queue was empty).
std::unique_ptr<Model> make_fifo_queue_model();
// acquire / release of one lock (Knossos's mutex: no owner check).
std::unique_ptr<Model> make_mutex_model();

}  // namespace faultline::checkers::lin
