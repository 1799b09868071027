package vtimerlab.scenario;

import java.util.List;

import vtimerlab.engine.MachineConfig;

/**
 * A parsed scenario: the machine its set-up lines describe and the lines after the set-up, in order.
 *
 * @param file   the file name used in every message ({@code FILE:LINE: ...})
 * @param config the machine built from the {@code machine}, {@code fault} and {@code guest} lines
 * @param lines  the commands and checks after the set-up
 */
public record Scenario(String file, MachineConfig config, List<ScenarioLine> lines) {
    public Scenario {
        lines = List.copyOf(lines);
    }
}
