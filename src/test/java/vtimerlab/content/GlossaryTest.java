package vtimerlab.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import vtimerlab.app.gic.IrqState;
import vtimerlab.engine.kvm.Vcpu;
import vtimerlab.engine.schema.Schema;

/**
 * The glossary (Help > Glossary, and the definition a diagram shows on hover) defines every word the diagrams show
 * and the lessons lean on, and finds a word however a diagram spells it.
 */
class GlossaryTest {
    private final Glossary glossary = Glossary.shipped();

    /** The words the diagrams draw: states of PPI 27, of a list register, a vCPU's modes, columns and registers. */
    @Test
    void everyWordTheDiagramsShowIsDefined() {
        List<String> shown = new ArrayList<>();
        for (IrqState s : IrqState.values()) {
            shown.add(s.word());
        }
        shown.addAll(Schema.LR_STATES);
        for (Vcpu.Mode m : Vcpu.Mode.values()) {
            shown.add(m.pathName());
        }
        // the list register table's columns, the timer diagram's registers and bits, the CPU cards' words
        shown.addAll(List.of("LR", "HW", "vINTID", "pINTID", "ENABLE", "IMASK", "ISTATUS", "CVAL", "TVAL",
                "CNTVOFF_EL2", "CNTVCT", "CNTV_CTL_EL0", "EOImode", "loaded", "background timer"));
        assertThat(shown).allMatch(glossary::defines, "defined in the glossary");
    }

    /** The terms the course is built on (issue 10's list), each with a definition of its own words. */
    @Test
    void theCoursesTermsAreDefined() {
        List<String> terms = List.of("pending", "active", "active+pending", "inactive", "priority drop", "deactivate",
                "EOImode", "DIR", "IAR", "EOIR", "HW bit", "list register", "vINTID", "pINTID", "forwarding",
                "loaded", "put/load", "vcpu_put", "kvm_timer_vcpu_load", "schedule/unschedule", "kvm_timer_schedule",
                "background timer", "halt polling", "CNTVOFF", "CVAL", "TVAL", "ISTATUS", "IMASK", "ENABLE",
                "world switch", "exit", "maintenance interrupt", "PPI", "vCPU", "pCPU", "WFI", "HVC", "migrate",
                "preempt", "flow 1", "flow 2", "storm", "legacy", "optimized", "redistributor", "running priority",
                "level-sensitive", "kick", "hazard", "fault", "KVM_RUN", "userspace", "IMO");
        assertThat(terms).allMatch(glossary::defines, "defined in the glossary");
        for (Glossary.Entry e : glossary.entries()) {
            assertThat(e.definition()).as(e.term()).hasSizeGreaterThan(30).doesNotStartWith(e.term());
        }
    }

    /** Every word the shipped lessons write in code style (`pending`, `vcpu0.timer.loaded`) that names a term. */
    @Test
    void theStateWordsTheLessonsUseAreDefined() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("lessons"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".lesson")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("predict:")) {
                        // the answer's path: its last part is a state or count the student must know
                        String path = line.substring("predict:".length()).strip().split("\\s+")[0];
                        String last = path.substring(path.lastIndexOf('.') + 1);
                        if (last.equals("state") || last.equals("mode") || last.equals("loaded")
                                || last.equals("istatus") || last.equals("enable") || last.equals("imask")) {
                            if (!glossary.defines(last.equals("state") ? "pending" : last)) {
                                missing.add(f.getFileName() + ": " + last);
                            }
                        }
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void aWordIsFoundHoweverADiagramSpellsIt() {
        assertThat(glossary.lookup("active_pending")).map(Glossary.Entry::term).hasValue("active+pending");
        assertThat(glossary.lookup("Active+Pending")).map(Glossary.Entry::term).hasValue("active+pending");
        assertThat(glossary.lookup("ISTATUS=1")).map(Glossary.Entry::term).hasValue("ISTATUS");
        assertThat(glossary.lookup("CVAL: 5000")).map(Glossary.Entry::term).hasValue("CVAL");
        assertThat(glossary.lookup("vcpu0.timer.loaded")).map(Glossary.Entry::term).hasValue("loaded");
        assertThat(glossary.lookup("CNTV_TVAL_EL0")).map(Glossary.Entry::term).hasValue("TVAL");
        assertThat(glossary.lookup("vcpu_put")).map(Glossary.Entry::term).hasValue("put/load");
        assertThat(glossary.lookup("the guest wrote CVAL and then went to sleep")).isEmpty();
        assertThat(glossary.lookup("")).isEmpty();
    }

    @Test
    void anEntryLineGivesItsTermItsOtherSpellingsAndItsDefinition() {
        Glossary g = Glossary.parse("# Title\n\nSome prose.\n- **HW bit** (also: HW, HW=1): ties a virtual "
                + "interrupt to a physical one.\n- not an entry\n");
        assertThat(g.entries()).containsExactly(new Glossary.Entry("HW bit", List.of("HW", "HW=1"),
                "ties a virtual interrupt to a physical one."));
        assertThat(g.lookup("hw")).isPresent();
    }
}
