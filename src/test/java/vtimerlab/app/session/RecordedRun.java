package vtimerlab.app.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import vtimerlab.engine.Design;
import vtimerlab.engine.Machine;
import vtimerlab.engine.Origin;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.ScenarioLine;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * A scenario recorded by the real engine, read as the views receive it: the {@link Frame} at any event, made by the
 * same {@link FrameBuilder} the session uses. No JavaFX, no session thread: the view models' tests run on it.
 */
public final class RecordedRun {
    private final String name;
    private final Machine machine;
    private final CostHistory.Recorder costs;
    private int typed;

    private RecordedRun(String name, Machine machine, CostHistory.Recorder costs) {
        this.name = name;
        this.machine = machine;
        this.costs = costs;
    }

    /** Runs a scenario as the session does: its costs recorded as the machine runs. */
    private static RunResult record(String name, String text, CostHistory.Recorder[] costs)
            throws vtimerlab.scenario.ScenarioException {
        return ScenarioRunner.run(ScenarioParser.parse(name, text), cfg -> {
            Machine m = new Machine(cfg);
            costs[0] = CostHistory.Recorder.attach(m);
            return m;
        });
    }

    /** Runs scenario text through once, as {@link Session#openText} does, and stands at its start. */
    public static RecordedRun of(String name, String text) {
        try {
            CostHistory.Recorder[] costs = new CostHistory.Recorder[1];
            RunResult r = record(name, text, costs);
            if (r.machine() == null) {
                throw new IllegalArgumentException(String.join("\n", r.messages()));
            }
            r.machine().goTo(0);
            return new RecordedRun(name, r.machine(), costs[0]);
        } catch (vtimerlab.scenario.ScenarioException e) {
            throw new IllegalArgumentException(String.join("\n", e.messages()), e);
        }
    }

    /**
     * The frame of scenario text run through once and left where it ends (no seek): its exact final state, commands
     * after its last event included.
     */
    public static Frame ran(String name, String text) {
        try {
            CostHistory.Recorder[] costs = new CostHistory.Recorder[1];
            RunResult r = record(name, text, costs);
            if (r.machine() == null) {
                throw new IllegalArgumentException(String.join("\n", r.messages()));
            }
            return FrameBuilder.build(r.machine(), name, r.machine().furthestEvent(), costs[0]);
        } catch (vtimerlab.scenario.ScenarioException e) {
            throw new IllegalArgumentException(String.join("\n", e.messages()), e);
        }
    }

    /** As {@link #of(String, String)}, in design {@code design} whatever the scenario says. */
    public static RecordedRun of(String name, String text, Design design) {
        try {
            CostHistory.Recorder[] costs = new CostHistory.Recorder[1];
            RunResult r = ScenarioRunner.run(ScenarioParser.parse(name, text), cfg -> {
                Machine m = new Machine(cfg.withDesign(design));
                costs[0] = CostHistory.Recorder.attach(m);
                return m;
            });
            if (r.machine() == null) {
                throw new IllegalArgumentException(String.join("\n", r.messages()));
            }
            r.machine().goTo(0);
            return new RecordedRun(name, r.machine(), costs[0]);
        } catch (vtimerlab.scenario.ScenarioException e) {
            throw new IllegalArgumentException(String.join("\n", e.messages()), e);
        }
    }

    /** The chain of causes of {@code entry}, as {@link Session#explain} answers it. */
    public CauseChain explain(TraceEntry entry) {
        return CauseChain.of(machine, entry);
    }

    /** An example of {@code assets/scenarios/}, named by its file as the window names it. */
    public static RecordedRun example(String file) {
        return of(file, read(Path.of("assets", "scenarios", file)));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long furthest() {
        return machine.furthestEvent();
    }

    /** The frame at event {@code n}, as a seek there publishes it. */
    public Frame at(long n) {
        if (n >= machine.furthestEvent()) {
            machine.goToEnd(); // the end of the run is its exact end, as a session's seek there shows it
        } else {
            machine.goTo(Math.max(0, n));
        }
        return frame();
    }

    /** The frame before the first event, as the session shows a scenario it has just opened. */
    public Frame start() {
        machine.goTo(0);
        return frame();
    }

    public Frame end() {
        machine.goToEnd();
        return frame();
    }

    /** Every frame from the start to the end, one per event (a student stepping through). */
    public List<Frame> everyEvent() {
        List<Frame> out = new ArrayList<>();
        for (long e = 0; e <= furthest(); e++) {
            out.add(at(e));
        }
        return out;
    }

    /**
     * A line typed in the console at the present position, carried out as {@link Session#submit} does (a command,
     * then the machine settles; an {@code expect} settles and is checked). Returns the frame it publishes.
     */
    public Frame type(String line) {
        try {
            int n = ++typed;
            Optional<ScenarioLine> parsed = ScenarioParser.parseLine(Session.SANDBOX, n, line, machine.config());
            if (parsed.isPresent()) {
                ScenarioLine sl = parsed.get();
                if (sl.expect() != null) {
                    machine.settle();
                    if (!sl.expect().holds(machine.read(sl.expect().path()))) {
                        throw new AssertionError(line + " fails: actual " + machine.read(sl.expect().path()));
                    }
                } else {
                    machine.execute(sl.command(), new Origin(Session.SANDBOX, n, sl.text()));
                    machine.settle();
                }
            }
            return frame();
        } catch (Exception e) {
            throw new IllegalStateException(line + ": " + e.getMessage(), e);
        }
    }

    private Frame frame() {
        return FrameBuilder.build(machine, name, machine.furthestEvent(), costs);
    }
}
