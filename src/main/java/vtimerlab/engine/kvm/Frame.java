package vtimerlab.engine.kvm;

import java.util.Arrays;

/**
 * What a running step asks for: functions to call (deeper) and steps to continue with (same level). A step may
 * also enter one function at once, in the same engine event ({@link #enter}): it runs one level deeper before the
 * other calls. That keeps the kernel's nesting where the model has nothing to do between two entries (the engine's
 * events are the model's steps, not the kernel's calls). One frame serves every step: steps never run inside one
 * another, and it keeps its arrays, so a step allocates nothing.
 */
final class Frame {
    private static final KernelFunction[] FUNCTIONS = KernelFunction.values();

    private int[] callFns = new int[8];
    private long[] callArgs = new long[8];
    private int calls;
    private int[] thenFns = new int[8];
    private long[] thenArgs = new long[8];
    private int thens;
    private KernelFunction enter;
    private long enterArg;

    /** Ready for the next step. */
    Frame reset() {
        calls = 0;
        thens = 0;
        enter = null;
        return this;
    }

    void enter(KernelFunction fn, long arg) {
        enter = fn;
        enterArg = arg;
    }

    void call(KernelFunction fn) {
        call(fn, 0);
    }

    void call(KernelFunction fn, long arg) {
        if (calls == callFns.length) {
            callFns = Arrays.copyOf(callFns, calls * 2);
            callArgs = Arrays.copyOf(callArgs, calls * 2);
        }
        callFns[calls] = fn.ordinal();
        callArgs[calls] = arg;
        calls++;
    }

    void then(KernelFunction fn) {
        then(fn, 0);
    }

    void then(KernelFunction fn, long arg) {
        if (thens == thenFns.length) {
            thenFns = Arrays.copyOf(thenFns, thens * 2);
            thenArgs = Arrays.copyOf(thenArgs, thens * 2);
        }
        thenFns[thens] = fn.ordinal();
        thenArgs[thens] = arg;
        thens++;
    }

    boolean hasCalls() {
        return calls > 0;
    }

    KernelFunction entered() {
        return enter;
    }

    long enteredArg() {
        return enterArg;
    }

    /** Pushes the continuations, so that the first one runs first once the step's function has returned. */
    void pushThens(CallStack stack) {
        for (int i = thens - 1; i >= 0; i--) {
            stack.push(FUNCTIONS[thenFns[i]], thenArgs[i]);
        }
    }

    /** Pushes the calls, so that the first one runs first. */
    void pushCalls(CallStack stack) {
        for (int i = calls - 1; i >= 0; i--) {
            stack.push(FUNCTIONS[callFns[i]], callArgs[i]);
        }
    }
}
