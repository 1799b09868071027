package vtimerlab.engine.hardware;

/**
 * The hardware of one physical CPU that the simulation models: its virtual timer, its redistributor's private
 * interrupts, its physical CPU interface and its virtual CPU interface with the list registers.
 */
public final class PhysicalCpu {
    private final int index;
    private final GenericTimer timer;
    private final Redistributor redistributor;
    private final CpuInterface cpuInterface;
    private final VirtualCpuInterface virtualInterface;

    public PhysicalCpu(int index, int listRegisters, boolean hostEoiMode1) {
        this.index = index;
        this.timer = new GenericTimer();
        this.redistributor = new Redistributor();
        this.cpuInterface = new CpuInterface(hostEoiMode1);
        this.virtualInterface = new VirtualCpuInterface(listRegisters);
    }

    public PhysicalCpu(PhysicalCpu o) {
        this.index = o.index;
        this.timer = new GenericTimer(o.timer);
        this.redistributor = new Redistributor(o.redistributor);
        this.cpuInterface = new CpuInterface(o.cpuInterface);
        this.virtualInterface = new VirtualCpuInterface(o.virtualInterface);
    }

    public int index() {
        return index;
    }

    public GenericTimer timer() {
        return timer;
    }

    public Redistributor redistributor() {
        return redistributor;
    }

    public CpuInterface cpuInterface() {
        return cpuInterface;
    }

    public VirtualCpuInterface virtualInterface() {
        return virtualInterface;
    }

    /** The PPI the virtual timer drives. */
    public PrivateInterrupt vtimerIrq() {
        return redistributor.irq(Redistributor.VTIMER_INTID);
    }

    /** What the physical CPU interface signals now: an INTID, or {@link CpuInterface#SPURIOUS}. */
    public int signalledInterrupt() {
        return cpuInterface.signalled(redistributor);
    }
}
