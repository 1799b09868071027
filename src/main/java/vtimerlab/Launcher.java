package vtimerlab;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import vtimerlab.cli.VTimerLabCli;

/**
 * The jar's main class.
 *
 * <p>It deliberately does not extend {@code javafx.application.Application}: the Java launcher
 * refuses to start an {@code Application} subclass from the class path ("JavaFX runtime
 * components are missing"), and the command-line path must never load a JavaFX class at all.
 *
 * <ul>
 *   <li>No arguments: open the window. {@value #APP_CLASS} is found by name, so this class has
 *       no compile-time link to JavaFX.</li>
 *   <li>Any argument: hand everything to the command line, {@link VTimerLabCli}.</li>
 * </ul>
 */
public final class Launcher {

    /** The JavaFX application, named as a string so that nothing here depends on JavaFX. */
    public static final String APP_CLASS = "vtimerlab.app.VTimerLabApp";

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            openWindow(args);
        } else {
            VTimerLabCli.main(args);
        }
    }

    /** Calls {@code VTimerLabApp.main(args)} by reflection; returns when the window is closed. */
    static void openWindow(String[] args) {
        try {
            Class<?> app = Class.forName(APP_CLASS);
            Method main = app.getMethod("main", String[].class);
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the window failed to open", cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            // JavaFX is not there at all (a jar without it on a plain Java): one line, like a missing display
            System.err.println("vtimer-lab: cannot open the window (" + e + "); 'vtimer-lab run', 'compare' and "
                    + "'lesson check' work without it.");
            System.exit(2);
        }
    }
}
