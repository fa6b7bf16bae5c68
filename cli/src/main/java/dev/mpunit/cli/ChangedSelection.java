package dev.mpunit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a change asks to run: the offered variants whose port's workflow upstream's filters select for the
 * changed files, and the changed test files, which run whatever was chosen, first.
 *
 * @param changed   the changed files
 * @param workflows the checkout's port workflows, in file-name order
 * @param chosen    variant → why (its workflow's matches), in the order offered
 * @param notChosen the offered variants whose workflow no changed file selects, with their port
 * @param unknown   the offered variants of no known port: kept, as a change cannot be shown not to concern them
 * @param idle      workflows selected whose port nothing offered runs, with why selected
 * @param tests     the changed test files, relative to the tests root (a changed .exp stands for its .py)
 * @param testsRoot the checkout's tests/
 */
record ChangedSelection(ChangedFiles changed, List<PortWorkflow> workflows, Map<OfferedVariant, List<PortWorkflow.Match>> chosen,
        List<OfferedVariant> notChosen, List<OfferedVariant> unknown, Map<PortWorkflow, List<PortWorkflow.Match>> idle,
        List<String> tests, Path testsRoot) {

    /** How many matches a line names before "and N more". */
    private static final int SHOWN = 3;

    static ChangedSelection of(ChangedFiles changed, List<PortWorkflow> workflows, List<OfferedVariant> offered, Path checkout,
            Path testsRoot) {
        Map<String, List<PortWorkflow.Match>> byPort = new LinkedHashMap<>();
        Map<String, PortWorkflow> workflowOfPort = new LinkedHashMap<>();
        for (PortWorkflow workflow : workflows) {
            workflowOfPort.put(workflow.port(), workflow);
            List<PortWorkflow.Match> matches = workflow.matches(changed.paths());
            if (!matches.isEmpty()) {
                byPort.put(workflow.port(), matches);
            }
        }
        Map<OfferedVariant, List<PortWorkflow.Match>> chosen = new LinkedHashMap<>();
        List<OfferedVariant> notChosen = new ArrayList<>();
        List<OfferedVariant> unknown = new ArrayList<>();
        Set<String> portsRun = new LinkedHashSet<>();
        for (OfferedVariant variant : offered) {
            if (variant.port().isEmpty() || !workflowOfPort.containsKey(variant.port().get())) {
                unknown.add(variant);
            } else if (byPort.containsKey(variant.port().get())) {
                chosen.put(variant, byPort.get(variant.port().get()));
                portsRun.add(variant.port().get());
            } else {
                notChosen.add(variant);
            }
        }
        Map<PortWorkflow, List<PortWorkflow.Match>> idle = new LinkedHashMap<>();
        byPort.forEach((port, matches) -> {
            if (!portsRun.contains(port)) {
                idle.put(workflowOfPort.get(port), matches);
            }
        });
        return new ChangedSelection(changed, workflows, chosen, notChosen, unknown, idle,
                changedTests(changed, checkout, testsRoot), testsRoot.toAbsolutePath().normalize());
    }

    /**
     * Changed files that are test files now (a deleted test runs nowhere): a {@code .py} in a test directory,
     * one level below the tests root as run-tests.py globs them ({@code basics/list1.py}, not a package's
     * {@code import/pkg/__init__.py}); a changed {@code .exp} stands for its test.
     */
    private static List<String> changedTests(ChangedFiles changed, Path checkout, Path testsRoot) {
        Set<String> tests = new LinkedHashSet<>();
        Path root = testsRoot.toAbsolutePath().normalize();
        for (String path : changed.paths()) {
            Path file = checkout.resolve(path).toAbsolutePath().normalize();
            if (!file.startsWith(root)) {
                continue;
            }
            String name = file.getFileName().toString();
            Path test = name.endsWith(".py.exp") || name.endsWith(".exp") && !name.endsWith(".py.exp")
                    ? file.resolveSibling(name.substring(0, name.lastIndexOf(".exp")).replaceFirst("(\\.py)?$", ".py"))
                    : file;
            if (test.getFileName().toString().endsWith(".py") && root.relativize(test).getNameCount() == 2
                    && Files.isRegularFile(test)) {
                tests.add(root.relativize(test).toString().replace('\\', '/'));
            }
        }
        return List.copyOf(tests);
    }

    /** The variants the engine is to run: those chosen and those of no known port. */
    List<String> variants() {
        List<String> variants = new ArrayList<>();
        chosen.keySet().forEach(variant -> variants.add(variant.variant()));
        unknown.forEach(variant -> variants.add(variant.variant()));
        return variants;
    }

    /** The listing's lines: why each variant was chosen, or not, and which test files go first. */
    List<String> explanation() {
        List<String> lines = new ArrayList<>();
        lines.add(changed.paths().size() + " changed file" + (changed.paths().size() == 1 ? "" : "s") + " (" + changed.source()
                + "), judged by " + workflows.size() + " workflows' " + "filters (" + PortWorkflows.FOLDER + "/ports_*.yml):");
        List<String> selected = workflows.stream().filter(workflow -> !workflow.matches(changed.paths()).isEmpty())
                .map(PortWorkflow::file).toList();
        lines.add("  workflows selected: " + (selected.isEmpty() ? "none" : String.join(", ", selected)));
        byPort(List.copyOf(chosen.keySet())).forEach((port, variants) -> lines.add("  " + names(variants) + " chosen ("
                + froms(variants) + "; port " + port + "): " + workflowOf(port) + " " + shown(chosen.get(variants.get(0)))));
        unknown.forEach(variant -> lines.add("  " + variant.variant() + " kept (" + variant.from() + "): "
                + variant.port().map(port -> "port " + port + " has no ports_" + port + ".yml")
                        .orElse("its port is not known (a testbed entry with its board tells it)")
                + ", so no change can be shown not to concern it"));
        byPort(notChosen).forEach((port, variants) -> lines.add("  " + names(variants) + " not chosen (" + froms(variants)
                + "; port " + port + "): " + workflowOf(port) + " selects none of the changed files"));
        idle.forEach((workflow, matches) -> lines.add("  port " + workflow.port() + ": nothing to run on (no tentacle or target"
                + " of that port is on offer), though " + workflow.file() + " " + shown(matches)));
        if (tests.isEmpty()) {
            lines.add("  no changed test file");
        } else {
            lines.add("  changed test files, run first" + (chosen.isEmpty() && unknown.isEmpty() ? " (on every variant on offer)" : "")
                    + ": " + String.join(", ", tests));
        }
        return lines;
    }

    private String workflowOf(String port) {
        return workflows.stream().filter(workflow -> workflow.port().equals(port)).findFirst().map(PortWorkflow::file).orElseThrow();
    }

    private static Map<String, List<OfferedVariant>> byPort(List<OfferedVariant> variants) {
        Map<String, List<OfferedVariant>> ports = new LinkedHashMap<>();
        variants.forEach(variant -> ports.computeIfAbsent(variant.port().orElseThrow(), port -> new ArrayList<>()).add(variant));
        return ports;
    }

    private static String names(List<OfferedVariant> variants) {
        return String.join(", ", variants.stream().map(OfferedVariant::variant).toList());
    }

    private static String froms(List<OfferedVariant> variants) {
        return String.join(", ", new LinkedHashSet<>(variants.stream().map(OfferedVariant::from).toList()));
    }

    /** Each pattern once, with the first changed files it matched. */
    private static String shown(List<PortWorkflow.Match> matches) {
        Map<String, List<String>> files = new LinkedHashMap<>();
        matches.forEach(match -> files.computeIfAbsent(match.pattern(), pattern -> new ArrayList<>()).add(match.file()));
        List<String> parts = new ArrayList<>();
        files.forEach((pattern, matched) -> {
            String named = String.join(", ", matched.subList(0, Math.min(SHOWN, matched.size())))
                    + (matched.size() > SHOWN ? " (and " + (matched.size() - SHOWN) + " more)" : "");
            parts.add(pattern.isEmpty() ? named : "'" + pattern + "' matched " + named);
        });
        return String.join("; ", parts);
    }

    /**
     * Prints why the request's changes chose what they chose, when it has any.
     *
     * @return whether that is all: the changes leave nothing to run (not a failure: the change concerns no test)
     */
    static boolean said(RunRequest request, PrintWriter out) {
        if (request.changes().isEmpty()) {
            return false;
        }
        ChangedSelection changes = request.changes().get();
        changes.explanation().forEach(out::println);
        Optional<String> nothing = changes.nothingToRun();
        nothing.ifPresent(out::println);
        out.flush();
        return nothing.isPresent();
    }

    Optional<String> nothingToRun() {
        if (!chosen.isEmpty() || !unknown.isEmpty() || !tests.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("nothing to run: no workflow's filter selects a variant on offer for these changes, and no test"
                + " file changed");
    }
}
