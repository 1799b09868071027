package vtimerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vtimerlab.engine.Command;
import vtimerlab.engine.Design;
import vtimerlab.engine.Fault;
import vtimerlab.engine.HandlerKind;
import vtimerlab.engine.MachineConfig;
import vtimerlab.engine.TimerRegister;
import vtimerlab.engine.Value;

/** The parser against scenario-language.md (the product contract), one test per table row. */
class ScenarioParserTest {

    private static final String MACHINE = "machine pcpus=2 vcpus=3 design=optimized\n";

    private static Scenario parse(String text) throws ScenarioException {
        return ScenarioParser.parse("t.scn", text);
    }

    /** The single line after a 2-CPU, 3-vCPU machine line. */
    private static ScenarioLine line(String text) throws ScenarioException {
        List<ScenarioLine> lines = parse(MACHINE + text + "\n").lines();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static Command command(String text) throws ScenarioException {
        ScenarioLine l = line(text);
        assertThat(l.isCheck()).isFalse();
        return l.command();
    }

    private static Expect expect(String text) throws ScenarioException {
        ScenarioLine l = line(text);
        assertThat(l.isCheck()).isTrue();
        return l.expect();
    }

    private static ScenarioException problems(String text) {
        return catchThrowableOfType(ScenarioException.class, () -> parse(text));
    }

    // ------------------------------------------------------------------------------------------------- set-up

    @Nested
    class SetUp {
        @Test
        void machineLineWithDefaults() throws Exception {
            // contract: `machine pcpus=N vcpus=M design=optimized|legacy [freq=HZ] [lrs=K] [halt_poll=T]`
            MachineConfig c = parse("machine pcpus=2 vcpus=3 design=legacy\n").config();
            assertThat(c).isEqualTo(MachineConfig.of(2, 3, Design.LEGACY));
            assertThat(c.freq()).isEqualTo(100_000_000L);
            assertThat(c.lrs()).isEqualTo(4);
            assertThat(c.haltPoll()).isZero();
        }

        @Test
        void machineLineWithEveryOptionInAnyOrderAndCase() throws Exception {
            MachineConfig c = parse("MACHINE halt_poll=0x10 lrs=2 freq=62500000 design=OPTIMIZED vcpus=4 pcpus=1")
                    .config();
            assertThat(c).isEqualTo(new MachineConfig(1, 4, Design.OPTIMIZED, 62_500_000L, 2, 16, Set.of(),
                    Map.of()));
        }

        @Test
        void faultLinesAnyNumber() throws Exception {
            // contract: `fault NAME` ... any number of lines
            MachineConfig c = parse(MACHINE + "fault no-hw-bit\nFAULT No-Bg-Cancel\n").config();
            assertThat(c.faults()).containsExactlyInAnyOrder(Fault.NO_HW_BIT, Fault.NO_BG_CANCEL);
        }

        @Test
        void guestHandlerEveryKind() throws Exception {
            // contract: `guest vcpuI handler=KIND`: manual, mask, eoi-first, disable, periodic:T
            MachineConfig c = parse("machine pcpus=1 vcpus=5 design=optimized\n"
                    + "guest vcpu0 handler=manual\nguest vcpu1 handler=mask\nguest vcpu2 handler=eoi-first\n"
                    + "guest vcpu3 handler=disable\nGuest VCPU4 Handler=periodic:1000\n").config();
            assertThat(c.handler(0)).isEqualTo(new HandlerKind.Manual());
            assertThat(c.handler(1)).isEqualTo(new HandlerKind.Mask());
            assertThat(c.handler(2)).isEqualTo(new HandlerKind.EoiFirst());
            assertThat(c.handler(3)).isEqualTo(new HandlerKind.Disable());
            assertThat(c.handler(4)).isEqualTo(new HandlerKind.Periodic(1000));
        }

        @Test
        void commentsBlankLinesAndCrLf() throws Exception {
            Scenario s = parse("# a lesson\r\n\r\n" + "machine pcpus=1 vcpus=1 design=optimized # trailing\r\n"
                    + "   \t\r\n" + "advance 10   # ten ticks\r\n");
            assertThat(s.lines()).containsExactly(ScenarioLine.of(5, "advance 10", new Command.Advance(10)));
        }
    }

    // ------------------------------------------------------------------------------------------------- time

    @Test
    void advance() throws Exception {
        // contract: `advance T`
        assertThat(command("advance 500")).isEqualTo(new Command.Advance(500));
        assertThat(command("ADVANCE 0x1f4")).isEqualTo(new Command.Advance(500));
    }

    @Test
    void step() throws Exception {
        // contract: `step [K]` (default 1)
        assertThat(command("step")).isEqualTo(new Command.Step(1));
        assertThat(command("step 7")).isEqualTo(new Command.Step(7));
    }

    // ------------------------------------------------------------------------------------------------- guest

    @Test
    void writeTimerRegisters() throws Exception {
        // contract: `vcpuI write REG VALUE`; TVAL takes a signed value
        assertThat(command("vcpu0 write CNTV_TVAL_EL0 1000"))
                .isEqualTo(new Command.GuestWrite(0, TimerRegister.CNTV_TVAL_EL0, 1000));
        assertThat(command("vcpu1 write cntv_tval_el0 -5"))
                .isEqualTo(new Command.GuestWrite(1, TimerRegister.CNTV_TVAL_EL0, -5));
        assertThat(command("vcpu1 write CNTV_TVAL_EL0 -2147483648"))
                .isEqualTo(new Command.GuestWrite(1, TimerRegister.CNTV_TVAL_EL0, Integer.MIN_VALUE));
        assertThat(command("vcpu1 write CNTV_TVAL_EL0 0x7fffffff"))
                .isEqualTo(new Command.GuestWrite(1, TimerRegister.CNTV_TVAL_EL0, Integer.MAX_VALUE));
        assertThat(command("vcpu2 write CNTV_CVAL_EL0 0xFFFFFFFFFFFFFFFF"))
                .isEqualTo(new Command.GuestWrite(2, TimerRegister.CNTV_CVAL_EL0, -1L));
        assertThat(command("vcpu2 write CNTV_CVAL_EL0 18446744073709551615"))
                .isEqualTo(new Command.GuestWrite(2, TimerRegister.CNTV_CVAL_EL0, -1L));
        assertThat(command("vcpu0 write CNTV_CTL_EL0 0x1"))
                .isEqualTo(new Command.GuestWrite(0, TimerRegister.CNTV_CTL_EL0, 1));
    }

    @Test
    void writeCtlFields() throws Exception {
        // contract: `CNTV_CTL_EL0` also takes fields: `enable=0|1 imask=0|1`
        assertThat(command("vcpu0 write CNTV_CTL_EL0 enable=1 imask=0"))
                .isEqualTo(new Command.GuestWriteCtlFields(0, 1, 0));
        assertThat(command("vcpu0 write CNTV_CTL_EL0 IMASK=1"))
                .isEqualTo(new Command.GuestWriteCtlFields(0, null, 1));
        assertThat(command("vcpu0 write CNTV_CTL_EL0 imask=1 enable=0"))
                .isEqualTo(new Command.GuestWriteCtlFields(0, 0, 1));
    }

    @Test
    void readTimerRegisters() throws Exception {
        // contract: `vcpuI read REG`; CNTVCT_EL0 is an extension
        for (TimerRegister r : List.of(TimerRegister.CNTV_CTL_EL0, TimerRegister.CNTV_CVAL_EL0,
                TimerRegister.CNTV_TVAL_EL0, TimerRegister.CNTVCT_EL0)) {
            assertThat(command("vcpu2 read " + r.name())).isEqualTo(new Command.GuestRead(2, r));
        }
    }

    @Test
    void wfi() throws Exception {
        assertThat(command("vcpu1 wfi")).isEqualTo(new Command.Wfi(1));
    }

    @Test
    void hvc() throws Exception {
        assertThat(command("vcpu1 HVC")).isEqualTo(new Command.Hvc(1));
    }

    @Test
    void irqsOffOn() throws Exception {
        // contract: `vcpuI irqs off|on`
        assertThat(command("vcpu0 irqs off")).isEqualTo(new Command.Irqs(0, false));
        assertThat(command("vcpu0 irqs ON")).isEqualTo(new Command.Irqs(0, true));
    }

    @Test
    void irqEnableDisable() throws Exception {
        // contract: `vcpuI irq-enable INTID` / `vcpuI irq-disable INTID`
        assertThat(command("vcpu0 irq-enable 27")).isEqualTo(new Command.IrqEnable(0, 27, true));
        assertThat(command("vcpu0 irq-disable 0x1b")).isEqualTo(new Command.IrqEnable(0, 27, false));
    }

    @Test
    void ackEoiDirAndTheirRegisterSpellings() throws Exception {
        // contract: `vcpuI ack` / `vcpuI eoi INTID` / `vcpuI dir INTID` = read ICC_IAR1_EL1; write ICC_EOIR1_EL1;
        // write ICC_DIR_EL1
        assertThat(command("vcpu0 ack")).isEqualTo(new Command.Ack(0));
        assertThat(command("vcpu0 read ICC_IAR1_EL1")).isEqualTo(new Command.Ack(0));
        assertThat(command("vcpu0 eoi 27")).isEqualTo(new Command.Eoi(0, 27));
        assertThat(command("vcpu0 write ICC_EOIR1_EL1 27")).isEqualTo(new Command.Eoi(0, 27));
        assertThat(command("vcpu0 dir 27")).isEqualTo(new Command.Dir(0, 27));
        assertThat(command("vcpu0 write icc_dir_el1 27")).isEqualTo(new Command.Dir(0, 27));
    }

    @Test
    void exitToUserspace() throws Exception {
        assertThat(command("vcpu2 exit-to-userspace")).isEqualTo(new Command.ExitToUserspace(2));
    }

    // ------------------------------------------------------------------------------------------------- host

    @Test
    void hostPreempt() throws Exception {
        assertThat(command("host preempt vcpu1")).isEqualTo(new Command.Preempt(1));
    }

    @Test
    void hostResume() throws Exception {
        assertThat(command("HOST RESUME VCPU1")).isEqualTo(new Command.Resume(1));
    }

    @Test
    void hostMigrate() throws Exception {
        assertThat(command("host migrate vcpu1 pcpu0")).isEqualTo(new Command.Migrate(1, 0));
    }

    @Test
    void hostSetCounter() throws Exception {
        assertThat(command("host set-counter vcpu0 0x100000000"))
                .isEqualTo(new Command.SetCounter(0, 0x1_0000_0000L));
    }

    // ------------------------------------------------------------------------------------------------- checks

    @Test
    void expectEveryOperator() throws Exception {
        // contract: `expect PATH OP VALUE` with OP one of ==, !=, <, <=, >, >=
        assertThat(expect("expect time == 10")).isEqualTo(new Expect("time", Expect.Op.EQ, Value.of(10)));
        assertThat(expect("expect time != 10").op()).isEqualTo(Expect.Op.NE);
        assertThat(expect("expect time < 10").op()).isEqualTo(Expect.Op.LT);
        assertThat(expect("expect time <= 10").op()).isEqualTo(Expect.Op.LE);
        assertThat(expect("expect time > 10").op()).isEqualTo(Expect.Op.GT);
        assertThat(expect("expect time >= 0x10").value()).isEqualTo(Value.of(16));
        assertThat(expect("expect vcpu0.timer.tval < -5").value()).isEqualTo(Value.of(-5));
        assertThat(expect("expect vcpu0.timer.cval == 0xFFFFFFFFFFFFFFFF").value()).isEqualTo(Value.of(-1L));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "time == 0",
        "pcpu1.timer.enable == 1", "pcpu1.timer.imask == 0", "pcpu1.timer.istatus == 0", "pcpu1.timer.cval == 0",
        "pcpu1.timer.cntvoff == 0", "pcpu1.timer.output == 0",
        "pcpu0.gic.irq27.state == inactive", "pcpu0.gic.irq27.state == pending", "pcpu0.gic.irq27.state == active",
        "pcpu0.gic.irq27.state == active_pending",
        "pcpu0.gic.irq27.forwarded == 1",
        "pcpu0.gic.eoimode == 1", "pcpu0.gic.running_priority == 0xff",
        "pcpu0.lr3.state == invalid", "pcpu0.lr0.hw == 1", "pcpu0.lr0.vintid == 27", "pcpu0.lr0.pintid == 27",
        "pcpu0.current == vcpu2", "pcpu0.current == idle", "pcpu0.current == other",
        "vcpu2.pcpu == 0",
        "vcpu0.mode == guest", "vcpu0.mode == host", "vcpu0.mode == blocked", "vcpu0.mode == preempted",
        "vcpu0.mode == userspace",
        "vcpu0.timer.loaded == 1",
        "vcpu0.timer.enable == 1", "vcpu0.timer.imask == 1", "vcpu0.timer.istatus == 1", "vcpu0.timer.cval == 1",
        "vcpu0.timer.tval == -1", "vcpu0.timer.cntvct == 1",
        "vcpu0.timer.bg_armed == 0",
        "vcpu0.virq27.state != active",
        "vcpu0.guest.timer_irqs >= 1",
        "stats.timer_sysreg_reads == 0", "stats.timer_sysreg_writes == 0",
        "stats.gic_accesses == 0", "stats.world_switches == 0", "stats.host_timer_irqs == 0", "stats.cycles > 0",
        "invariants.violations == 0"})
    void expectEveryPathOfTheContract(String check) throws Exception {
        // contract: the Checks table, every path
        Expect e = expect("expect " + check);
        assertThat(e.text()).isEqualTo("expect " + check.replace("0xff", "255"));
    }

