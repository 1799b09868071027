package vtimerlab.app.cpus;

import vtimerlab.app.session.Frame;

/**
 * Which physical CPU the timer, GIC and list register diagrams show: the one place that decides it. Plain Java, fed
 * by everything that has a say, and asked again for every frame, so that the answer depends only on those inputs and
 * the frame on show, never on the order in which they arrived (a lesson step opened before its machine was loaded
 * shows the same CPU as the same step reached with Next).
 *
 * <p>Who decides, strongest first:
 * <ol>
 *   <li>a CPU the student picked in the toolbar (until the next lesson step, or until they turn following back on);
 *   <li>in a lesson, the CPU the step's highlights name ({@code pcpu1.gic.active}): the step is about that CPU;
 *   <li>in a lesson, the CPU where the vCPU the step acts on runs ({@code host migrate vcpu0 pcpu1}, {@code vcpu0 ack});
 *   <li>in free play with "follow vCPU" on, the CPU where the followed vCPU runs (it switches when it migrates);
 *   <li>otherwise the CPU shown before (pcpu0 at first).
 * </ol>
 */
public final class DiagramCpuViewModel {

    /** Why the diagrams show the CPU they show. */
    public enum Reason {
        /** Nothing chose: the CPU shown before, or pcpu0. */
        KEPT,
        /** The student picked it in the toolbar. */
        PICKED,
        /** The lesson step's highlights name it. */
        LESSON_CPU,
        /** The vCPU the lesson step acts on runs there. */
        LESSON_VCPU,
        /** "follow vCPU": the followed vCPU runs there. */
        FOLLOWING
    }

    /**
     * What a lesson step says about the diagrams.
     *
     * @param cpu  the CPU its highlights name ({@code pcpu1.} prefixes), or -1
     * @param vcpu the vCPU it acts on (or the last one acted on before it), or -1
     */
    public record Focus(int cpu, int vcpu) {
        /** A step that names no CPU and acts on no vCPU. */
        public static final Focus NONE = new Focus(-1, -1);
    }

    /**
     * The decision for one frame.
     *
     * @param cpu      the CPU the diagrams show
     * @param cpus     how many CPUs the machine has
     * @param reason   who decided
     * @param why      the decision in words (the choice box's tooltip)
     * @param switched a sentence for the status bar when following a vCPU moved the diagrams to another CPU in this
     *                 frame (a migration), else null
     */
    public record Choice(int cpu, int cpus, Reason reason, String why, String switched) {
        /** The CPU's name, {@code pcpu1}. */
        public String name() {
            return "pcpu" + cpu;
        }
    }

    private boolean following = true;
    private int followed;
    private Focus lesson;
    private int picked = -1;
    private Choice shown = new Choice(0, 0, Reason.KEPT, "pcpu0: no machine yet", null);
    private Frame frame;

    /** The student picked a CPU in the toolbar: it stays until the next lesson step or until following is on again. */
    public Choice pick(int cpu) {
        picked = cpu;
        following = false;
        return decide(false);
    }

    /** "follow vCPU" turned on or off; turning it on drops a CPU picked by hand. */
    public Choice setFollowing(boolean on) {
        following = on;
        if (on) {
            picked = -1;
        }
        return decide(false);
    }

    public boolean following() {
        return following;
    }

    /** Which vCPU "follow vCPU" follows (the sandbox's chosen vCPU). */
    public Choice setFollowed(int vcpu) {
        followed = Math.max(0, vcpu);
        return decide(false);
    }

    public int followed() {
        return followed;
    }

    /**
     * A lesson step is on show with this focus (null: no lesson). Each new step forgets a CPU picked by hand; the
     * same step showing more highlights (after an answer) keeps it.
     */
    public Choice setLesson(Focus focus, boolean newStep) {
        lesson = focus;
        if (newStep) {
            picked = -1;
        }
        return decide(false);
    }

    /** The decision for a new frame on show. */
    public Choice show(Frame f) {
        Frame before = frame;
        frame = f;
        return decide(before != null && f != null && before.source().equals(f.source()));
    }

    /** The decision for the frame on show. */
    public Choice choice() {
        return shown;
    }

    private Choice decide(boolean sameRun) {
        Frame f = frame;
        int n = f == null ? 0 : f.cpus().size();
        int was = shown.cpu();
        int cpu;
        Reason reason;
        String why;
        int runsOn;
        if (picked >= 0 && picked < Math.max(1, n)) {
            cpu = picked;
            reason = Reason.PICKED;
            why = "pcpu" + cpu + ": chosen here (turn on 'follow' to follow a vCPU again)";
        } else if (lesson != null && lesson.cpu() >= 0 && lesson.cpu() < n) {
            cpu = lesson.cpu();
            reason = Reason.LESSON_CPU;
            why = "pcpu" + cpu + ": the lesson step is about this CPU";
        } else if (lesson != null && (runsOn = pcpuOf(f, lesson.vcpu() < 0 ? 0 : lesson.vcpu())) >= 0) {
            cpu = runsOn;
            reason = Reason.LESSON_VCPU;
            why = "pcpu" + cpu + ": vcpu" + Math.max(0, lesson.vcpu()) + ", which the lesson step acts on, runs here";
        } else if (lesson == null && following && (runsOn = pcpuOf(f, followed)) >= 0) {
            cpu = runsOn;
            reason = Reason.FOLLOWING;
            why = "pcpu" + cpu + ": vcpu" + followed + " runs here (follow vCPU is on)";
        } else {
            cpu = n == 0 ? Math.max(0, was) : Math.min(Math.max(0, was), n - 1);
            reason = Reason.KEPT;
            why = "pcpu" + cpu;
        }
        String switched = null;
        boolean follows = reason == Reason.FOLLOWING || reason == Reason.LESSON_VCPU;
        if (sameRun && follows && cpu != was && shown.cpus() == n) {
            int v = reason == Reason.FOLLOWING ? followed : Math.max(0, lesson.vcpu());
            switched = "The diagrams now show pcpu" + cpu + ": vcpu" + v + " moved there from pcpu" + was
                    + (reason == Reason.FOLLOWING ? " (follow vCPU is on; untick it to stay on one CPU)" : "");
        }
        shown = new Choice(cpu, n, reason, why, switched);
        return shown;
    }

    /** The physical CPU vCPU {@code v} runs on in frame {@code f}, or -1 when there is none. */
    private static int pcpuOf(Frame f, int v) {
        if (f == null || v < 0 || v >= f.vcpus().size()) {
            return -1;
        }
        int p = f.vcpus().get(v).pcpu();
        return p >= 0 && p < f.cpus().size() ? p : -1;
    }
}
