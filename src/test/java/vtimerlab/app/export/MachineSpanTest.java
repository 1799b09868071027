package vtimerlab.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A span of machine time as a lecturer types it for an animation: counter ticks as {@code advance T} counts them
 * (decimal or 0x hex), or a time at the machine's counter frequency, rounded up to whole ticks.
 */
class MachineSpanTest {
    private static final long HZ_100M = 100_000_000L; // the scenario language's default frequency

    @Test
    void ticksAndTimesAtTheCountersFrequency() {
        assertThat(MachineSpan.parse("1000").ticks(HZ_100M)).isEqualTo(1000);
        assertThat(MachineSpan.parse("0x100").ticks(HZ_100M)).isEqualTo(256);
        assertThat(MachineSpan.parse("250ticks").ticks(HZ_100M)).isEqualTo(250);
        assertThat(MachineSpan.parse("10us").ticks(HZ_100M)).isEqualTo(1000);
        assertThat(MachineSpan.parse("10µs").ticks(HZ_100M)).isEqualTo(1000);
        assertThat(MachineSpan.parse("2ms").ticks(HZ_100M)).isEqualTo(200_000);
        assertThat(MachineSpan.parse("1s").ticks(HZ_100M)).isEqualTo(HZ_100M);
        assertThat(MachineSpan.parse("15ns").ticks(HZ_100M)).as("rounded up to whole ticks").isEqualTo(2);
        assertThat(MachineSpan.parse("1ns").ticks(62_500_000L)).as("never less than a tick").isEqualTo(1);
        assertThat(MachineSpan.parse("3us").ticks(62_500_000L)).isEqualTo(188); // 187.5 ticks
    }

    @Test
    void writtenAsTheWindowAndTheCommandLineShowIt() {
        assertThat(MachineSpan.parse("10us")).hasToString("10 µs");
        assertThat(MachineSpan.parse("1")).hasToString("1 tick");
        assertThat(MachineSpan.parse("10us").written()).isEqualTo("10us");
        assertThat(MachineSpan.parse(MachineSpan.parse("1500").written())).isEqualTo(MachineSpan.parse("1500"));
        assertThat(MachineSpan.describe(2500, HZ_100M)).isEqualTo("2,500 ticks (25 µs)");
    }

    @Test
    void theExportDialogSaysWhatASpanIsInTheMachinesTicks() {
        assertThat(MachineSpan.parse("10us").atFrequency(HZ_100M)).isEqualTo("= 1,000 ticks (10 µs) at 100 MHz");
        assertThat(MachineSpan.parse("500").atFrequency(62_500_000L)).isEqualTo("= 500 ticks (8 µs) at 62.5 MHz");
        // a time shorter than a tick is one tick
        assertThat(MachineSpan.parse("1ns").atFrequency(24_000_000L)).isEqualTo("= 1 tick (0.0417 µs) at 24 MHz");
        assertThat(MachineSpan.frequency(1_000_000_000L)).isEqualTo("1 GHz");
        assertThat(MachineSpan.frequency(32_768)).isEqualTo("32.77 kHz");
        assertThat(MachineSpan.frequency(7)).isEqualTo("7 Hz");
    }

    @Test
    void whatIsNotASpanIsRefusedSayingWhatIs() {
        for (String bad : new String[] {"", "us", "10 parsecs", "-5us", "1.5us", "0", "0us",
                "99999999999999999999999"}) {
            assertThatThrownBy(() -> MachineSpan.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> MachineSpan.parse("10 parsecs")).hasMessageContaining("10us");
    }
}
