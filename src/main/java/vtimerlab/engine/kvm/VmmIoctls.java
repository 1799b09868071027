package vtimerlab.engine.kvm;

import vtimerlab.engine.core.TraceEntry.Kind;

/**
 * What the VMM asks of a vCPU thread through {@code kvm_vcpu_ioctl} ({@code virt/kvm/kvm_main.c}): {@code KVM_RUN}
 * and {@code KVM_SET_ONE_REG}, each bracketed by {@code vcpu_load}/{@code vcpu_put} in v4.14 and v4.15; the return
 * to userspace; and the VMM's own actions: signalling a thread out of {@code KVM_RUN}, entering it again.
 */
final class VmmIoctls {
    private final Kvm k;

    VmmIoctls(Kvm k) {
        this.k = k;
    }

    /** Machine set-up: the vCPU thread is inside {@code kvm_vcpu_ioctl(KVM_RUN)} -> the arch ioctl's loop. */
    void bootInKvmRun(Vcpu v) {
        v.inKvmRun = true;
        k.touch(v);
        // vcpu_put and the return wait for the loop
        v.stack.push(KernelFunction.RETURN_TO_USERSPACE, 0);
        v.stack.pushReturn(KernelFunction.KVM_VCPU_IOCTL_RUN);
        v.stack.push(KernelFunction.VCPU_PUT, 0);
        v.stack.pushReturn(KernelFunction.KVM_ARCH_VCPU_IOCTL_RUN);
        v.depth = 2;
    }

    /** {@code kvm_vcpu_ioctl(KVM_RUN)} (v4.14/v4.15): vcpu_load, the arch ioctl, vcpu_put; then back to the VMM. */
    void kvmVcpuIoctlRun(Frame f) {
        f.call(KernelFunction.VCPU_LOAD);
        f.call(KernelFunction.KVM_ARCH_VCPU_IOCTL_RUN);
        f.call(KernelFunction.VCPU_PUT);
        f.then(KernelFunction.RETURN_TO_USERSPACE);
    }

    /** {@code vcpu_load}: the preempt notifiers are registered; {@code kvm_arch_vcpu_load}. */
    void vcpuLoad(Vcpu v, Frame f) {
        v.inKvmRun = true;
        k.touch(v);
        f.call(KernelFunction.KVM_ARCH_VCPU_LOAD);
    }

    /** {@code vcpu_put}: the preempt notifiers are unregistered; {@code kvm_arch_vcpu_put}. */
    void vcpuPut(Vcpu v, Frame f) {
        v.inKvmRun = false;
        k.touch(v);
        f.call(KernelFunction.KVM_ARCH_VCPU_PUT);
    }

    /** The ioctl has returned: the thread is in the VMM. */
    void returnToUserspace(int cpu, Vcpu v) {
        v.signalPending = false;
        v.hostIrqsOff = false;
        if (v.vmmQueue.isEmpty()) {
            v.reenterPending = true;
        }
        k.sim.trace(cpu, "vmm", Kind.STATE, v.name() + " is in userspace (KVM_RUN returned)",
                v.reenterPending ? "KVM_RUN is entered again at the next advance or step" : "the VMM acts");
    }

    /** {@code kvm_vcpu_ioctl(KVM_SET_ONE_REG)}: v4.15 brackets every vCPU ioctl with vcpu_load/vcpu_put. */
    void kvmSetOneReg(long value, Frame f) {
        f.call(KernelFunction.VCPU_LOAD);
        f.call(KernelFunction.KVM_ARM_TIMER_SET_REG, value);
        f.call(KernelFunction.VCPU_PUT);
    }

    /** {@code KVM_RUN} again for a vCPU whose thread is back from userspace. */
    boolean reenter(Vcpu v) {
        if (v.reenterPending && v.thread == Vcpu.ThreadState.RUNNING && !v.inKvmRun) {
            v.reenterPending = false;
            v.vmmQueue.push(KernelFunction.KVM_VCPU_IOCTL_RUN, 0);
            k.attention(v.pcpu);
            return true;
        }
        return false;
    }

    /** {@code host set-counter vcpuI VALUE}: the VMM takes the vCPU out of KVM_RUN if needed, sets, re-enters. */
    void setCounterFromVmm(Vcpu v, long value) {
        if (!v.inKvmRun) {
            v.vmmQueue.push(KernelFunction.KVM_SET_ONE_REG, value);
            k.attention(v.pcpu);
            return;
        }
        v.signalPending = true;
        v.vmmQueue.push(KernelFunction.KVM_SET_ONE_REG, value);
        v.vmmQueue.push(KernelFunction.KVM_VCPU_IOCTL_RUN, 0);
        k.sim.trace(v.pcpu, "vmm", Kind.STATE, "the VMM signals " + v.name() + "'s thread to take it out of KVM_RUN",
                "KVM_SET_ONE_REG needs the vCPU outside KVM_RUN");
        k.vcpuBlock.kick(v);
    }
}
