#include "workloads/services/service.hpp"

namespace faultline::workloads {

std::vector<std::unique_ptr<Service>> make_services() { return {}; }

}  // namespace faultline::workloads
