package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the console and the summary tell of a tentacle, from records as the engine writes them. */
class TentacleStoryTest {

    static final String DIFFERED = "version micro:bit v1.0.1+unknown on 2023-02-24; MicroPython v1.9.2-34-gd64154c73"
            + " on 2017-09-02 installed, micro:bit v1.0.1+unknown on 2023-02-24; MicroPython v1.9.2-34-gd64154c73 on"
            + " 2017-09-01 wanted (no sys.implementation._build: compared by version)";

    /** A tentacle whose firmware differed: flashed, checked again, tests, released (docs/tentacles.md's record). */
    static final String FLASHED = """
            2026-12-06T22:51:27.612Z lock: took the testbed lock /tmp/sim/testbed.lock
            2026-12-06T22:51:27.637Z power on: port 3 of hub 1-2
            2026-12-06T22:51:27.737Z delay: 100 ms (power_on_delay)
            2026-12-06T22:51:27.738Z port found: /dev/pts/3 at 1-2.3
            2026-12-06T22:51:28.736Z firmware check: differs from MICROBIT: %s
            2026-12-06T22:51:29.306Z boot mode: relay 1 closed over a power cycle: 1-2.3 0d28:0204 "boot loader (simulated)"
            2026-12-06T22:51:29.323Z flash: MICROBIT from /tmp/sim/firmware/MICROBIT.hex (%s); command took 4 ms
            2026-12-06T22:51:29.323Z power cycle: port 3 of hub 1-2: off and on into the new firmware
            2026-12-06T22:51:29.653Z power on: port 3 of hub 1-2
            2026-12-06T22:51:29.754Z delay: 100 ms (power_on_delay)
            2026-12-06T22:51:29.754Z port found: /dev/pts/3 at 1-2.3
            2026-12-06T22:51:30.746Z firmware check: matches MICROBIT after flashing: already installed
            2026-12-06T22:51:30.746Z tests: MICROBIT
            2026-12-06T22:51:40.656Z power off: port 3 of hub 1-2
            2026-12-06T22:51:40.656Z release: the worker let the tentacle go""".formatted(DIFFERED, DIFFERED);

    /** Firmware matched; the board locked up twice and was power-cycled back each time. */
    static final String RECOVERED = """
            2026-12-06T22:51:27.612Z lock: took the testbed lock /tmp/sim/testbed.lock
            2026-12-06T22:51:27.640Z power on: port 3 of hub 1-1
            2026-12-06T22:51:27.740Z delay: 100 ms (power_on_delay)
            2026-12-06T22:51:27.741Z port found: /dev/pts/2 at 1-1.3
            2026-12-06T22:51:28.700Z firmware check: matches MICROBIT: already installed
            2026-12-06T22:51:28.700Z tests: MICROBIT
            2026-12-06T22:51:33.100Z power cycle: port 3 of hub 1-1: off, to recover the board (the recovery ladder's hard reset)
            2026-12-06T22:51:33.400Z power on: port 3 of hub 1-1
            2026-12-06T22:51:33.500Z delay: 100 ms (power_on_delay)
            2026-12-06T22:51:33.501Z port found: /dev/pts/5 at 1-1.3
            2026-12-06T22:51:36.100Z power cycle: port 3 of hub 1-1: off, to recover the board (the recovery ladder's hard reset)
            2026-12-06T22:51:36.400Z power on: port 3 of hub 1-1
            2026-12-06T22:51:36.500Z delay: 100 ms (power_on_delay)
            2026-12-06T22:51:36.501Z port found: /dev/pts/6 at 1-1.3
            2026-12-06T22:51:40.600Z power off: port 3 of hub 1-1
            2026-12-06T22:51:40.600Z release: the worker let the tentacle go""";

    static final String PROGRAMMER_FAILED = "flashing MICROBIT onto tentacle 0003-MICROBIT failed (exit 2 after 3 ms):"
            + " cannot write flash: device busy. Check the tentacle's programmer entry in the inventory"
            + " (docs/inventory.md) and that the tool can write this board by hand; micropython.flash=skip runs the"
            + " board as it is";

    /** Its programmer failed: taken out, its files went to the others. */
    static final String FAILED = """
            2026-12-06T22:51:27.612Z lock: took the testbed lock /tmp/sim/testbed.lock
            2026-12-06T22:51:27.650Z power on: port 3 of hub 1-3
            2026-12-06T22:51:27.750Z delay: 100 ms (power_on_delay)
            2026-12-06T22:51:27.751Z port found: /dev/pts/4 at 1-3.3
            2026-12-06T22:51:28.760Z firmware check: differs from MICROBIT: %s
            2026-12-06T22:51:29.300Z boot mode: relay 1 closed over a power cycle: 1-3.3 0d28:0204 "boot loader (simulated)"
            2026-12-06T22:51:29.310Z failed: %s
            2026-12-06T22:51:29.311Z power off: port 3 of hub 1-3
            2026-12-06T22:51:29.311Z release: the worker let the tentacle go""".formatted(DIFFERED, PROGRAMMER_FAILED);