    @Test
    void pathsAndSymbolsAreCaseInsensitive() throws Exception {
        assertThat(expect("EXPECT PCPU0.GIC.IRQ27.STATE == Active"))
                .isEqualTo(new Expect("pcpu0.gic.irq27.state", Expect.Op.EQ, Value.of("active")));
    }

    @Test
    void linesKeepNumberTextAndOrigin() throws Exception {
        ScenarioLine l = parse(MACHINE + "\n  vcpu0   wfi   # sleep\n").lines().get(0);
        assertThat(l.line()).isEqualTo(3);
        assertThat(l.text()).isEqualTo("vcpu0   wfi");
        assertThat(l.origin("t.scn").location()).isEqualTo("t.scn:3");
    }

    // ------------------------------------------------------------------------------------------------- errors

    @Nested
    class Malformed {
        private void fails(String text, int line, String... fragments) {
            ScenarioException e = problems(text);
            assertThat(e).as("expected a problem for:\n" + text).isNotNull();
            assertThat(e.problems()).hasSize(1);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.getMessage()).startsWith("t.scn:" + line + ": ");
            for (String f : fragments) {
                assertThat(e.getMessage()).contains(f);
            }
        }

        @Test
        void unknownCommand() {
            fails(MACHINE + "advance 1\nfly away\n", 3, "unknown command 'fly'");
        }

