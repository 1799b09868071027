package vtimerlab.engine.kvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.core.TraceEntry;
import vtimerlab.engine.trace.Context;
import vtimerlab.scenario.RunResult;
import vtimerlab.scenario.ScenarioRunner;

/**
 * The ENTER/LEAVE lines of the trace form the kernel's call tree: each function's parent (the nearest function the
 * model has, above it) and the order of siblings are as in Linux v4.15. The call tree is rebuilt from the depths
 * alone, per context (a vCPU thread, or one CPU's interrupt stack), and checked against the kernel:
 *
 * <ul>
 *   <li>{@code virt/kvm/kvm_main.c}: {@code kvm_vcpu_ioctl} calls {@code vcpu_load}, then the arch ioctl
 *       ({@code kvm_arch_vcpu_ioctl_run} for KVM_RUN), then {@code vcpu_put}; {@code vcpu_load} calls
 *       {@code kvm_arch_vcpu_load}, {@code vcpu_put} calls {@code kvm_arch_vcpu_put}. {@code kvm_vcpu_block} polls
 *       (calling {@code kvm_vcpu_check_block}), calls {@code kvm_arch_vcpu_blocking}, then loops: it calls
 *       {@code kvm_vcpu_check_block}, which returns, and then itself calls {@code schedule()}; after the loop
 *       {@code kvm_arch_vcpu_unblocking}. {@code kvm_sched_out}/{@code kvm_sched_in} (the preempt notifiers) call
 *       {@code kvm_arch_vcpu_put}/{@code kvm_arch_vcpu_load}.</li>
 *   <li>{@code kernel/sched/core.c}: {@code schedule} reaches {@code context_switch} (through {@code __schedule}),
 *       which fires the sched-out notifiers (in {@code prepare_task_switch}) before {@code switch_to} and the
 *       sched-in ones (in {@code finish_task_switch}) after it.</li>
 *   <li>{@code virt/kvm/arm/arm.c}: the run loop of {@code kvm_arch_vcpu_ioctl_run} calls
 *       {@code kvm_vgic_flush_hwstate}, {@code __kvm_vcpu_run} (through {@code kvm_call_hyp}),
 *       {@code kvm_vgic_sync_hwstate}, {@code kvm_timer_sync_hwstate} and {@code handle_exit} itself;
 *       {@code kvm_arch_vcpu_load} calls {@code kvm_timer_vcpu_load}; {@code kvm_arch_vcpu_put} calls
 *       {@code kvm_timer_vcpu_put} and then {@code kvm_arm_set_running_vcpu(NULL)}; the blocking hooks call
 *       {@code kvm_timer_schedule}/{@code kvm_timer_unschedule}.</li>
 *   <li>{@code virt/kvm/arm/arch_timer.c}: {@code kvm_timer_schedule} calls {@code vtimer_save_state} and
 *       {@code soft_timer_start}; {@code kvm_timer_unschedule} calls {@code vtimer_restore_state} and
 *       {@code soft_timer_cancel}; {@code kvm_timer_vcpu_load} sets the active state, then {@code set_cntvoff},
 *       then {@code vtimer_restore_state}; {@code kvm_timer_vcpu_put} calls {@code vtimer_save_state}, then
 *       {@code set_cntvoff(0)}.</li>
 *   <li>{@code arch/arm64/kvm/handle_exit.c}: {@code handle_exit} calls the WFx handler {@code kvm_handle_wfx},
 *       which calls {@code kvm_vcpu_block}.</li>
 *   <li>{@code drivers/irqchip/irq-gic-v3.c}: {@code gic_handle_irq} loops: it reads ICC_IAR1_EL1
 *       ({@code gic_read_iar}), drops the priority ({@code gic_write_eoir}), then the flow handler runs the action
 *       ({@code kvm_arch_timer_handler}) and the chip's EOI ({@code gic_eoimode1_eoi_irq}), and reads again until
 *       the read returns 1023.</li>
 * </ul>
 *
 * <p>Leaf functions have an ENTER line only. The model's markers "halt polling" and
 * "kvm_arch_vcpu_ioctl_run: loop" stand for a stretch of their parent's own code (the poll loop, one turn of the
 * run loop), so they are leaves of that parent.
 */
class TraceNestingTest {

    private static final String ROOT = "(top)";
    private static final String IOCTL = "kvm_vcpu_ioctl(KVM_RUN)";
    private static final String RUN = "kvm_arch_vcpu_ioctl_run";

