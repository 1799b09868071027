package vtimerlab.app.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import vtimerlab.engine.Command;
import vtimerlab.engine.ImpossibleActionException;
import vtimerlab.engine.Machine;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.Origin;
import vtimerlab.engine.UnknownPathException;
import vtimerlab.engine.Value;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.scenario.Expect;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.Scenario;
import vtimerlab.scenario.ScenarioException;
import vtimerlab.scenario.ScenarioFormatter;
import vtimerlab.scenario.ScenarioLine;
import vtimerlab.scenario.ScenarioParser;
import vtimerlab.scenario.ScenarioRunner;

/**
 * The app's one connection to the engine (the view model of the main window). The machine lives on a single engine
 * thread; every request (a scenario to open, a console line, a playback move) runs there, and the result comes back
 * to the JavaFX thread as an immutable {@link Frame}. A click and a typed command are the same thing: both become a
 * scenario line, shown in the console and carried out by the engine.
 */
public final class Session {
    public static final String SANDBOX = "<sandbox>";

    private final ExecutorService engine = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vtimer-engine");
        t.setDaemon(true);
        return t;
    });
    private final ReadOnlyObjectWrapper<Frame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper reply = new ReadOnlyStringWrapper(this, "reply", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ObservableList<String> console = FXCollections.observableArrayList();
    /** Orders what is queued for the engine thread, and guards the seek that waits in that queue. */
    private final Object queue = new Object();
    /** How many tasks were queued for the engine thread; guarded by {@link #queue}. */
    private long submitted;
    private PendingSeek pendingSeek;

    // engine-thread state
    private Machine machine;
    private String source = SANDBOX;
    private int sandboxLines;
    /**
     * A lesson step's opening state: the machine that ran the lines before the step, standing exactly where they end
     * (commands that ran no event included, such as an {@code advance} with nothing due, which a seek to that event
     * in {@link #machine} would leave out); null when none. Shown while the position is {@link #openingEvent}.
     */
    private Machine opening;
    private long openingEvent = -1;
    /** Whether the frame on show is {@link #opening}'s (the position is the step's opening). */
    private boolean atOpening;
    /** The costs {@link #machine} and {@link #opening} counted as they ran (the counters chart's history). */
    private CostHistory.Recorder costs;
    private CostHistory.Recorder openingCosts;

    public ReadOnlyObjectProperty<Frame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public Frame frame() {
        return frame.get();
    }

    /** A line for the status bar: what happened last, or what went wrong (with file and line). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /**
     * The answer to the last command typed or clicked ({@link CommandReply}): what it changed, or why nothing did;
     * "" once another scenario is loaded.
     */
    public ReadOnlyStringProperty replyProperty() {
        return reply.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The scenario lines of what is loaded and of everything done since, as the console shows them. */
    public ObservableList<String> console() {
        return console;
    }

    // ---- loading --------------------------------------------------------------------------------------------

    /** Opens a scenario file: runs it through once (recording), then stands at its start, ready to play. */
    public CompletableFuture<Boolean> open(Path file) {
        return onEngine(() -> {
            String text;
            try {
                text = ScenarioParser.readUtf8(file);
            } catch (java.io.IOException e) {
                fail(file + ": cannot read: " + ScenarioRunner.readProblem(e));
                return false;
            }
            return load(file.getFileName().toString(), file.toString(), text);
        });
    }

    /** Opens scenario text (a lesson step, a test). */
    public CompletableFuture<Boolean> openText(String name, String text) {
        return onEngine(() -> load(name, name, text, null));
    }

    /** Opens scenario text in the given design, whatever its machine line says (the side-by-side view). */
    public CompletableFuture<Boolean> openText(String name, String text, vtimerlab.engine.Design design) {
        return onEngine(() -> load(name, name, text, design));
    }

    private boolean load(String name, String location, String text) {
        return load(name, location, text, null);
    }

    private boolean load(String name, String location, String text, vtimerlab.engine.Design design) {
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(location, text);
        } catch (ScenarioException e) {
            fail(String.join("\n", e.messages()));
            return false;
        }
        CostHistory.Recorder[] recorded = new CostHistory.Recorder[1];
        RunResult r = ScenarioRunner.run(scenario, cfg -> {
            Machine m = new Machine(design == null ? cfg : cfg.withDesign(design));
            recorded[0] = CostHistory.Recorder.attach(m);
            return m;
        });
        report(r.internalError());
        if (r.machine() == null) {
            fail(String.join("\n", r.messages()));
            return false;
        }
        machine = r.machine();
        costs = recorded[0];
        source = name;
        sandboxLines = 0;
        opening = null;
        atOpening = false;
        List<String> lines = new ArrayList<>(ScenarioFormatter.formatSetup(scenario.config()));
        scenario.lines().forEach(l -> lines.add(l.text()));
        machine.goTo(0);
        String verdict = r.exitStatus() == 0 ? r.checks() + " checks held" : String.join("; ", r.messages());
        publish(lines, name + " loaded (" + machine.furthestEvent() + " events; " + verdict + "): press Play");
        return r.exitStatus() != RunResult.MALFORMED;
    }

    /**
     * Opens a lesson step: the scenario {@code through} (every line of the lesson up to and with this step) is run
     * and recorded, then the machine stands where the scenario {@code before} (the lines before this step) ends, so
     * playing on shows exactly what the step's own lines do. Completes with that starting event, or -1 when the
     * lesson's lines do not run (the reason goes to the status bar).
     */
    public CompletableFuture<Long> openLessonStep(String name, String before, String through) {
        return onEngine(() -> {
            long start = 0;
            Machine before0 = null;
            if (!before.isBlank()) {
                try {
                    RunResult r = ScenarioRunner.run(ScenarioParser.parse(name, before), cfg -> {
                        Machine m = new Machine(cfg);
                        openingCosts = CostHistory.Recorder.attach(m);
                        return m;
                    });
                    if (r.machine() == null) {
                        fail(String.join("\n", r.messages()));
                        return -1L;
                    }
                    before0 = r.machine();
                    start = r.machine().furthestEvent();
                } catch (ScenarioException e) {
                    fail(String.join("\n", e.messages()));
                    return -1L;
                }
            }
            if (!load(name, name, through, null)) {
                return -1L;
            }
            machine.goTo(Math.min(start, machine.furthestEvent()));
            // the step opens where the lines before it end, exactly (also after their last event)
            opening = before0;
            openingEvent = before0 == null ? -1 : Math.min(start, machine.furthestEvent());
            atOpening = before0 != null;
            long end = machine.furthestEvent();
            publishFrame(name + ": this step's lines are loaded (" + (end <= start ? "they add no event: nothing to play"
                    : end == start + 1 ? "event " + end : "events " + (start + 1) + " to " + end) + ")");
            return start;
        });
    }

    /**
     * Opens the state a prediction is asked in: the scenario {@code before} (the lesson's lines up to this step) is
     * run and shown at its end, and the step's own lines are not loaded at all, so neither playback, the console, the
     * timeline nor the counters can show what they will do before the student answers. Once the student has
     * answered, {@link #openLessonStep} loads them. Completes with the event shown, or -1 when the lines do not run.
     */
    public CompletableFuture<Long> openLessonPrediction(String name, String before) {
        return onEngine(() -> {
            if (!load(name, name, before, null)) {
                return -1L;
            }
            machine.goToEnd();
            publishFrame(name + ": predict first; this step's lines run once you have answered");
            return machine.furthestEvent();
        });
    }

    /** Reads the machine on the engine thread (a lesson grading a task on the sandbox as it stands). */
    public <T> CompletableFuture<T> query(java.util.function.Function<Machine, T> question) {
        return onEngine(() -> machine == null ? null : question.apply(shown()));
    }

    /** A new machine for free play (the sandbox). */
    public CompletableFuture<Boolean> newMachine(MachineConfig config) {
        return onEngine(() -> {
            machine = new Machine(config);
            costs = CostHistory.Recorder.attach(machine);
            opening = null;
            atOpening = false;
            source = SANDBOX;
            sandboxLines = 0;
            publish(new ArrayList<>(ScenarioFormatter.formatSetup(config)), "New machine: "
                    + config.pcpus() + " CPUs, " + config.vcpus() + " vCPUs, " + config.design().scenarioName());
            return true;
        });
    }

    // ---- acting ---------------------------------------------------------------------------------------------

    /** Runs one typed or clicked scenario line (a command or an {@code expect}); errors come back as text. */
    public CompletableFuture<Optional<String>> submit(String line) {
        return onEngine(() -> {
            if (machine == null) {
                return Optional.of("No machine: open a scenario or make a new machine first.");
            }
            if (atOpening) {
                // acting at a lesson step's opening: on the machine that stands exactly there (what came after it
                // in the step is forgotten, as after any command given at an earlier moment)
                machine = opening;
                costs = openingCosts;
            }
            opening = null;
            atOpening = false;
            int n = ++sandboxLines;
            Optional<ScenarioLine> parsed;
            try {
                parsed = ScenarioParser.parseLine(SANDBOX, n, line, machine.config());
            } catch (ScenarioException e) {
                return Optional.of(String.join("\n", e.messages()));
            }
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            ScenarioLine sl = parsed.get();
            Frame before = FrameBuilder.build(machine, source);
            String error = null;
            String result;
            if (sl.expect() != null) {
                result = check(sl.expect(), n);
            } else {
                try {
                    int traceBefore = machine.trace().size();
                    machine.execute(sl.command(), new Origin(SANDBOX, n, sl.text()));
                    machine.settle(); // show the command's effect at once (unless it was a step)
                    result = sl.text() + violationsSince(traceBefore);
                } catch (ImpossibleActionException e) {
                    error = SANDBOX + ":" + n + ": " + e.getMessage();
                    result = error;
                }
            }
            // a refused command stays in the console as a comment, so a saved scenario still runs
            List<String> add = List.of(error == null ? sl.text() : "# refused: " + sl.text());
            Frame after = FrameBuilder.build(machine, source);
            String answer = error != null ? CommandReply.refused(error)
                    : sl.expect() != null ? result : CommandReply.of(sl.text(), before, after);
            String said = result;
            runLater(() -> {
                console.addAll(add);
                frame.set(after);
                status.set(said);
                reply.set(answer);
            });
            return Optional.ofNullable(error);
        });
    }

    /** What the invariant checker reported since trace line {@code from}, for the status bar ("" if nothing). */
    private String violationsSince(int from) {
        List<TraceEntry> trace = machine.trace();
        List<String> found = new ArrayList<>();
        for (int i = Math.max(0, from); i < trace.size(); i++) {
            TraceEntry e = trace.get(i);
            if (e.kind() == TraceEntry.Kind.VIOLATION) {
                found.add(e.what());
            }
        }
        if (found.isEmpty()) {
            return "";
        }
        return "  ⚠ " + found.get(0) + (found.size() > 1 ? " (and " + (found.size() - 1) + " more violation"
                + (found.size() > 2 ? "s" : "") + ")" : "");
    }

    /** Issues a command built by a click: shown in the console as its scenario line. */
    public CompletableFuture<Optional<String>> issue(Command command) {
        return submit(ScenarioFormatter.format(command));
    }

    private String check(Expect e, int line) {
        machine.settle();
        try {
            Value actual = machine.read(e.path());
            boolean ok = e.holds(actual);
            return SANDBOX + ":" + line + ": " + e.text() + (ok ? " holds" : " fails: actual " + actual);
        } catch (UnknownPathException ex) {
            return SANDBOX + ":" + line + ": " + ex.getMessage();
        }
    }

    // ---- playback -------------------------------------------------------------------------------------------

    /**
     * Moves to event {@code n} (clamped to the recorded run). Seeks coalesce: while a seek waits for the engine
     * thread and nothing was asked after it, a newer seek replaces its target, so a burst of them (a scrubber being
     * dragged, playback) ends where the last one asked, and the engine never works through targets already passed.
     * The future completes, with true if the machine moved, when the seek that carries this target has run.
     */
    public CompletableFuture<Boolean> seek(long n) {
        synchronized (queue) {
            PendingSeek waiting = pendingSeek;
            if (waiting != null && waiting.ticket == submitted) {
                waiting.target = n; // nothing else was asked since it was queued: it goes to the newer place
                return waiting.done;
            }
            PendingSeek p = new PendingSeek(n);
            pendingSeek = p;
            p.done = submit(() -> {
                long target;
                synchronized (queue) {
                    target = p.target;
                    if (pendingSeek == p) {
                        pendingSeek = null; // from now on a seek is a new request
                    }
                }
                if (machine == null) {
                    return false;
                }
                goTo(target);
                publishFrame(null);
                return true;
            });
            p.ticket = submitted;
            return p.done;
        }
    }

    /** A seek queued for the engine thread and not started yet; guarded by {@link #queue}. */
    private static final class PendingSeek {
        long target;
        long ticket;
        CompletableFuture<Boolean> done;

        PendingSeek(long target) {
            this.target = target;
        }
    }

    /** Moves to the last event at or before system-counter time {@code time} (to follow another session). */
    public CompletableFuture<Boolean> seekTime(long time) {
        return onEngine(() -> {
            if (machine == null) {
                return false;
            }
            goTo(machine.eventAtTime(time));
            publishFrame(null);
            return true;
        });
    }

    /** The scenario command that event {@code event} belongs to (-1 at the start). */
    public CompletableFuture<Integer> commandOf(long event) {
        return onEngine(() -> machine == null ? -1 : machine.commandOfEvent(event));
    }

    /**
     * Follows another run of the same scenario: moves to the last event of command {@code command} or earlier at or
     * before {@code time} (the side-by-side view of both designs).
     */
    public CompletableFuture<Boolean> seekFollowing(int command, long time) {
        return onEngine(() -> {
            if (machine == null) {
                return false;
            }
            goTo(command < 0 ? 0 : machine.eventAtCommandAndTime(command, time));
            publishFrame(null);
            return true;
        });
    }

    public CompletableFuture<Boolean> stepForward() {
        Frame f = frame();
        return f == null ? CompletableFuture.completedFuture(false) : seek(f.event() + 1);
    }

    public CompletableFuture<Boolean> stepBack() {
        Frame f = frame();
        return f == null ? CompletableFuture.completedFuture(false) : seek(f.event() - 1);
    }

    public CompletableFuture<Boolean> toStart() {
        return seek(0);
    }

    public CompletableFuture<Boolean> toEnd() {
        return onEngine(() -> {
            if (machine == null) {
                return false;
            }
            machine.goToEnd();
            atOpening = false;
            publishFrame(null);
            return true;
        });
    }

    /**
     * Puts the machine at event {@code target} (clamped to the run). The last event of the run is its end, exactly:
     * with the commands after it that ran no event (a final register write, an {@code advance} with nothing due).
     * A lesson step's opening event is where the lines before the step end, exactly, for the same reason.
     */
    private void goTo(long target) {
        long t = Math.max(0, Math.min(target, machine.furthestEvent()));
        atOpening = opening != null && t == openingEvent;
        if (t == machine.furthestEvent() && !atOpening) {
            machine.goToEnd();
        } else {
            machine.goTo(t);
        }
    }

    /** The machine whose state is on show: the lesson step's opening one while there, else the run's. */
    private Machine shown() {
        return atOpening ? opening : machine;
    }

    /** The chain of causes of a trace line, from the line back to the command that started it. */
    public CompletableFuture<CauseChain> explain(TraceEntry entry) {
        return onEngine(() -> CauseChain.of(machine, entry));
    }

    /** Puts a sentence in the status bar: something the window did by itself (the diagrams moved to another CPU). */
    public void say(String message) {
        runLater(() -> status.set(message));
    }

    /** Stops the engine thread (window closing). */
    public void shutdown() {
        engine.shutdownNow();
    }

    /** Whether the session has been shut down (its window closed): it takes no more work. */
    public boolean isShutdown() {
        return engine.isShutdown();
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    private <T> CompletableFuture<T> onEngine(Supplier<T> work) {
        synchronized (queue) {
            return submit(work);
        }
    }

    /**
     * Queues work for the engine thread; the caller holds {@link #queue}, so tasks run in the order of tickets. Once
     * the session is shut down (its window closed) nothing runs: the answer is a cancelled future, never an exception
     * thrown at the caller (a playing bar's last pulse, a seek on its way).
     */
    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        if (engine.isShutdown()) {
            return closed();
        }
        submitted++;
        runLater(() -> busy.set(true));
        try {
            return queued(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            runLater(() -> busy.set(false));
            return closed(); // shut down between the look and the queueing
        }
    }

    private static <T> CompletableFuture<T> closed() {
        CompletableFuture<T> none = new CompletableFuture<>();
        none.cancel(false);
        return none;
    }

    private <T> CompletableFuture<T> queued(Supplier<T> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                fail("internal error: " + e);
                report(e);
                throw e;
            } finally {
                runLater(() -> busy.set(false));
            }
        }, engine);
    }

    private Frame build() {
        return atOpening ? FrameBuilder.build(opening, source, machine.furthestEvent(), openingCosts)
                : FrameBuilder.build(machine, source, machine.furthestEvent(), costs);
    }

    private void publish(List<String> consoleLines, String message) {
        Frame f = build();
        runLater(() -> {
            console.setAll(consoleLines);
            frame.set(f);
            status.set(message);
            reply.set(""); // another scenario: the answer to the last command is about a machine no longer shown
        });
    }

    private void publishAppend(List<String> lines, String message) {
        Frame f = build();
        runLater(() -> {
            console.addAll(lines);
            frame.set(f);
            status.set(message);
        });
    }

    private void publishFrame(String message) {
        Frame f = build();
        runLater(() -> {
            frame.set(f);
            if (message != null) {
                status.set(message);
            }
        });
    }

    /**
     * Hands an unexpected engine failure (null: none) to this thread's uncaught-exception handler, which the app sets
     * to log its stack trace and show a dialog naming the log file; the engine thread goes on serving requests.
     */
    private static void report(Throwable failure) {
        if (failure != null) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, failure);
        }
    }

    private void fail(String message) {
        runLater(() -> status.set(message));
    }

    private static void runLater(Runnable r) {
        FxThread.run(r);
    }
}