        @Test
        void unknownGuestAction() {
            fails(MACHINE + "vcpu0 sleep\n", 2, "unknown vCPU action 'sleep'", "wfi");
        }

        @Test
        void badNumber() {
            fails(MACHINE + "advance 12x\n", 2, "bad number '12x'");
            fails(MACHINE + "advance 0x\n", 2, "bad number");
            fails(MACHINE + "advance -1\n", 2, "advance T is unsigned (0..18446744073709551615)");
        }

        @Test
        void tvalOutOfRange() {
            fails(MACHINE + "vcpu0 write CNTV_TVAL_EL0 2147483648\n", 2, "signed 32-bit");
            fails(MACHINE + "vcpu0 write CNTV_TVAL_EL0 -2147483649\n", 2, "signed 32-bit");
            fails(MACHINE + "vcpu0 write CNTV_TVAL_EL0 0xFFFFFFFF\n", 2, "signed 32-bit");
        }

        @Test
        void cvalOutOfRange() {
            fails(MACHINE + "vcpu0 write CNTV_CVAL_EL0 0x10000000000000000\n", 2, "64-bit");
            fails(MACHINE + "vcpu0 write CNTV_CVAL_EL0 18446744073709551616\n", 2, "64-bit");
            fails(MACHINE + "vcpu0 write CNTV_CVAL_EL0 -1\n", 2, "unsigned");
        }

