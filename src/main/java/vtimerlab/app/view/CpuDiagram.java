package vtimerlab.app.view;

/** A diagram of one physical CPU's hardware (timer, GIC, list registers): it shows the CPU it is told to. */
public interface CpuDiagram extends FrameView {
    /** Shows physical CPU {@code cpu} from the next frame on (and redraws the frame on show at once). */
    void setCpu(int cpu);
}
