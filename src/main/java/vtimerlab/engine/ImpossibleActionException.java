package vtimerlab.engine;

/**
 * A command the machine cannot carry out in its present state (a guest command on a blocked vCPU, a migration to a
 * CPU that does not exist). The message says what is wrong in words a student understands; the caller adds the
 * file and line.
 */
public final class ImpossibleActionException extends Exception {
    public ImpossibleActionException(String message) {
        super(message);
    }
}
