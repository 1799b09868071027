package vtimerlab.engine.trace;

/**
 * A kernel function a trace line can name ({@code vtimerlab.engine.kvm.KernelFunction} is the one implementation).
 * The trace keeps it as a field, so a view finds the function a line belongs to, its kernel name and its
 * explanation without parsing the line's words.
 */
public interface TracedFunction {
    /** The function's name as the kernel spells it, e.g. {@code kvm_timer_vcpu_load}. */
    String kernelName();

    /** What it does, for a student. */
    String explanation();

    /** The enum constant's name, stable across wording changes (for JSON). */
    String name();
}