    /** Every parent a function may have, across all scenarios, both designs and all faults. */
    private static final Map<String, Set<String>> KERNEL_PARENTS = new HashMap<>();

    private static void parents(String fn, String... ps) {
        KERNEL_PARENTS.put(fn, Set.of(ps));
    }

    static {
        parents(IOCTL, ROOT);
        parents("kvm_vcpu_ioctl(KVM_SET_ONE_REG)", ROOT);
        parents("return to userspace", ROOT);
        parents("vcpu_load", IOCTL, "kvm_vcpu_ioctl(KVM_SET_ONE_REG)");
        parents("vcpu_put", IOCTL, "kvm_vcpu_ioctl(KVM_SET_ONE_REG)");
        parents("kvm_arm_timer_set_reg", "kvm_vcpu_ioctl(KVM_SET_ONE_REG)");
        parents(RUN, IOCTL);
        for (String f : List.of("kvm_arch_vcpu_ioctl_run: loop", "kvm_timer_flush_hwstate", "local_irq_disable",
                "kvm_vgic_flush_hwstate", "__kvm_vcpu_run: enter", "__kvm_vcpu_run: exit", "kvm_vgic_sync_hwstate",
                "kvm_timer_sync_hwstate", "local_irq_enable", "handle_exit")) {
            parents(f, RUN);
        }
        parents("kvm_handle_wfx", "handle_exit");
        parents("vgic_mmio_write_senable", "handle_exit");
        parents("kvm_handle_sys_reg", "handle_exit"); // handle_exit -> kvm_handle_sys_reg (trapped CNTP_*)
        parents("kvm_vcpu_block", "kvm_handle_wfx");
        for (String f : List.of("halt polling", "kvm_vcpu_check_block (poll)", "kvm_arch_vcpu_blocking",
                "kvm_vcpu_check_block", "kvm_arch_vcpu_unblocking")) {
            parents(f, "kvm_vcpu_block");
        }
        // schedule() from kvm_vcpu_block's sleep loop, or from the run loop's cond_resched()
        parents("schedule", "kvm_vcpu_block", RUN);
        parents("context_switch", "schedule");
        parents("kvm_sched_out", "context_switch");
        parents("switch_to", "context_switch");
        parents("kvm_sched_in", "context_switch");
        parents("kvm_arch_vcpu_load", "vcpu_load", "kvm_sched_in");
        parents("kvm_arch_vcpu_put", "vcpu_put", "kvm_sched_out");
        parents("kvm_timer_vcpu_load", "kvm_arch_vcpu_load");
        parents("kvm_timer_vcpu_put", "kvm_arch_vcpu_put");
        parents("kvm_arm_set_running_vcpu", "kvm_arch_vcpu_put");
        parents("irq_set_irqchip_state", "kvm_timer_vcpu_load");
        parents("set_cntvoff", "kvm_timer_vcpu_load", "kvm_timer_vcpu_put");
        parents("vtimer_restore_state", "kvm_timer_vcpu_load", "kvm_timer_unschedule");
        parents("vtimer_save_state", "kvm_timer_vcpu_put", "kvm_timer_schedule");
        parents("kvm_timer_schedule", "kvm_arch_vcpu_blocking");
        parents("kvm_timer_unschedule", "kvm_arch_vcpu_unblocking");
        parents("soft_timer_start", "kvm_timer_schedule");
        parents("soft_timer_cancel", "kvm_timer_unschedule");
        parents("gic_handle_irq", ROOT);
        parents("gic_write_eoir", "gic_handle_irq");
        parents("kvm_arch_timer_handler", "gic_handle_irq");
        parents("gic_eoimode1_eoi_irq", "gic_handle_irq");
        parents("gic_eoi_irq", "gic_handle_irq");
        parents("gic_read_iar", "gic_handle_irq");
        parents("kvm_arch_vcpu_ioctl_run: last check", RUN);
    }

    /** The call tree rebuilt from a trace: every (parent, function) seen, and each call's children in order. */
    static final class CallTree {
        final Map<String, Set<String>> parentsOf = new TreeMap<>();
        /** Per call of a function, in trace order: "fn -> [children]". */
        final List<String> calls = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        private static final class Open {
            final String name;
            final List<String> children = new ArrayList<>();

            Open(String name) {
                this.name = name;
            }
        }

