package vtimerlab.scenario;

import vtimerlab.engine.Command;
import vtimerlab.engine.Origin;

/**
 * One line after the set-up: either an engine {@link Command} or an {@link Expect} check (exactly one is non-null).
 *
 * @param line    1-based line number in the file
 * @param text    the line as written, without its comment and surrounding blanks
 * @param command the command, or null for a check
 * @param expect  the check, or null for a command
 */
public record ScenarioLine(int line, String text, Command command, Expect expect) {

    public ScenarioLine {
        if ((command == null) == (expect == null)) {
            throw new IllegalArgumentException("a scenario line holds exactly one of a command and a check");
        }
    }

    public static ScenarioLine of(int line, String text, Command command) {
        return new ScenarioLine(line, text, command, null);
    }

    public static ScenarioLine of(int line, String text, Expect expect) {
        return new ScenarioLine(line, text, null, expect);
    }

    public boolean isCheck() {
        return expect != null;
    }

    /** Where this line came from, for {@code Machine.execute}. */
    public Origin origin(String file) {
        return new Origin(file, line, text);
    }
}