        @Test
        void setUpAfterACommand() {
            fails(MACHINE + "advance 1\nfault no-hw-bit\n", 3, "set-up", "before the first other command (line 2)");
            fails(MACHINE + "expect time == 0\nguest vcpu0 handler=manual\n", 3, "set-up");
        }

        @Test
        void missingMachineLine() {
            fails("# no machine\nadvance 10\n", 2, "expected 'machine pcpus=N vcpus=M design=optimized|legacy");
            fails("", 1, "expected 'machine pcpus=N", "empty scenario");
        }

        @Test
        void machineLineNotFirstOrTwice() {
            fails("fault no-hw-bit\nmachine pcpus=1 vcpus=1 design=legacy\n", 2, "must be the first line");
            fails(MACHINE + MACHINE, 2, "only one machine line", "line 1");
        }

        @Test
        void malformedMachineLine() {
            fails("machine pcpus=2 vcpus=2\n", 1, "expected 'machine pcpus=N vcpus=M design=optimized|legacy",
                    "missing design=");
            fails("machine pcpus=2 vcpus=2 design=fast\n", 1, "unknown design 'fast'");
            fails("machine pcpus=0 vcpus=2 design=legacy\n", 1, "pcpus must be 1..64");
            fails("machine pcpus=1 vcpus=1 design=legacy colour=red\n", 1, "unknown machine setting 'colour'");
            fails("machine pcpus=1 pcpus=2 vcpus=1 design=legacy\n", 1, "given twice");
            fails("machine pcpus=1 vcpus=1 design=legacy lrs=17\n", 1, "lrs must be 1..16");
        }