        /**
         * Rebuilds the tree from the typed fields alone (context, function, depth). At set-up every vCPU thread is
         * inside KVM_RUN's run loop; a vCPU that is not the first on its CPU (vcpuI with I >= pcpus) waits switched
         * out by the loop's cond_resched(), inside context_switch (scenario-language.md, the machine line).
         */
        static CallTree of(List<TraceEntry> trace, MachineConfig config) {
            CallTree t = new CallTree();
            Map<Context, List<Open>> contexts = new LinkedHashMap<>();
            for (int i = 0; i < config.vcpus(); i++) {
                List<Open> open = new ArrayList<>(List.of(new Open(IOCTL), new Open(RUN)));
                if (i >= config.pcpus()) {
                    open.add(new Open("schedule"));
                    open.add(new Open("context_switch"));
                }
                contexts.put(Context.vcpuThread(i), open);
            }
            for (TraceEntry e : trace) {
                if (e.kind() != TraceEntry.Kind.ENTER && e.kind() != TraceEntry.Kind.LEAVE) {
                    continue;
                }
                Context key = e.context();
                List<Open> open = contexts.computeIfAbsent(key, k -> new ArrayList<>());
                String fn = e.function().kernelName();
                int d = e.depth();
                if (e.kind() == TraceEntry.Kind.ENTER) {
                    if (d > open.size()) {
                        t.problems.add("#" + e.event() + " " + fn + " entered at depth " + d + " but only " + open.size()
                                + " functions are open in " + key);
                        continue;
                    }
                    t.close(open, d); // leaves (no LEAVE line) at this depth or deeper are over
                    String parent = d == 0 ? ROOT : open.get(d - 1).name;
                    if (d > 0) {
                        open.get(d - 1).children.add(fn);
                    }
                    t.parentsOf.computeIfAbsent(fn, k -> new TreeSet<>()).add(parent);
                    open.add(new Open(fn));
                } else {
                    if (d >= open.size() || !open.get(d).name.equals(fn)) {
                        t.problems.add("#" + e.event() + " " + fn + " returns at depth " + d + " but the open function "
                                + "there is " + (d < open.size() ? open.get(d).name : "none") + " in " + key);
                        continue;
                    }
                    t.close(open, d);
                }
            }
            for (List<Open> open : contexts.values()) {
                t.close(open, 0); // still running when the trace ends
            }
            return t;
        }

        private void close(List<Open> open, int depth) {
            while (open.size() > depth) {
                Open o = open.remove(open.size() - 1);
                if (!o.children.isEmpty()) {
                    calls.add(o.name + " -> " + o.children);
                }
            }
        }

        List<String> callsOf(String fn) {
            List<String> out = new ArrayList<>();
            for (String c : calls) {
                if (c.startsWith(fn + " -> ")) {
                    out.add(c.substring(fn.length() + 4));
                }
            }
            return out;
        }
    }

    private static CallTree treeOf(Path scenario) throws IOException {
        RunResult r = ScenarioRunner.run(scenario);
        assertThat(r.exitStatus()).as(scenario + ": " + r.messages()).isZero();
        return CallTree.of(r.machine().trace(), r.machine().config());
    }

    private static void assertKernelParents(CallTree t, String where) {
        assertThat(t.problems).as(where).isEmpty();
        for (Map.Entry<String, Set<String>> e : t.parentsOf.entrySet()) {
            assertThat(KERNEL_PARENTS).as(where + ": a function the test does not know").containsKey(e.getKey());
            assertThat(KERNEL_PARENTS.get(e.getKey())).as(where + ": the callers of " + e.getKey())
                    .containsAll(e.getValue());
        }
    }

