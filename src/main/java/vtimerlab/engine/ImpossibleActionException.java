package vtimerlab.engine;

/**
 * A command the machine cannot carry out in its present state (a guest command on a blocked vCPU, a migration to a
 * CPU that does not exist). The message says what is wrong in words a student understands; the caller adds the
 * file and line.
 */
public final class ImpossibleActionException extends Exception {
    private static final long serialVersionUID = 1L;
    public ImpossibleActionException(String message) {
        super(message);
    }
}
