package dev.mpunit.hardware;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The script that imports a test compiled to {@code .mpy} from the bytes it holds. */
final class CompiledTest {

    private static final String IMPORTER = "mpy_import.py";

    private CompiledTest() {
    }

    /** {@code _mpunit_mpy = b'…'} and the importer: ASCII only, as any target reads it. */
    static byte[] importer(byte[] mpy) {
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        script.writeBytes("_mpunit_mpy = b'".getBytes(StandardCharsets.US_ASCII));
        for (byte b : mpy) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
                script.write(c);
            } else {
                script.writeBytes(String.format("\\x%02x", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        script.writeBytes("'\n".getBytes(StandardCharsets.US_ASCII));
        try (InputStream in = CompiledTest.class.getResourceAsStream(IMPORTER)) {
            if (in == null) {
                throw new IllegalStateException(IMPORTER + " is missing from the mpunit-hardware jar");
            }
            script.writeBytes(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + IMPORTER + " from the mpunit-hardware jar", e);
        }
        return script.toByteArray();
    }
}
