package dev.mpunit.hardware.tentacle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The recorded USB trees in src/test/resources/dev/mpunit/hardware/tentacle. */
final class Fixtures {

    static final String T2731 = "E46340474B4C2731";
    static final String T1331 = "E46340474B0E1331";
    static final String T5425 = "DE646CC20B925425";

    private Fixtures() {}

    /** A fixture's lines: the recorded kernel logs. */
    static java.util.List<String> lines(String name) {
        return text(name).lines().toList();
    }

    private static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecordedUsbTree tree(String name) {
        try {
            return RecordedUsbTree.parse(name, text(name));
        } catch (TentacleException e) {
            throw new IllegalStateException(e);
        }
    }
}
