package dev.mpunit.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class UploadedFileTest {

    @Test
    void theMediaTypeComesFromTheEndingOrTheContent() {
        assertThat(file("RUN-X@y/context_test.json", "{}").mediaType()).isEqualTo("application/json");
        assertThat(file("timeline.svg", "<svg/>").mediaType()).isEqualTo("image/svg+xml");
        assertThat(file("RUN-X@y/basics_list1.py.out", "<script>alert(1)</script>\n").mediaType()).isEqualTo("text/plain");
        assertThat(new UploadedFile("RUN-X@y/a.py.out", new byte[] {'a', 0, 'b'}).mediaType())
                .isEqualTo("application/octet-stream");
        assertThat(new UploadedFile("logs.d/raw", new byte[] {(byte) 0xff, (byte) 0xfe}).mediaType())
                .isEqualTo("application/octet-stream");
    }

    private static UploadedFile file(String path, String content) {
        return new UploadedFile(path, content.getBytes(StandardCharsets.UTF_8));
    }
}
