package vtimerlab.app.lesson;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vtimerlab.app.cpus.DiagramCpuViewModel;
import vtimerlab.lesson.DiagramElement;
import vtimerlab.lesson.Lesson;
import vtimerlab.lesson.LessonScript;
import vtimerlab.lesson.RunLine;

/**
 * What a lesson step says about the CPU the diagrams show, from the step alone (its highlights and the scenario lines
 * up to it), so that every way into the step gives the same answer. Plain Java.
 */
public final class StepFocus {
    /** A vCPU named by a line that acts: {@code vcpu0 ack}, {@code host migrate vcpu0 pcpu1}. */
    private static final Pattern VCPU = Pattern.compile("\\bvcpu(0|[1-9][0-9]{0,5})\\b");
    /** Lines that set up or check and so act on nothing. */
    private static final List<String> NOT_ACTING = List.of("machine", "fault", "guest", "expect");

    private StepFocus() {
    }

    /**
     * The focus of step {@code k} of {@code lesson} while the highlights {@code shown} glow: the CPU the first
     * {@code pcpuN.} highlight names, and the vCPU the last line up to this step acted on (vcpu0 when none did).
     */
    public static DiagramCpuViewModel.Focus of(Lesson lesson, int k, List<String> shown) {
        int cpu = -1;
        for (String name : shown) {
            cpu = DiagramElement.diagramCpu(name);
            if (cpu >= 0) {
                break;
            }
        }
        return new DiagramCpuViewModel.Focus(cpu, actedOn(LessonScript.linesThrough(lesson, k)));
    }

    /** The vCPU the last acting line of {@code lines} names, or 0 when none names one. */
    static int actedOn(List<RunLine> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String text = lines.get(i).text();
            int hash = text.indexOf('#');
            String code = (hash >= 0 ? text.substring(0, hash) : text).strip().toLowerCase(Locale.ROOT);
            if (code.isEmpty() || NOT_ACTING.contains(code.split("\\s+")[0])) {
                continue;
            }
            Matcher m = VCPU.matcher(code);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }
}
