package dev.mpunit.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class UploadTest {

    @Test
    void aParameterGivenAsNullOrBlankIsOneNotGiven() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("testbed", null);
        parameters.put("trigger", "  ");
        parameters.put("group", " RUN-TESTS_STANDARD ");

        Upload upload = new Upload(new byte[0], null, Optional.empty(), parameters, ZoneOffset.UTC);

        assertThat(upload.parameter("testbed")).isEmpty();
        assertThat(upload.parameter("trigger")).isEmpty();
        assertThat(upload.parameter("group")).contains("RUN-TESTS_STANDARD");
    }
}