    static final String HAND_CONNECTED = """
            2026-12-06T22:51:27.612Z hand-connected: device /dev/ttyACM0: no lock, power or flash steps; the board runs the firmware it has
            2026-12-06T22:51:27.700Z tests: RPI_PICO
            2026-12-06T22:51:40.600Z release: the worker let the tentacle go (left powered, as it was found)""";

    /** Firmware matched, nothing else happened. */
    static final String AS_FOUND = """
            2026-12-06T22:51:27.612Z lock: took the testbed lock /tmp/sim/testbed.lock
            2026-12-06T22:51:27.640Z power on: port 3 of hub 1-4
            2026-12-06T22:51:27.740Z delay: 100 ms (power_on_delay)
            2026-12-06T22:51:27.741Z port found: /dev/pts/7 at 1-4.3
            2026-12-06T22:51:28.700Z firmware check: matches MICROBIT: already installed
            2026-12-06T22:51:28.700Z tests: MICROBIT
            2026-12-06T22:51:40.600Z power off: port 3 of hub 1-4
            2026-12-06T22:51:40.600Z release: the worker let the tentacle go""";

    /** The records of a testbed run, by tentacle label, as the engine publishes them. */
    static final Map<String, String> LIVES = Map.of("0001-MICROBIT", RECOVERED, "0002-MICROBIT", FLASHED,
            "0003-MICROBIT", FAILED, "0004-MICROBIT", AS_FOUND);

    private static TentacleStory story(String tentacle, String life) {
        return TentacleStory.of(TentacleRecord.parse(tentacle, life));
    }

    @Test
    void aFlashedTentacleSaysWhatItWasFlashedWithAndWhy() {
        TentacleStory story = story("0002-MICROBIT", FLASHED);

        assertThat(story.console()).isEqualTo("flashed MICROBIT (firmware differed: " + DIFFERED + ")");
        assertThat(story.variants()).containsExactly("MICROBIT");
        assertThat(story.firmwareCheck()).isEqualTo("differs, matches after flashing");
        assertThat(story.flashed()).containsExactly("MICROBIT");
        assertThat(story.recoveries()).as("the power cycle into the new firmware is no recovery").isZero();
        assertThat(story.result()).isEqualTo("released");
    }

    @Test
    void aRecoveredTentacleCountsItsPowerCyclesOfTheRecoveryLadder() {
        TentacleStory story = story("0001-MICROBIT", RECOVERED);

        assertThat(story.console()).isEqualTo("power-cycled 2× to recover");
        assertThat(story.firmwareCheck()).isEqualTo("matches");
        assertThat(story.flashed()).isEmpty();
        assertThat(story.recoveries()).isEqualTo(2);
    }

    @Test
    void aFailedTentacleSaysTheMessageWithItsFix() {
        TentacleStory story = story("0003-MICROBIT", FAILED);

        assertThat(story.console()).isEqualTo("failed: " + PROGRAMMER_FAILED);
        assertThat(story.result()).isEqualTo("failed: " + PROGRAMMER_FAILED);
        assertThat(story.flashed()).as("the programmer failed: nothing was flashed").isEmpty();
        assertThat(story.firmwareCheck()).isEqualTo("differs");
    }

    @Test
    void aHandConnectedBoardWasNeitherPoweredNorFlashed() {
        TentacleStory story = story("/dev/ttyACM0#1", HAND_CONNECTED);

        assertThat(story.console()).isEqualTo("hand-connected: not powered or flashed");
        assertThat(story.firmwareCheck()).isEqualTo("none (hand-connected)");
        assertThat(story.variants()).containsExactly("RPI_PICO");
        assertThat(story.result()).isEqualTo("ran as connected");
    }

    @Test
    void aTentacleNothingHappenedToRanAsFound() {
        assertThat(story("0004-MICROBIT", AS_FOUND).console()).isEqualTo("as found (firmware check: matches)");
        assertThat(story("0005-MICROBIT", AS_FOUND.replace("matches MICROBIT: already installed",
                "skipped (micropython.flash=skip): the board runs the firmware it has as MICROBIT")).console())
                .isEqualTo("as found (firmware check: skipped)");
    }

    @Test
    void aRecordReadBackFromItsJsonIsTheSame() {
        TentacleRecord record = TentacleRecord.parse("0002-MICROBIT", FLASHED);

        assertThat(TentacleRecord.fromJson(JsonReader.object(Json.write(record.toJson())))).isEqualTo(record);
        assertThat(record.steps()).extracting(TentacleRecord.Step::action).containsExactly("lock", "power on", "delay",
                "port found", "firmware check", "boot mode", "flash", "power cycle", "power on", "delay", "port found",
                "firmware check", "tests", "power off", "release");
        assertThat(List.of(record.steps().get(0))).containsExactly(new TentacleRecord.Step("2026-12-06T22:51:27.612Z",
                "lock", "took the testbed lock /tmp/sim/testbed.lock"));
    }
}
