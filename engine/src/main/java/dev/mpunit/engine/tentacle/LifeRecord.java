package dev.mpunit.engine.tentacle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What happened to one tentacle during a run, in order and with times: the run's report
 * ({@code micropython.tentacle-life}) shows it, so that an operator sees which board was powered,
 * checked, flashed (and why) or power-cycled, and tests assert on it.
 */
public final class LifeRecord {

    /** The steps of a tentacle's life, by the words the record shows. */
    public enum Action {
        LOCK("lock"), HAND_CONNECTED("hand-connected"), POWER_ON("power on"), DELAY("delay"),
        PORT_FOUND("port found"), FIRMWARE_CHECK("firmware check"), BOOT_MODE("boot mode"), FLASH("flash"),
        POWER_CYCLE("power cycle"), TESTS("tests"), POWER_OFF("power off"), RELEASE("release"), FAILED("failed");

        private final String words;

        Action(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** One action: when, what, and what came of it. */
    public record Step(Instant at, Action action, String detail) {

        /** {@code 2026-12-06T22:50:01.123Z power on: port 3 of hub 1-4.1}. */
        public String line() {
            return at + " " + action.words() + ": " + detail;
        }
    }

    private final Clock clock;
    private final List<Step> steps = new ArrayList<>();

    LifeRecord(Clock clock) {
        this.clock = clock;
    }

    LifeRecord() {
        this(Clock.systemUTC());
    }

    synchronized void add(Action action, String detail) {
        steps.add(new Step(clock.instant(), action, detail));
    }

    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The record as the report shows it, one step per line. */
    public synchronized String text() {
        return steps.stream().map(Step::line).collect(Collectors.joining("\n"));
    }
}
