package vtimerlab.app.cpus;

import java.util.ArrayList;
import java.util.List;

import vtimerlab.app.session.Frame;
import vtimerlab.engine.Command;

/**
 * What the CPU diagram shows, worked out from a {@link Frame}: a card per physical CPU with what it runs and the
 * kernel functions active there, and a chip per vCPU with its mode and where its timer is. Also the actions a
 * student can take on a vCPU (its context menu) and where a dragged vCPU may be dropped, each a scenario command.
 * Plain Java: {@link CpuView} only draws it.
 */
public record CpusViewModel(List<Card> cards, List<Chip> chips) {
    /** How many kernel functions a card lists; the whole stack is in its tooltip. */
    static final int STACK_LINES = 5;

    /**
     * One physical CPU.
     *
     * @param runsStyle  the style of "what runs": null for a vCPU, {@code cv-runs-idle} or {@code cv-runs-other}
     * @param stack      the innermost functions, innermost first, at most {@link #STACK_LINES}
     * @param more       the line that counts the outer calls left out, or null
     */
    public record Card(int index, String runs, String runsIcon, String runsStyle, String stackHead,
                       List<String> stack, String more, String stackTip) {
        /** Whether its icon is muted (the CPU runs no vCPU). */
        public boolean idleIcon() {
            return runsStyle != null;
        }
    }

    /**
     * One vCPU.
     *
     * @param sentence what it is doing, in a sentence (for screen readers and the tooltip)
     */
    public record Chip(int index, int pcpu, Mode mode, boolean loaded, boolean bgArmed, boolean irqsMasked,
                       String sentence) {
        public String name() {
            return "vcpu" + index;
        }

        /** Where its timer registers are. */
        public String timerText() {
            return loaded ? "timer loaded" : "timer saved";
        }

        public String tooltip() {
            return sentence + " Drag it to another CPU to migrate it; right-click for actions.";
        }
    }

    /** The modes of a vCPU: the word, the icon and a sentence. */
    public enum Mode {
        GUEST("guest", "mdi2p-play-circle", "running guest code (inside the world switch)"),
        HOST("host", "mdi2c-cog", "in KVM on the host: handling an exit or in the KVM_RUN loop"),
        BLOCKED("blocked", "mdi2p-pause-circle", "blocked in kvm_vcpu_block after a WFI, waiting for an interrupt "
                + "or its timer"),
        PREEMPTED("preempted", "mdi2h-hand-back-left", "runnable but scheduled out by the host: its timer is "
                + "saved and no background timer is armed"),
        USERSPACE("userspace", "mdi2a-application", "KVM_RUN returned to the VMM in userspace; it enters again at "
                + "the next advance or step");

        private final String word;
        private final String icon;
        private final String meaning;

        Mode(String word, String icon, String meaning) {
            this.word = word;
            this.icon = icon;
            this.meaning = meaning;
        }

        public String word() {
            return word;
        }

        public String icon() {
            return icon;
        }

        public String meaning() {
            return meaning;
        }

        /** The mode a state path value names ({@code vcpuN.mode}); anything unknown reads as host. */
        public static Mode of(String s) {
            for (Mode m : values()) {
                if (m.word.equals(s)) {
                    return m;
                }
            }
            return HOST;
        }
    }

    /**
     * One line of a vCPU's context menu: an action that issues {@code command}, or (with no command) a heading or
     * a note. {@link #SEPARATOR} is a separator.
     */
    public record MenuEntry(String text, String icon, String tip, Command command, boolean enabled) {
        public static final MenuEntry SEPARATOR = new MenuEntry("", "", "", null, false);
    }

    /** The CPUs and vCPUs of frame {@code f}. */
    public static CpusViewModel of(Frame f) {
        List<Card> cards = new ArrayList<>();
        for (Frame.Cpu c : f.cpus()) {
            cards.add(card(c));
        }
        List<Chip> chips = new ArrayList<>();
        for (Frame.Vcpu v : f.vcpus()) {
            chips.add(chip(v));
        }
        return new CpusViewModel(List.copyOf(cards), List.copyOf(chips));
    }

