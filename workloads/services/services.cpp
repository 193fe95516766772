#include "workloads/services/service.hpp"

#include "workloads/services/lin_kv_service.hpp"
#include "workloads/services/lin_tso_service.hpp"
#include "workloads/services/lww_kv_service.hpp"
#include "workloads/services/seq_kv_service.hpp"

namespace faultline::workloads {

std::vector<std::unique_ptr<Service>> make_services() {
  std::vector<std::unique_ptr<Service>> all;
  all.push_back(std::make_unique<services::LinKvService>());
  all.push_back(std::make_unique<services::SeqKvService>());
  all.push_back(std::make_unique<services::LwwKvService>());
  all.push_back(std::make_unique<services::LinTsoService>());
  return all;
}

}  // namespace faultline::workloads
