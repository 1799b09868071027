package vtimerlab.diagnostics;

import java.nio.file.Path;

/**
 * The user's data folder, where VTimer Lab keeps a student's lesson progress and its log: {@code .vtimerlab} in the
 * user's home ({@code user.home}), or the folder named by the {@value #PROPERTY} system property. Everything the app
 * writes for a user derives from here or from {@code java.util.prefs} (whose user root also lives under
 * {@code user.home}), so a test run that points {@code user.home} elsewhere leaves the real home alone.
 */
public final class DataFolder {

    /** A system property naming another data folder (tests, a portable install). */
    public static final String PROPERTY = "vtimerlab.home";

    private DataFolder() {
    }

    /** The data folder (it may not exist yet). */
    public static Path path() {
        String chosen = System.getProperty(PROPERTY);
        return chosen != null ? Path.of(chosen) : Path.of(System.getProperty("user.home"), ".vtimerlab");
    }
}
