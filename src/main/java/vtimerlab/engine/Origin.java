package vtimerlab.engine;

/**
 * Where a command came from: a scenario file and line, a lesson step, the sandbox console or a click. Every engine
 * event can be traced back to one of these, so "why did this happen?" ends at something a person wrote or did.
 *
 * @param file the file (or a pseudo-source such as {@code <sandbox>})
 * @param line 1-based line number, or 0 when there is none
 * @param text the command as a scenario line
 */
public record Origin(String file, int line, String text) {
    public static final Origin MACHINE = new Origin("<machine>", 0, "machine set-up");

    /** {@code FILE:LINE}, the prefix of every message about this command. */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }
}
