package vtimerlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import vtimerlab.engine.Value;

/** The comparison rules of checks, without a machine. */
class ExpectTest {

    private static Expect e(String path, Expect.Op op, Value v) {
        return new Expect(path, op, v);
    }

    @Test
    void registerPathsCompareUnsigned() {
        Expect ge = e("vcpu0.timer.cval", Expect.Op.GE, Value.of(1));
        assertThat(ge.holds(Value.of(-1L))).as("0xFFFF...FF is the largest CVAL").isTrue();
        assertThat(e("time", Expect.Op.GT, Value.of(Long.MAX_VALUE)).holds(Value.of(Long.MIN_VALUE))).isTrue();
        assertThat(e("pcpu0.timer.cntvoff", Expect.Op.LT, Value.of(-1L)).holds(Value.of(0))).isTrue();
        assertThat(e("vcpu1.timer.cntvct", Expect.Op.EQ, Value.of(-1L)).holds(Value.of(-1L))).isTrue();
    }

    @Test
    void otherPathsCompareSigned() {
        assertThat(e("vcpu0.timer.tval", Expect.Op.LT, Value.of(0)).holds(Value.of(-5))).isTrue();
        assertThat(e("vcpu0.timer.tval", Expect.Op.GE, Value.of(0)).holds(Value.of(-5))).isFalse();
        assertThat(e("stats.cycles", Expect.Op.NE, Value.of(3)).holds(Value.of(3))).isFalse();
        assertThat(e("stats.cycles", Expect.Op.LE, Value.of(3)).holds(Value.of(3))).isTrue();
    }

    @Test
    void namesCompareIgnoringCase() {
        Expect eq = e("vcpu0.mode", Expect.Op.EQ, Value.of("guest"));
        assertThat(eq.holds(Value.of("GUEST"))).isTrue();
        assertThat(eq.holds(Value.of("blocked"))).isFalse();
        assertThat(e("vcpu0.mode", Expect.Op.NE, Value.of("guest")).holds(Value.of("blocked"))).isTrue();
    }

    @Test
    void aNumberNeverEqualsAName() {
        assertThat(e("time", Expect.Op.EQ, Value.of(1)).holds(Value.of("1"))).isFalse();
        assertThat(e("time", Expect.Op.NE, Value.of(1)).holds(Value.of("1"))).isTrue();
        assertThat(e("vcpu0.mode", Expect.Op.EQ, Value.of("1")).holds(Value.of(1))).isFalse();
    }

    @Test
    void orderingNeedsANumber() {
        assertThatThrownBy(() -> e("vcpu0.mode", Expect.Op.LT, Value.of("guest")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failureMessage() {
        Expect x = e("vcpu0.timer.cval", Expect.Op.EQ, Value.of(1000));
        CheckFailure f = new CheckFailure("a.scn", 7, "expect vcpu0.timer.cval == 1000", x, Value.of(-1L));
        assertThat(f.message()).isEqualTo(
                "a.scn:7: expect vcpu0.timer.cval == 1000 failed: actual 18446744073709551615");
        CheckFailure hex = new CheckFailure("a.scn", 8, "expect vcpu0.timer.cval == 0x3e8", x, Value.of(255));
        assertThat(hex.message()).isEqualTo("a.scn:8: expect vcpu0.timer.cval == 0x3e8 failed: actual 0xff (255)");
        CheckFailure sym = new CheckFailure("a.scn", 9, "expect vcpu0.mode == guest",
                e("vcpu0.mode", Expect.Op.EQ, Value.of("guest")), Value.of("blocked"));
        assertThat(sym.message()).isEqualTo("a.scn:9: expect vcpu0.mode == guest failed: actual blocked");
    }
}
