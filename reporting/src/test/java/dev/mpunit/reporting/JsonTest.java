package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void everyValueKindSurvivesARoundTrip() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n cr \r tab \t nul \0 bell \u0007 del \u007f é 😀 \u2028");
        value.put("none", null);
        value.put("yes", true);
        value.put("count", 42L);
        value.put("small", 7);
        value.put("list", Arrays.asList("a", null, List.of(), Map.of()));
        value.put("empty", Map.of());

        String json = Json.write(value);

        Map<String, Object> parsed = JsonReader.object(json);
        assertThat(parsed.get("text")).isEqualTo(value.get("text"));
        assertThat(parsed).containsEntry("none", null).containsEntry("yes", true).containsEntry("count", 42L)
                .containsEntry("small", 7L).containsEntry("list", Arrays.asList("a", null, List.of(), Map.of()))
                .containsEntry("empty", Map.of());
    }

    @Test
    void controlCharactersAreEscapedNotWrittenRaw() {
        assertThat(Json.write("a\0b\u001fc")).isEqualTo("\"a\\u0000b\\u001fc\"\n");
        assertThat(Json.write(List.of("x"))).isEqualTo("[\n  \"x\"\n]\n");
    }

    @Test
    void anUnknownTypeIsRefusedRatherThanWrittenWithToString() {
        assertThatThrownBy(() -> Json.write(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTestParserRejectsWhatIsNotJson() {
        assertThatThrownBy(() -> JsonReader.parse("{\"a\": 1,}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonReader.parse("\"raw\nnewline\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonReader.parse("[1] x")).isInstanceOf(IllegalArgumentException.class);
    }
}
