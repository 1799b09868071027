package vtimerlab.engine;

/** A state path that names nothing in this machine ({@code pcpu7.timer.cval} on a two-CPU machine). */
public final class UnknownPathException extends Exception {
    private static final long serialVersionUID = 1L;
    public UnknownPathException(String message) {
        super(message);
    }
}
