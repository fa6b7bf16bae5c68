package dev.mpunit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Upstream's own answer to "which ports does this change concern": the {@code on:} filters of a
 * MicroPython checkout's {@code .github/workflows/ports_*.yml}, read as they are (never a copied table).
 */
final class PortWorkflows {

    static final String FOLDER = ".github/workflows";
    private static final String PREFIX = "ports_";

    private PortWorkflows() {
    }

    /** @throws IllegalArgumentException no workflows there, or one that cannot be read (one line) */
    static List<PortWorkflow> read(Path checkout) {
        Path folder = checkout.resolve(FOLDER);
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(PREFIX) && (name.endsWith(".yml") || name.endsWith(".yaml"));
            }).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(checkout + " has no " + FOLDER + "/: give a MicroPython checkout (--micropython)");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(folder + " has no ports_*.yml: give a MicroPython checkout (--micropython)");
        }
        List<PortWorkflow> workflows = new ArrayList<>();
        for (Path file : files) {
            try {
                workflows.add(parse(file.getFileName().toString(), Files.readString(file)));
            } catch (IOException | YAMLException | IllegalArgumentException | ClassCastException e) {
                throw new IllegalArgumentException(file + " cannot be read as a workflow: "
                        + String.join(" ", String.valueOf(e.getMessage()).lines().toList()));
            }
        }
        return workflows;
    }

    static PortWorkflow parse(String fileName, String yaml) {
        String port = fileName.substring(PREFIX.length(), fileName.lastIndexOf('.'));
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(document instanceof Map<?, ?> workflow)) {
            throw new IllegalArgumentException("no mapping at its top");
        }
        // YAML 1.1, which SnakeYAML reads, takes a bare on as the boolean true.
        Object on = workflow.containsKey("on") ? workflow.get("on") : workflow.get(Boolean.TRUE);
        for (String event : List.of("pull_request", "push")) {
            if (triggers(on, event)) {
                Object filter = on instanceof Map<?, ?> events ? events.get(event) : null;
                return new PortWorkflow(fileName, port, Optional.of(event), PathFilter.of(patterns(filter, "paths")),
                        PathFilter.of(patterns(filter, "paths-ignore")));
            }
        }
        return new PortWorkflow(fileName, port, Optional.empty(), PathFilter.of(List.of()), PathFilter.of(List.of()));
    }

    /** {@code on: push}, {@code on: [push, pull_request]} and {@code on: {pull_request: …}} all name events. */
    private static boolean triggers(Object on, String event) {
        if (on instanceof Map<?, ?> events) {
            return events.containsKey(event);
        }
        if (on instanceof List<?> events) {
            return events.contains(event);
        }
        return event.equals(on);
    }

    private static List<String> patterns(Object filter, String key) {
        if (!(filter instanceof Map<?, ?> fields) || fields.get(key) == null) {
            return List.of();
        }
        Object value = fields.get(key);
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        return items.stream().map(String::valueOf).toList();
    }
}
