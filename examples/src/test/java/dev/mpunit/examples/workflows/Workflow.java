package dev.mpunit.examples.workflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A GitHub Actions workflow file read as GitHub reads it, and checked before anything runs: the
 * triggers, the dispatch inputs, each job's {@code runs-on}, {@code needs}, matrix and steps, and every
 * {@code ${{ … }}} it holds: its syntax, and that what it names exists (a declared input, a step id of
 * the job, a job it needs, a matrix key, a context GitHub has there). {@link #problems()} lists what is
 * wrong; a file with problems is not run.
 */
record Workflow(Path file, String name, Map<String, Object> triggers, Map<String, Map<String, Object>> inputs,
        Map<String, Object> env, Map<String, Job> jobs, List<String> problems) {

    record Job(String id, List<String> needs, Object runsOn, Object environment, Object condition,
            Map<String, List<Object>> matrix, Map<String, Object> env, Map<String, Object> outputs, List<Step> steps) {
    }

    record Step(String id, String name, String condition, String run, String shell, String uses,
            Map<String, Object> with, Map<String, Object> env, boolean continueOnError, String workingDirectory) {

        String shown() {
            return name != null ? name : id != null ? id : run != null ? run.lines().findFirst().orElse("run") : uses;
        }
    }

    private static final Set<String> TOP = Set.of("name", "run-name", "on", "permissions", "env", "defaults", "concurrency", "jobs");
    private static final Set<String> JOB = Set.of("name", "needs", "if", "runs-on", "environment", "strategy", "env", "outputs",
            "steps", "timeout-minutes", "concurrency", "permissions", "continue-on-error", "defaults", "container", "services");
    private static final Set<String> STEP = Set.of("id", "name", "if", "run", "shell", "uses", "with", "env",
            "continue-on-error", "timeout-minutes", "working-directory");
    /** The contexts {@link LocalWorkflowRunner} gives; another one (vars, runner, …) could not be evaluated. */
    private static final Set<String> CONTEXTS = Set.of("github", "inputs", "env", "secrets", "matrix", "steps", "needs");
    private static final Pattern REFERENCE = Pattern.compile(
            "(?<![\\w.'-])(inputs|steps|needs|matrix)\\.([A-Za-z_][\\w-]*)(?:\\.(\\w+))?");
    private static final Pattern ROOT = Pattern.compile("(?<![\\w.'-])([A-Za-z_][\\w-]*)(?=\\s*[.\\[])");

    static Workflow read(Path file) throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Object loaded;
        try {
            loaded = yaml.load(Files.readString(file));
        } catch (YAMLException e) {
            return new Workflow(file, null, Map.of(), Map.of(), Map.of(), Map.of(), List.of("not YAML: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (!(loaded instanceof Map<?, ?> top)) {
            return new Workflow(file, null, Map.of(), Map.of(), Map.of(), Map.of(), List.of("not a YAML mapping"));
        }
        for (Object key : top.keySet()) {
            // YAML 1.1 reads a bare "on" as true: SnakeYAML does, GitHub's reader does not.
            if (!TOP.contains(String.valueOf(key)) && !Boolean.TRUE.equals(key)) {
                problems.add("unknown top-level key " + key);
            }
        }
        Object on = top.containsKey("on") ? top.get("on") : top.get(Boolean.TRUE);
        Map<String, Object> triggers = new LinkedHashMap<>();
        if (on instanceof Map<?, ?> map) {
            map.forEach((k, v) -> triggers.put(String.valueOf(k), v));
        } else if (on instanceof List<?> list) {
            list.forEach(k -> triggers.put(String.valueOf(k), null));
        } else if (on instanceof String single) {
            triggers.put(single, null);
        } else {
            problems.add("no on: (the triggers)");
        }
        Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
        if (triggers.get("workflow_dispatch") instanceof Map<?, ?> dispatch && dispatch.get("inputs") instanceof Map<?, ?> declared) {
            declared.forEach((k, v) -> inputs.put(String.valueOf(k), map(v)));
        }
        Map<String, Object> env = map(top.get("env"));
        Map<String, Job> jobs = new LinkedHashMap<>();
        if (!(top.get("jobs") instanceof Map<?, ?> jobMap) || jobMap.isEmpty()) {
            problems.add("no jobs:");
        } else {
            jobMap.forEach((id, body) -> jobs.put(String.valueOf(id), job(String.valueOf(id), map(body), problems)));
        }
        Workflow workflow = new Workflow(file, top.get("name") == null ? null : String.valueOf(top.get("name")), triggers,
                inputs, env, jobs, problems);
        workflow.checkReferences(top);
        return workflow;
    }

    private static Job job(String id, Map<String, Object> body, List<String> problems) {
        body.keySet().stream().filter(k -> !JOB.contains(k)).forEach(k -> problems.add("job " + id + ": unknown key " + k));
        if (!body.containsKey("runs-on")) {
            problems.add("job " + id + ": no runs-on");
        }
        List<String> needs = new ArrayList<>();
        Object rawNeeds = body.get("needs");
        if (rawNeeds instanceof String one) {
            needs.add(one);
        } else if (rawNeeds instanceof List<?> list) {
            list.forEach(n -> needs.add(String.valueOf(n)));
        }
        Map<String, List<Object>> matrix = new LinkedHashMap<>();
        if (map(body.get("strategy")).get("matrix") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof List<?> values) {
                    matrix.put(String.valueOf(k), new ArrayList<>(values));
                } else {
                    problems.add("job " + id + ": matrix." + k + " is not a list (include/exclude are not run by this runner)");
                }
            });
        }
        List<Step> steps = new ArrayList<>();
        if (!(body.get("steps") instanceof List<?> list) || list.isEmpty()) {
            problems.add("job " + id + ": no steps");
        } else {
            Set<String> ids = new LinkedHashSet<>();
            for (Object raw : list) {
                Map<String, Object> step = map(raw);
                step.keySet().stream().filter(k -> !STEP.contains(k))
                        .forEach(k -> problems.add("job " + id + ": a step has the unknown key " + k));
                String run = text(step.get("run"));
                String uses = text(step.get("uses"));
                if ((run == null) == (uses == null)) {
                    problems.add("job " + id + ": step " + step.get("name") + " needs exactly one of run: and uses:");
                }
                String stepId = text(step.get("id"));
                if (stepId != null && !ids.add(stepId)) {
                    problems.add("job " + id + ": two steps with the id " + stepId);
                }
                steps.add(new Step(stepId, text(step.get("name")), text(step.get("if")), run, text(step.get("shell")), uses,
                        map(step.get("with")), map(step.get("env")), Boolean.TRUE.equals(step.get("continue-on-error")),
                        text(step.get("working-directory"))));
            }
        }
        return new Job(id, needs, body.get("runs-on"), body.get("environment"), body.get("if"), matrix, map(body.get("env")),
                map(body.get("outputs")), steps);
    }

    /** Every expression's syntax, and that each input, step, needed job and matrix key it names exists. */
    private void checkReferences(Map<?, ?> top) {
        for (Map.Entry<String, Job> entry : jobs.entrySet()) {
            Job job = entry.getValue();
            for (String need : job.needs()) {
                if (!jobs.containsKey(need)) {
                    problems.add("job " + job.id() + ": needs " + need + ", which is no job");
                }
            }
            Set<String> stepIds = new LinkedHashSet<>();
            job.steps().forEach(step -> {
                if (step.id() != null) {
                    stepIds.add(step.id());
                }
            });
            Object body = ((Map<?, ?>) top.get("jobs")).get(entry.getKey());
            for (String expression : expressions(body, new ArrayList<>())) {
                check(expression, job, stepIds);
            }
        }
        List<String> outside = new ArrayList<>();
        expressions(top.get("env"), outside);
        expressions(top.get("run-name"), outside);
        expressions(top.get("concurrency"), outside);
        for (String expression : outside) {
            check(expression, null, Set.of());
        }
    }

    private void check(String expression, Job job, Set<String> stepIds) {
        try {
            // The syntax, with every name answering null: what the runner would fail on later fails now.
            Expression.evaluate(expression, name -> null, Expression.Status.OK);
        } catch (Expression.Unevaluable e) {
            problems.add((job == null ? "" : "job " + job.id() + ": ") + e.getMessage());
        }
        String where = job == null ? "" : "job " + job.id() + ": ";
        String unquoted = expression.replaceAll("'(?:[^']|'')*'", "''");
        Matcher root = ROOT.matcher(unquoted);
        while (root.find()) {
            if (!CONTEXTS.contains(root.group(1))) {
                problems.add(where + "${{ " + expression + " }}: no context named " + root.group(1));
            }
        }
        Matcher reference = REFERENCE.matcher(unquoted);
        while (reference.find()) {
            String kind = reference.group(1);
            String name = reference.group(2);
            boolean known = switch (kind) {
                case "inputs" -> inputs.containsKey(name);
                case "steps" -> stepIds.contains(name);
                case "needs" -> job != null && job.needs().contains(name);
                default -> job != null && job.matrix().containsKey(name);
            };
            if (!known) {
                problems.add(where + "${{ " + expression + " }}: " + kind + "." + name + " is not declared");
            }
        }
    }

    private static List<String> expressions(Object value, List<String> found) {
        if (value instanceof String s) {
            found.addAll(Expression.embedded(s));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                // if: takes an expression without ${{ }} too.
                if ("if".equals(k) && v instanceof String s && Expression.embedded(s).isEmpty()) {
                    found.add(s);
                } else {
                    expressions(v, found);
                }
            });
        } else if (value instanceof List<?> list) {
            list.forEach(v -> expressions(v, found));
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            ((Map<Object, Object>) map).forEach((k, v) -> copy.put(String.valueOf(k), v));
        }
        return copy;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
