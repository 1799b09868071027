package vtimerlab.engine.trace;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The words of the trace are for people only. This seam lets a test rewrite every line's wording (what and why) for
 * the machines built inside {@link #rewritten}, to prove that nothing that decides anything reads meaning back from
 * the words: the typed fields ({@link Context}, {@link Subject}, the function) carry it.
 */
public final class TraceWording {
    private static final ThreadLocal<UnaryOperator<String>> REWRITE = new ThreadLocal<>();

    private TraceWording() {
    }

    /** The rewriting in force for traces made on this thread now (null: the words as written). */
    public static UnaryOperator<String> current() {
        return REWRITE.get();
    }

    /** Runs {@code body} with every trace made meanwhile on this thread having its words passed through {@code f}. */
    public static <T> T rewritten(UnaryOperator<String> f, Supplier<T> body) {
        UnaryOperator<String> before = REWRITE.get();
        REWRITE.set(f);
        try {
            return body.get();
        } finally {
            if (before == null) {
                REWRITE.remove();
            } else {
                REWRITE.set(before);
            }
        }
    }
}