    @Test
    void flowOneSchedulesFromKvmVcpuBlockAfterCheckBlockHasReturned() throws IOException {
        CallTree t = treeOf(Path.of("assets/scenarios/flow1-block-sleep-wake.scn"));
        assertKernelParents(t, "flow 1");
        Map<String, Set<String>> expected = new TreeMap<>();
        expected.put("__kvm_vcpu_run: enter", Set.of(RUN));
        expected.put("__kvm_vcpu_run: exit", Set.of(RUN));
        expected.put("kvm_vgic_sync_hwstate", Set.of(RUN));
        expected.put("kvm_timer_sync_hwstate", Set.of(RUN));
        expected.put("local_irq_enable", Set.of(RUN));
        expected.put("handle_exit", Set.of(RUN));
        expected.put("kvm_arch_vcpu_ioctl_run: loop", Set.of(RUN));
        expected.put("local_irq_disable", Set.of(RUN));
        expected.put("kvm_vgic_flush_hwstate", Set.of(RUN));
        expected.put("kvm_arch_vcpu_ioctl_run: last check", Set.of(RUN)); // arm.c: signal and requests, after the flush
        expected.put("kvm_handle_wfx", Set.of("handle_exit"));
        expected.put("kvm_vcpu_block", Set.of("kvm_handle_wfx"));
        expected.put("halt polling", Set.of("kvm_vcpu_block"));
        expected.put("kvm_arch_vcpu_blocking", Set.of("kvm_vcpu_block"));
        expected.put("kvm_vcpu_check_block", Set.of("kvm_vcpu_block"));
        expected.put("schedule", Set.of("kvm_vcpu_block")); // not kvm_vcpu_check_block
        expected.put("kvm_arch_vcpu_unblocking", Set.of("kvm_vcpu_block"));
        expected.put("kvm_timer_schedule", Set.of("kvm_arch_vcpu_blocking"));
        expected.put("vtimer_save_state", Set.of("kvm_timer_schedule", "kvm_timer_vcpu_put"));
        expected.put("soft_timer_start", Set.of("kvm_timer_schedule"));
        expected.put("context_switch", Set.of("schedule"));
        expected.put("kvm_sched_out", Set.of("context_switch"));
        expected.put("switch_to", Set.of("context_switch"));
        expected.put("kvm_sched_in", Set.of("context_switch"));
        expected.put("kvm_arch_vcpu_put", Set.of("kvm_sched_out"));
        expected.put("kvm_timer_vcpu_put", Set.of("kvm_arch_vcpu_put"));
        expected.put("kvm_arm_set_running_vcpu", Set.of("kvm_arch_vcpu_put"));
        expected.put("set_cntvoff", Set.of("kvm_timer_vcpu_put", "kvm_timer_vcpu_load"));
        expected.put("kvm_arch_vcpu_load", Set.of("kvm_sched_in"));
        expected.put("kvm_timer_vcpu_load", Set.of("kvm_arch_vcpu_load"));
        expected.put("irq_set_irqchip_state", Set.of("kvm_timer_vcpu_load"));
        expected.put("vtimer_restore_state", Set.of("kvm_timer_vcpu_load", "kvm_timer_unschedule"));
        expected.put("kvm_timer_unschedule", Set.of("kvm_arch_vcpu_unblocking"));
        expected.put("soft_timer_cancel", Set.of("kvm_timer_unschedule"));
        expected.put("gic_handle_irq", Set.of(ROOT));
        expected.put("gic_read_iar", Set.of("gic_handle_irq")); // irq-gic-v3.c: the loop reads until 1023
        expected.put("gic_write_eoir", Set.of("gic_handle_irq"));
        expected.put("kvm_arch_timer_handler", Set.of("gic_handle_irq"));
        expected.put("gic_eoimode1_eoi_irq", Set.of("gic_handle_irq"));
        assertThat(t.parentsOf).isEqualTo(expected);

        // kvm_vcpu_block: no polling (halt_poll=0), the blocking hook, the loop (check, sleep, check: the wake-up is
        // there), the unblocking hook
        assertThat(t.callsOf("kvm_vcpu_block")).containsExactly("[halt polling, kvm_arch_vcpu_blocking, "
                + "kvm_vcpu_check_block, schedule, kvm_vcpu_check_block, kvm_arch_vcpu_unblocking]");
        assertThat(t.callsOf("schedule")).containsExactly("[context_switch]");
        // the thread leaves in the middle of context_switch and comes back there
        assertThat(t.callsOf("context_switch")).containsExactly("[kvm_sched_out, switch_to, kvm_sched_in]");
        assertThat(t.callsOf("kvm_arch_vcpu_put")).containsExactly("[kvm_timer_vcpu_put, kvm_arm_set_running_vcpu]");
        assertThat(t.callsOf("kvm_timer_vcpu_put")).containsExactly("[vtimer_save_state, set_cntvoff]");
        assertThat(t.callsOf("kvm_timer_vcpu_load"))
                .containsExactly("[irq_set_irqchip_state, set_cntvoff, vtimer_restore_state]");
        assertThat(t.callsOf("kvm_timer_schedule")).containsExactly("[vtimer_save_state, soft_timer_start]");
        assertThat(t.callsOf("kvm_timer_unschedule")).containsExactly("[vtimer_restore_state, soft_timer_cancel]");
        // irq-gic-v3.c v4.15 gic_handle_irq: read IAR (27), drop the priority, the handler, the chip's EOI, and read
        // IAR again: 1023 ends the loop
        assertThat(t.callsOf("gic_handle_irq")).containsExactly("[gic_read_iar, gic_write_eoir, "
                + "kvm_arch_timer_handler, gic_eoimode1_eoi_irq, gic_read_iar]");
    }

