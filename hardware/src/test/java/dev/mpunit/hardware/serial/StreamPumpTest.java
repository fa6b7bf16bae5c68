package dev.mpunit.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StreamPumpTest {

    @Test
    void everyByteArrivesInOrderBeforeTheEndAndTheStreamIsClosed() throws InterruptedException {
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(data) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        CountDownLatch ended = new CountDownLatch(1);
        StreamPump.start(in, "test-pump", (buffer, length) -> received.write(buffer, 0, length), ended::countDown);

        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(received.toByteArray()).isEqualTo(data);
        assertThat(closed).isTrue();
    }

    @Test
    void aBrokenStreamEndsLikeEndOfFileAfterWhatWasRead() throws InterruptedException {
        InputStream in = new InputStream() {
            private boolean sent;

            @Override
            public int read() throws IOException {
                throw new IOException("not used");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (sent) {
                    throw new IOException("Stream closed");
                }
                sent = true;
                buffer[offset] = 'x';
                return 1;
            }
        };
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        CountDownLatch ended = new CountDownLatch(1);
        StreamPump.start(in, "test-pump", (buffer, length) -> received.write(buffer, 0, length), ended::countDown);

        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(received.toString()).isEqualTo("x");
    }
}
