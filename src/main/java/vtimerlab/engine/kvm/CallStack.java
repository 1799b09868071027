package vtimerlab.engine.kvm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The kernel code still to run on one context (a vCPU thread's stack, or one CPU's interrupt stack): steps, each a
 * kernel function with one argument, and return markers for the functions that have been entered and not yet left.
 * Kept as two parallel primitive arrays, so pushing and popping a step allocates nothing and a snapshot copies two
 * arrays.
 */
final class CallStack {
    private static final KernelFunction[] FUNCTIONS = KernelFunction.values();

    private int[] functions;
    private long[] args;
    private int size;

    CallStack() {
        functions = new int[16];
        args = new long[16];
    }

    CallStack(CallStack o) {
        functions = o.functions.clone();
        args = o.args.clone();
        size = o.size;
    }

    void push(KernelFunction fn, long arg) {
        if (size == functions.length) {
            functions = Arrays.copyOf(functions, size * 2);
            args = Arrays.copyOf(args, size * 2);
        }
        functions[size] = fn.ordinal();
        args[size] = arg;
        size++;
    }

    /** A return marker: {@code of} has been entered and returns when the marker is reached. */
    void pushReturn(KernelFunction of) {
        push(KernelFunction.LEAVE, of.ordinal());
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The function of the step on top. */
    KernelFunction top() {
        return FUNCTIONS[functions[size - 1]];
    }

    /** True if the step on top is a return marker. */
    boolean returnOnTop() {
        return size > 0 && functions[size - 1] == KernelFunction.LEAVE.ordinal();
    }

    long topArg() {
        return args[size - 1];
    }

    void pop() {
        size--;
    }

    void clear() {
        size = 0;
    }

    /** For a return marker on top: the function it returns from. */
    KernelFunction topReturnsFrom() {
        return FUNCTIONS[(int) args[size - 1]];
    }

    /** Moves every step of this list onto {@code stack} so that the first added runs first; empties this list. */
    void moveOnto(CallStack stack) {
        for (int i = size - 1; i >= 0; i--) {
            stack.push(FUNCTIONS[functions[i]], args[i]);
        }
        size = 0;
    }

    /** The functions entered and not yet left, innermost first (kernel names). */
    List<String> openFunctions() {
        List<String> out = new ArrayList<>();
        for (int i = size - 1; i >= 0; i--) {
            if (functions[i] == KernelFunction.LEAVE.ordinal()) {
                out.add(FUNCTIONS[(int) args[i]].kernelName());
            }
        }
        return out;
    }

    /** Drops the steps above the innermost return marker (a successful poll jumps to its function's end). */
    void dropToReturn() {
        while (size > 0 && functions[size - 1] != KernelFunction.LEAVE.ordinal()) {
            size--;
        }
    }
}
