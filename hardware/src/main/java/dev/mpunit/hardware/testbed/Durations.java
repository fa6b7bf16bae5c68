package dev.mpunit.hardware.testbed;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the durations an inventory writes: "500ms", "1s", "1.5s", "2min", "1h", or plain seconds. */
final class Durations {

    static final String ACCEPTED = "a duration such as \"500ms\", \"1s\", \"1.5s\", \"2min\", \"1h\", or plain seconds (2)";

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|min|h)?");

    /** Larger than any sensible timeout, small enough that the arithmetic never overflows. */
    private static final BigDecimal MOST_MILLIS = BigDecimal.valueOf(Duration.ofDays(365).toMillis());

    private Durations() {
    }

    /** The duration, or empty when the text is none (negative durations are none either). */
    static Optional<Duration> parse(String text) {
        Matcher matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return ofMillis(new BigDecimal(matcher.group(1)).multiply(millisPer(matcher.group(2))));
    }

    static Optional<Duration> ofSeconds(BigDecimal seconds) {
        if (seconds.signum() < 0) {
            return Optional.empty();
        }
        return ofMillis(seconds.multiply(BigDecimal.valueOf(1000)));
    }

    static boolean looksNegative(String text) {
        return text.strip().startsWith("-");
    }

    private static Optional<Duration> ofMillis(BigDecimal millis) {
        if (millis.compareTo(MOST_MILLIS) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(millis.multiply(BigDecimal.valueOf(1_000_000)).longValue()));
    }

    private static BigDecimal millisPer(String unit) {
        if (unit == null) {
            return BigDecimal.valueOf(1000);
        }
        return switch (unit) {
            case "ms" -> BigDecimal.ONE;
            case "s" -> BigDecimal.valueOf(1000);
            case "min" -> BigDecimal.valueOf(60_000);
            case "h" -> BigDecimal.valueOf(3_600_000);
            default -> throw new IllegalStateException("pattern admits unit " + unit);
        };
    }
}
