package vtimerlab.engine.schema;

import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.check.InvariantChecker;
import vtimerlab.engine.guest.GuestKernel;
import vtimerlab.engine.hardware.Platform;
import vtimerlab.engine.kvm.Kvm;

/**
 * What a state path reads from: the parts of one machine as they are now. Only the machine hands one out, and only
 * to the registry's readers ({@link StatePath#read}); views and lessons read values, never these parts.
 */
public interface MachineState {
    MachineConfig config();

    /** The system counter. */
    long now();

    Platform platform();

    Kvm kvm();

    GuestKernel guest();

    InvariantChecker checker();
}