        @Test
        void vcpuIndexOutOfRange() {
            fails(MACHINE + "vcpu3 wfi\n", 2, "vcpu3 does not exist", "3 vCPUs (vcpu0..vcpu2)");
            fails(MACHINE + "host preempt vcpu7\n", 2, "vcpu7 does not exist");
            fails(MACHINE + "guest vcpu3 handler=mask\n", 2, "vcpu3 does not exist");
        }

        @Test
        void pcpuIndexOutOfRange() {
            fails(MACHINE + "host migrate vcpu0 pcpu2\n", 2, "pcpu2 does not exist", "(pcpu0..pcpu1)");
        }

        @Test
        void unknownPathShape() {
            fails(MACHINE + "expect pcpu0.timer.colour == 1\n", 2, "unknown path 'pcpu0.timer.colour'",
                    "pcpuN.gic.irqX.state");
            fails(MACHINE + "expect vcpu0.timer.cval.x == 1\n", 2, "unknown path");
        }

        @Test
        void pathIndexOutOfRange() {
            fails(MACHINE + "expect pcpu9.timer.cval == 1\n", 2, "pcpu9 does not exist");
            fails(MACHINE + "expect pcpu0.lr4.state == invalid\n", 2, "lr4 does not exist");
        }

        @Test
        void unknownHandler() {
            fails(MACHINE + "guest vcpu0 handler=sleepy\n", 2, "unknown handler 'sleepy'", "periodic:T");
            fails(MACHINE + "guest vcpu0 handler=periodic:0\n", 2, "periodic:T");
        }

        @Test
        void handlerTwice() {
            fails(MACHINE + "guest vcpu0 handler=mask\nguest vcpu0 handler=manual\n", 3, "already set at line 2");
        }

        @Test
        void unknownFaultListsTheValidOnes() {
            fails(MACHINE + "fault no-timer\n", 2, "unknown fault 'no-timer'", "no-eoimode-split", "no-hw-bit",
                    "legacy-no-active-write");
        }

        @Test
        void orderingOperatorWithASymbol() {
            fails(MACHINE + "expect vcpu0.mode < guest\n", 2, "'<' compares numbers", "== or !=");
        }

