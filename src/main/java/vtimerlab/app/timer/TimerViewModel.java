package vtimerlab.app.timer;

import java.util.ArrayList;
import java.util.List;

import vtimerlab.app.session.Frame;

/**
 * What the virtual timer diagram of one physical CPU shows, worked out from a {@link Frame}: every word and number,
 * which lamp is lit, which line is high, where the markers stand on the axis, and the saved copies of the vCPUs whose
 * timer is not in the hardware. Plain Java: {@link TimerComparatorView} only draws it.
 *
 * <p>The rules are the ARM ARM's (D11.2): CNTVCT = system counter − CNTVOFF_EL2; the condition CNTVCT ≥ CVAL
 * (unsigned 64-bit) is ISTATUS; the output is ENABLE ∧ ¬IMASK ∧ ISTATUS; TVAL is CVAL − CNTVCT read as a signed
 * 32-bit number.
 *
 * @param cpu           the physical CPU drawn
 * @param exists        whether the machine has that CPU (if not, only {@code title} and {@code missing} are shown)
 * @param systemCounter the system counter now, unsigned
 * @param tval          the TVAL sentence under the axis
 * @param passed        whether the deadline has passed (CNTVCT ≥ CVAL): TVAL is drawn as passed
 */
public record TimerViewModel(int cpu, String title, boolean exists, String missing, String systemCounter,
                             String cntvoff, String cntvct, Axis axis, String tval, boolean passed, Circuit circuit,
                             Saved saved) {

    /**
     * The virtual count axis: "now" (CNTVCT) above it, CVAL below it, TVAL as the band between them.
     *
     * @param origin  the label at the left end: {@code 0}, or {@code …} when the axis starts just before large values
     * @param nowAt   where the now marker stands, as a fraction of the axis (0 left, 1 right)
     * @param cvalAt  where the CVAL marker stands
     */
    public record Axis(String now, String cval, String nowTip, String cvalTip, boolean met, String origin,
                       double nowAt, double cvalAt) { }

    /**
     * The comparator, the switches, the gate and the line to PPI 27.
     *
     * @param lamp     ISTATUS as the lamp writes it: "1" or "0"
     * @param not      the inverter's output: "NOT → 1" while IMASK is 0
     * @param ppiState the output line's word: "asserted" or "low"
     */
    public record Circuit(boolean istatus, String lamp, String lampWord, boolean enable, boolean imask, String not,
                          boolean output, String ppiState) { }

    /** The saved copies of the vCPUs assigned to this CPU whose timer is not loaded, and a note on what is where. */
    public record Saved(String note, List<SavedCopy> copies) { }

    /** KVM's in-memory copy of one vCPU's timer (struct arch_timer_context), as a row of fields. */
    public record SavedCopy(int vcpu, boolean enable, boolean imask, long cval, long cntvct, boolean bgArmed) {
        /** kvm_timer_should_fire on the saved copy: ENABLE ∧ ¬IMASK ∧ CVAL ≤ the vCPU's virtual count. */
        public boolean shouldFire() {
            return enable && !imask && Long.compareUnsigned(cntvct, cval) >= 0;
        }

        public String title() {
            return "saved copy of vcpu" + vcpu + ":";
        }

        public String enableText() {
            return "ENABLE " + bit(enable);
        }

        public String imaskText() {
            return "IMASK " + bit(imask);
        }

        public String cvalText() {
            return "CVAL " + Long.toUnsignedString(cval);
        }

        public String cvalTip() {
            return "The saved compare value CVAL (" + Long.toUnsignedString(cval) + "), in the vCPU's virtual count.";
        }

        public String shouldFireText() {
            return "should fire: " + (shouldFire() ? "yes" : "no");
        }

        public String shouldFireTip() {
            return "kvm_timer_should_fire on the saved copy: ENABLE ∧ ¬IMASK ∧ CVAL ≤ the vCPU's virtual count "
                    + "(" + Long.toUnsignedString(cntvct) + "). KVM checks this to wake a blocked vCPU.";
        }
    }

    /** Which parts changed since the picture before (they glow or slide). */
    public record Changes(boolean istatus, boolean output, boolean enable, boolean imask) {
        public static final Changes NONE = new Changes(false, false, false, false);
    }

    /** The diagram before any machine is loaded. */
    public static TimerViewModel empty(int cpu) {
        return new TimerViewModel(cpu, title(cpu), true, "", "–", "–", "–", null, "TVAL: no machine loaded", false,
                null, null);
    }

    /** The timer of physical CPU {@code cpu} in frame {@code f}. */
    public static TimerViewModel of(Frame f, int cpu) {
        if (cpu < 0 || cpu >= f.cpus().size()) {
            return new TimerViewModel(cpu, title(cpu), false, "This machine has no pcpu" + cpu + " (it has "
                    + f.cpus().size() + ").", "", "", "", null, "", false, null, null);
        }
        Frame.Timer t = f.cpus().get(cpu).timer();
        boolean met = Long.compareUnsigned(t.virtualCount(), t.cval()) >= 0;
        return new TimerViewModel(cpu, title(cpu), true, "", Long.toUnsignedString(f.time()),
                Long.toUnsignedString(t.cntvoff()), Long.toUnsignedString(t.virtualCount()), axis(t), tval(t), met,
                circuit(t), saved(f, cpu));
    }

    /** What changed since {@code before} (nothing if it showed another CPU or nothing). */
    public Changes changesSince(TimerViewModel before) {
        if (before == null || before.cpu != cpu || before.circuit == null || circuit == null) {
            return Changes.NONE;
        }
        Circuit b = before.circuit;
        return new Changes(b.istatus() != circuit.istatus(), b.output() != circuit.output(),
                b.enable() != circuit.enable(), b.imask() != circuit.imask());
    }

    private static String title(int cpu) {
        return "pcpu" + cpu + " · virtual timer";
    }

    static String bit(boolean b) {
        return b ? "1" : "0";
    }

    /** Unsigned 64-bit to double. */
    static double unsigned(long v) {
        return v >= 0 ? v : ((v >>> 1) * 2.0) + (v & 1);
    }

    private static Axis axis(Frame.Timer t) {
        long now = t.virtualCount();
        long cval = t.cval();
        boolean met = Long.compareUnsigned(now, cval) >= 0;
        long lo = met ? cval : now;
        long hi = met ? now : cval;
        double spanTicks = unsigned(hi - lo);
        double loD = unsigned(lo);
        // the scale: the distance between the two markers, or a nominal one when they coincide
        double scale = spanTicks > 0 ? spanTicks : Math.max(50, loD / 2);
        double start;           // offsets from lo
        String origin;
        if (loD <= 3 * scale) {
            start = -loD;
            origin = "0";
        } else {
            start = -0.5 * scale;
            origin = "…";
        }
        double end = Math.max(spanTicks, scale * 0.5) + 0.15 * (Math.max(spanTicks, scale) - start);
        double width = Math.max(end - start, 1e-9);
        double fNow = ((met ? spanTicks : 0) - start) / width;
        double fCval = ((met ? 0 : spanTicks) - start) / width;
        return new Axis("now: CNTVCT = " + Long.toUnsignedString(now), "CVAL = " + Long.toUnsignedString(cval),
                "Now: the guest's virtual count CNTVCT_EL0 = " + Long.toUnsignedString(now)
                        + " (system counter − CNTVOFF_EL2).",
                "CVAL (CNTV_CVAL_EL0) = " + Long.toUnsignedString(cval) + ": the deadline, an unsigned 64-bit "
                        + "value in virtual-count units.", met, origin, fNow, fCval);
    }

    private static String tval(Frame.Timer t) {
        long distance = t.cval() - t.virtualCount();                      // 64-bit, wraps like the hardware
        int v = t.tval();
        String words;
        if (v == 0) {
            words = "the deadline is now";
        } else if (v > 0) {
            words = "counts down: " + v + " tick" + (v == 1 ? "" : "s") + " to the deadline";
        } else {
            words = "negative: the deadline passed " + (-(long) v) + " tick" + (v == -1 ? "" : "s") + " ago";
        }
        if (distance != v) {
            words += " (TVAL is 32 bits; CVAL − CNTVCT is really " + distance + ")";
        }
        return "TVAL = CVAL − CNTVCT = " + v + ": " + words;
    }

    private static Circuit circuit(Frame.Timer t) {
        boolean met = t.istatus();
        return new Circuit(met, bit(met), met ? "met" : "not met", t.enable(), t.imask(), "NOT → " + bit(!t.imask()),
                t.output(), t.output() ? "asserted" : "low");
    }

    private static Saved saved(Frame f, int cpu) {
        List<SavedCopy> copies = new ArrayList<>();
        Frame.Vcpu loadedHere = null;
        for (Frame.Vcpu v : f.vcpus()) {
            if (v.pcpu() == cpu) {
                if (v.loaded()) {
                    loadedHere = v;
                } else {
                    copies.add(new SavedCopy(v.index(), v.enable(), v.imask(), v.cval(), v.cntvct(), v.bgArmed()));
                }
            }
        }
        String current = f.cpus().get(cpu).current();
        String note;
        if (loadedHere != null && copies.isEmpty()) {
            note = "vcpu" + loadedHere.index() + "'s timer is loaded here (loaded = 1): the registers above are its "
                    + "timer; its saved copy is stale.";
        } else if (copies.isEmpty()) {
            note = "No vCPU is assigned to pcpu" + cpu + ": its timer hardware is unused.";
        } else if (loadedHere != null) {
            note = "vcpu" + loadedHere.index() + "'s timer is loaded here.";
        } else {
            note = "No vCPU's timer is loaded on pcpu" + cpu + " (" + (current.startsWith("vcpu")
                    ? current + " runs, not loaded" : "runs " + current) + "): the hardware timer is off and each "
                    + "vCPU's timer lives in its saved copy.";
        }
        return new Saved(note, List.copyOf(copies));
    }
}
