package dev.mpunit.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The engine's sources keep one outcome sink: only {@link Outcomes} (and the {@link TreeListener}
 * it orders events through) reach JUnit's execution listener, so a verdict, a failed build, a lost
 * tentacle or a cancellation cannot become events anywhere else.
 */
class OutcomeSinkTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/mpunit/engine");
    private static final Pattern EVENTS = Pattern.compile("\\b(executionStarted|executionFinished|executionSkipped"
            + "|reportingEntryPublished|fileEntryPublished|dynamicTestRegistered|getEngineExecutionListener"
            + "|TreeListener)\\b");

    @Test
    void onlyTheSinkCreatesExecutionEvents() throws IOException {
        assertThat(SOURCES).isDirectory();
        List<String> creating;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            creating = files.filter(file -> file.toString().endsWith(".java")).filter(OutcomeSinkTest::mentionsEvents)
                    .map(file -> SOURCES.relativize(file).toString()).sorted().toList();
        }
        // TestRunExecution hands JUnit's listener to the sink and never calls it.
        assertThat(creating).containsExactly("execution/Outcomes.java", "execution/TestRunExecution.java",
                "execution/TreeListener.java");
        assertThat(Files.readString(SOURCES.resolve("execution/TestRunExecution.java")))
                .doesNotContainPattern("\\.(executionStarted|executionFinished|executionSkipped|reportingEntryPublished"
                        + "|fileEntryPublished|dynamicTestRegistered)\\(");
    }

    private static boolean mentionsEvents(Path file) {
        try {
            return EVENTS.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