        @Test
        void symbolAndNumberMismatches() {
            fails(MACHINE + "expect vcpu0.mode == 1\n", 2, "holds a name");
            fails(MACHINE + "expect time == active\n", 2, "holds a number");
            fails(MACHINE + "expect pcpu0.lr0.state == inactive\n", 2, "invalid, pending");
            fails(MACHINE + "expect pcpu0.current == vcpu3\n", 2, "vcpu0..vcpu2");
            fails(MACHINE + "expect time =< 3\n", 2, "unknown comparison '=<'");
        }

        @Test
        void cntvoffIsAnEl2Register() {
            fails(MACHINE + "vcpu0 write CNTVOFF_EL2 5\n", 2,
                    "CNTVOFF_EL2 is an EL2 register: only the hypervisor writes it; "
                            + "use 'host set-counter vcpuI VALUE'");
            fails(MACHINE + "vcpu0 read cntvoff_el2\n", 2, "CNTVOFF_EL2 is an EL2 register");
        }

        @Test
        void readOnlyAndWriteOnlyRegisters() {
            fails(MACHINE + "vcpu0 write CNTVCT_EL0 5\n", 2, "read-only");
            fails(MACHINE + "vcpu0 write ICC_IAR1_EL1 5\n", 2, "read-only");
            fails(MACHINE + "vcpu0 read ICC_EOIR1_EL1\n", 2, "write-only");
            fails(MACHINE + "vcpu0 write CNTV_CTL_EL0 istatus=1\n", 2, "read-only");
            fails(MACHINE + "vcpu0 write CNTV_CTL_EL0 enable=2\n", 2, "0 or 1");
            fails(MACHINE + "vcpu0 write FOO_EL1 5\n", 2, "unknown register 'FOO_EL1'");
        }

        @Test
        void wrongNumberOfWords() {
            fails(MACHINE + "vcpu0 wfi now\n", 2, "expected 'vcpuI wfi'");
            fails(MACHINE + "advance\n", 2, "expected 'advance T'");
            fails(MACHINE + "expect time ==\n", 2, "expected 'expect PATH OP VALUE'");
            fails(MACHINE + "host migrate vcpu0\n", 2, "expected 'host migrate vcpuI pcpuJ'");
        }
    }

    @Test
    void everyProblemOfAFileIsReportedInLineOrder() {
        ScenarioException e = problems(MACHINE
                + "advance ten\n"                  // 2
                + "vcpu0 wfi\n"                    // 3 fine
                + "vcpu5 hvc\n"                    // 4
                + "fault no-hw-bit\n"              // 5 set-up after a command
                + "expect vcpu0.mode >= guest\n"   // 6
                + "jump\n");                       // 7
        assertThat(e).isNotNull();
        assertThat(e.problems()).extracting(ScenarioException.Problem::line).containsExactly(2, 4, 5, 6, 7);
        assertThat(e.messages()).allSatisfy(m -> assertThat(m).matches("t\\.scn:\\d+: .+"));
        assertThat(e.getMessage().lines()).hasSize(5);
    }

    @Test
    void missingMachineStillReportsOtherProblems() {
        ScenarioException e = problems("advance 1\nvcpu0 bogus\n");
        assertThat(e.problems()).extracting(ScenarioException.Problem::line).containsExactly(1, 2);
    }

    @Test
    void parseLineForTheConsole() throws Exception {
        MachineConfig c = MachineConfig.of(1, 2, Design.OPTIMIZED);
        assertThat(ScenarioParser.parseLine("<sandbox>", 4, "vcpu1 wfi # zzz", c))
                .contains(ScenarioLine.of(4, "vcpu1 wfi", new Command.Wfi(1)));
        assertThat(ScenarioParser.parseLine("<sandbox>", 4, "  # nothing", c)).isEmpty();
        assertThatThrownBy(() -> ScenarioParser.parseLine("<sandbox>", 4, "fault no-hw-bit", c))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("<sandbox>:4: ")
                .hasMessageContaining("set-up");
        assertThatThrownBy(() -> ScenarioParser.parseLine("<sandbox>", 5, "vcpu2 wfi", c))
                .hasMessage("<sandbox>:5: vcpu2 does not exist: the machine has 2 vCPUs (vcpu0..vcpu1)");
    }
}
