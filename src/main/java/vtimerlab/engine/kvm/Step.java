package vtimerlab.engine.kvm;

/** One pending step of a kernel context: a function to run (or return from) with one argument. Plain data. */
record Step(KernelFunction fn, long arg) {
    static Step leave(KernelFunction of) {
        return new Step(KernelFunction.LEAVE, of.ordinal());
    }

    KernelFunction leaving() {
        return KernelFunction.values()[(int) arg];
    }
}
