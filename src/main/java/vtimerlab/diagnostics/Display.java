package vtimerlab.diagnostics;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the window can open here, decided before JavaFX is touched, and the one-line messages for when it cannot:
 * no stack trace, and a pointer to the commands that need no display.
 */
public final class Display {

    /** The exit status when the window cannot open. */
    public static final int CANNOT_OPEN = 2;

    private static final String WITHOUT_ONE = "'vtimer-lab run', 'compare' and 'lesson check' work without one";

    private Display() {
    }

    /**
     * Why the window cannot open on this machine, or empty if it may. On Linux and the BSDs JavaFX draws through X11
     * or Wayland, so with neither {@code DISPLAY} nor {@code WAYLAND_DISPLAY} set (an SSH session, WSL without a
     * display server, a CI machine) it cannot; JavaFX's headless platform ({@code -Dglass.platform=Monocle}) needs
     * none.
     */
    public static Optional<String> missing(Map<String, String> environment, String osName, String glassPlatform) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        boolean x11Family = os.contains("linux") || os.contains("bsd") || os.contains("sunos");
        if (!x11Family || "monocle".equalsIgnoreCase(glassPlatform)) {
            return Optional.empty();
        }
        if (set(environment.get("DISPLAY")) || set(environment.get("WAYLAND_DISPLAY"))) {
            return Optional.empty();
        }
        return Optional.of("vtimer-lab: the window needs a display, and there is none here (DISPLAY and "
                + "WAYLAND_DISPLAY are not set); " + WITHOUT_ONE + ".");
    }

    /** {@link #missing(Map, String, String)} for this process. */
    public static Optional<String> missing() {
        return missing(System.getenv(), System.getProperty("os.name"), System.getProperty("glass.platform"));
    }

    /** The line for a window that failed to start anyway (a display that refuses the connection, a broken driver). */
    public static String cannotStart(Throwable failure, Optional<java.nio.file.Path> log) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return "vtimer-lab: the window cannot open here (" + why.lines().findFirst().orElse(why) + "); "
                + WITHOUT_ONE + "." + ErrorLog.pointer(log);
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }
}
