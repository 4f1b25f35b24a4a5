// A vCPU of one port revision that destroys itself, and can be reset to a
// new host without allocating.
#ifndef DBGREF_PROPS_PORT_VCPU_H_
#define DBGREF_PROPS_PORT_VCPU_H_

#include "model/record.h"
#include "port/driver.h"

namespace dbgref::props {

class PortVcpu {
 public:
  PortVcpu(const dbgref_port& port, const dbgref_host& host)
      : port_(&port), vcpu_(port.create(&host)) {}
  ~PortVcpu() {
    if (vcpu_ != nullptr) port_->destroy(vcpu_);
  }
  PortVcpu(const PortVcpu&) = delete;
  PortVcpu& operator=(const PortVcpu&) = delete;

  void Reset(const dbgref_host& host) { port_->reset(vcpu_, &host); }

  dbgref_obs Step(const dbgref_op& op) {
    dbgref_obs obs;
    port_->step(vcpu_, &op, &obs);
    return obs;
  }

  const dbgref_port& port() const { return *port_; }

 private:
  const dbgref_port* port_;
  dbgref_port_vcpu* vcpu_;
};

}  // namespace dbgref::props

#endif  // DBGREF_PROPS_PORT_VCPU_H_