    private static Card card(Frame.Cpu c) {
        String cur = c.current();
        List<String> cs = c.callStack();
        String runs;
        String icon;
        String style;
        if (cur.startsWith("vcpu")) {
            runs = "runs " + cur;
            icon = "mdi2r-run";
            style = null;
        } else if (cur.equals("idle")) {
            runs = "idle";
            icon = "mdi2s-sleep";
            style = "cv-runs-idle";
        } else {
            runs = "runs another task";
            icon = "mdi2a-account-cog";
            style = "cv-runs-other";
        }
        String head = cs.isEmpty() ? "kernel stack: empty (" + (cur.startsWith("vcpu")
                ? "in the guest or about to enter it" : cur.equals("idle") ? "the idle loop" : "not in KVM") + ")"
                : "kernel stack, innermost first:";
        int shown = Math.min(cs.size(), STACK_LINES);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            lines.add((i == 0 ? "▸ " : "") + cs.get(i));
        }
        int more = cs.size() - shown;
        // short, so that it is never cut; the whole stack is in the card's tooltip
        String moreLine = more > 0 ? "… and " + more + " outer call" + (more == 1 ? "" : "s") : null;
        String tip = cs.isEmpty() ? "pcpu" + c.index() + " runs no kernel function of KVM's timer path now."
                : "The kernel functions active on pcpu" + c.index() + ", innermost (running now) first; each was "
                + "called by the one below it:\n" + String.join("\n", cs);
        return new Card(c.index(), runs, icon, style, head, List.copyOf(lines), moreLine, tip);
    }

    private static Chip chip(Frame.Vcpu v) {
        Mode m = Mode.of(v.mode());
        String sentence = "vcpu" + v.index() + " on pcpu" + v.pcpu() + ": " + m.word + ", " + m.meaning + ". "
                + (v.loaded() ? "Its timer is loaded in pcpu" + v.pcpu() + "'s registers."
                : "Its timer is saved in memory (the hardware does not hold it).")
                + (v.bgArmed() ? " The background timer is armed." : "")
                + (v.irqsMasked() ? " Guest interrupts are masked." : "");
        return new Chip(v.index(), v.pcpu(), m, v.loaded(), v.bgArmed(), v.irqsMasked(), sentence);
    }

    /** The vCPUs that run on another physical CPU in {@code f} than in {@code before} (their chips glide). */
    public static List<Integer> moved(Frame before, Frame f) {
        List<Integer> out = new ArrayList<>();
        if (before == null) {
            return out;
        }
        for (Frame.Vcpu v : f.vcpus()) {
            if (v.index() < before.vcpus().size() && before.vcpus().get(v.index()).pcpu() != v.pcpu()) {
                out.add(v.index());
            }
        }
        return out;
    }

    /** Whether vCPU {@code vcpu} may be dropped on CPU {@code pcpu}: it exists and runs elsewhere. */
    public static boolean canMigrate(Frame f, Integer vcpu, int pcpu) {
        return f != null && vcpu != null && vcpu >= 0 && vcpu < f.vcpus().size()
                && f.vcpus().get(vcpu).pcpu() != pcpu;
    }

    /**
     * The context menu of vCPU {@code vcpu}: the host's preempt and resume, the guest's actions (only in guest
     * mode: the guest does them), and a migration to each other CPU.
     */
    public static List<MenuEntry> menu(Frame f, int vcpu) {
        Frame.Vcpu v = f.vcpus().get(vcpu);
        Mode m = Mode.of(v.mode());
        boolean guest = m == Mode.GUEST;
        int i = vcpu;
        List<MenuEntry> out = new ArrayList<>();
        out.add(new MenuEntry("vcpu" + i + " is " + m.word, m.icon, "vcpu" + i + " is " + m.meaning + ".", null,
                false));
        out.add(MenuEntry.SEPARATOR);
        out.add(new MenuEntry("Preempt", "mdi2h-hand-back-left", "The host scheduler takes pcpu" + v.pcpu()
                + " away from vcpu" + i + "'s thread (host preempt vcpu" + i + "): KVM puts the vCPU and saves its "
                + "timer.", new Command.Preempt(i), m != Mode.PREEMPTED));
        out.add(new MenuEntry("Resume", "mdi2p-play", "The host scheduler runs vcpu" + i + "'s thread again (host "
                + "resume vcpu" + i + "): KVM loads the vCPU and restores its timer.", new Command.Resume(i),
                m == Mode.PREEMPTED));
        out.add(MenuEntry.SEPARATOR);
        if (!guest) {
            out.add(new MenuEntry("Guest actions need guest mode", "mdi2h-help-circle", "WFI, hypercall, exit to "
                    + "userspace and masking are things the guest does, so vcpu" + i + " must be running guest code.",
                    null, false));
        }
        out.add(new MenuEntry("Exit to userspace", "mdi2e-exit-to-app", "The guest's vCPU returns from KVM_RUN to the "
                + "VMM (vcpu" + i + " exit-to-userspace): vcpu_put saves the timer.", new Command.ExitToUserspace(i),
                guest));
        out.add(new MenuEntry("WFI", "mdi2p-power-sleep", "The guest waits for an interrupt (vcpu" + i + " wfi): it "
                + "traps to KVM, which blocks the vCPU unless an interrupt is already pending.", new Command.Wfi(i),
                guest));
        out.add(new MenuEntry("Hypercall", "mdi2p-phone-hangup", "The guest calls the hypervisor (vcpu" + i + " hvc): "
                + "one exit to KVM and back.", new Command.Hvc(i), guest));
        out.add(v.irqsMasked()
                ? new MenuEntry("Unmask interrupts", "mdi2b-bell-ring", "The guest unmasks its interrupts (vcpu" + i
                + " irqs on, PSTATE.I = 0): a pending interrupt is taken at once.", new Command.Irqs(i, true), guest)
                : new MenuEntry("Mask interrupts", "mdi2b-bell-outline", "The guest masks its interrupts (vcpu" + i
                + " irqs off, PSTATE.I = 1): interrupts stay pending until it unmasks.", new Command.Irqs(i, false),
                guest));
        if (f.cpus().size() > 1) {
            out.add(MenuEntry.SEPARATOR);
            for (Frame.Cpu c : f.cpus()) {
                if (c.index() != v.pcpu()) {
                    out.add(new MenuEntry("Migrate to pcpu" + c.index(), "mdi2s-swap-horizontal", "The host moves vcpu"
                            + i + "'s thread to pcpu" + c.index() + " (host migrate vcpu" + i + " pcpu" + c.index()
                            + "): put here, load there.", new Command.Migrate(i, c.index()), true));
                }
            }
        }
        return out;
    }
}