    @Test
    void flowTwoFindsTheWakeUpAtTheFirstCheckAndNeverSchedules() throws IOException {
        CallTree t = treeOf(Path.of("assets/scenarios/flow2-wakeup-at-first-check.scn"));
        assertKernelParents(t, "flow 2");
        assertThat(t.parentsOf).doesNotContainKeys("schedule", "context_switch", "kvm_sched_out", "kvm_sched_in");
        assertThat(t.parentsOf.get("kvm_vcpu_check_block")).containsExactly("kvm_vcpu_block");
        assertThat(t.parentsOf.get("kvm_timer_schedule")).containsExactly("kvm_arch_vcpu_blocking");
        assertThat(t.parentsOf.get("kvm_arch_vcpu_blocking")).containsExactly("kvm_vcpu_block");
        assertThat(t.parentsOf.get("kvm_vcpu_block")).containsExactly("kvm_handle_wfx");
        assertThat(t.callsOf("kvm_vcpu_block")).containsExactly("[halt polling, kvm_arch_vcpu_blocking, "
                + "kvm_vcpu_check_block, kvm_arch_vcpu_unblocking]");
        assertThat(t.callsOf("kvm_timer_schedule")).containsExactly("[vtimer_save_state, soft_timer_start]");
    }

    @Test
    void haltPollingChecksFromKvmVcpuBlockAndASuccessfulPollSkipsTheHooks() throws IOException {
        CallTree t = treeOf(Path.of("assets/scenarios/halt-poll-wakeup.scn"));
        assertKernelParents(t, "halt polling");
        assertThat(t.callsOf("kvm_vcpu_block"))
                .containsExactly("[halt polling, kvm_vcpu_check_block (poll)]");
        CallTree ends = treeOf(Path.of("assets/scenarios/halt-poll-window-ends.scn"));
        assertKernelParents(ends, "halt polling window ends");
        assertThat(ends.callsOf("kvm_vcpu_block")).allSatisfy(c -> assertThat(c)
                .startsWith("[halt polling, kvm_vcpu_check_block (poll)")
                .contains("kvm_arch_vcpu_blocking, kvm_vcpu_check_block"));
    }

    @Test
    void kvmRunIsBracketedByVcpuLoadAndVcpuPutInKvmVcpuIoctl() throws IOException {
        CallTree t = treeOf(Path.of("assets/scenarios/userspace-exit.scn"));
        assertKernelParents(t, "userspace exit");
        // the KVM_RUN the machine starts in (entered before the trace) ends with vcpu_put; the VMM's next KVM_RUN loads
        // the vCPU and runs the loop (still running at the end)
        assertThat(t.callsOf(IOCTL)).containsExactly("[vcpu_put]", "[vcpu_load, kvm_arch_vcpu_ioctl_run]");
        assertThat(t.parentsOf.get("vcpu_put")).containsExactly(IOCTL);
        assertThat(t.parentsOf.get("return to userspace")).containsExactly(ROOT);
    }

    @Test
    void aPreemptedVcpuIsSwitchedBackInInsideContextSwitch() throws IOException {
        CallTree t = treeOf(Path.of("assets/scenarios/preempt-resume.scn"));
        assertKernelParents(t, "preempt and resume");
        assertThat(t.parentsOf.get("schedule")).containsExactly(RUN); // cond_resched() in the run loop
        assertThat(t.parentsOf.get("kvm_sched_in")).containsExactly("context_switch");
    }

    @Test
    void everyShippedScenarioNestsAsTheKernelDoes() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String dir : List.of("assets/scenarios", "assets/scenarios/faults", "src/test/resources/conformance",
                "src/test/resources/regressions")) {
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".scn")).sorted().forEach(all::add);
            }
        }
        assertThat(all).hasSizeGreaterThan(30);
        for (Path p : all) {
            RunResult r = ScenarioRunner.run(p);
            assertKernelParents(CallTree.of(r.machine().trace(), r.machine().config()), p.toString());
        }
    }
}
