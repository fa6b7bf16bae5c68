package dev.mpunit.examples.workflows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs a {@link Workflow} on this machine as a self-hosted runner would, for one event: its jobs in
 * the order of their {@code needs} (a matrix job once per combination), each on the first local
 * {@link Runner} whose labels hold its {@code runs-on}, in a fresh workspace. {@code run:} steps run
 * for real with bash ({@code bash --noprofile --norc -eo pipefail}, or {@code sh -e} for
 * {@code shell: sh}, as GitHub runs them) with {@code GITHUB_OUTPUT}, {@code GITHUB_ENV} and GitHub's
 * variables; {@code actions/checkout} is a {@code git clone} of the local repository standing for the
 * one named; {@code actions/upload-artifact} checks its path exists; any other action is recorded as
 * not run, with why. An expression it cannot evaluate fails its step (or job) with the reason.
 */
final class LocalWorkflowRunner {

    /** A self-hosted runner: its labels and what its {@code .env} file sets. */
    record Runner(String name, Set<String> labels, Map<String, String> env) {
    }

    /** What the event is: its name, payload, the dispatch inputs, and the commit it is for. */
    record Event(String name, Map<String, Object> payload, Map<String, String> inputs, String repository, String sha,
            String actor, String apiUrl, long runId) {
    }

    /**
     * The machine: mpunit's {@code bin} to put first on PATH, the local repositories standing for the
     * GitHub ones ({@code owner/name} → a git repository), the repository's secrets, each environment's
     * secrets, the runners, and a folder to work in.
     */
    record Setup(Path bin, Map<String, Path> repositories, Map<String, String> secrets,
            Map<String, Map<String, String>> environmentSecrets, List<Runner> runners, Path work) {
    }

    enum Outcome { SUCCESS, FAILURE, SKIPPED, NOT_RUN }

    record StepResult(String job, String step, Outcome outcome, String why, String output) {
        @Override
        public String toString() {
            return job + " / " + step + ": " + outcome + (why == null ? "" : " (" + why + ")");
        }
    }

    record JobResult(String job, Outcome outcome, String why, Map<String, String> outputs, List<StepResult> steps,
            Path workspace) {
    }

    private static final String DEFAULT_BRANCH = "main";

    private final Workflow workflow;
    private final Setup setup;
    private final List<StepResult> steps = new ArrayList<>();
    private final Map<String, List<JobResult>> jobs = new LinkedHashMap<>();
    private final List<String> artifacts = new ArrayList<>();

    LocalWorkflowRunner(Workflow workflow, Setup setup) {
        this.workflow = workflow;
        this.setup = setup;
    }

    List<StepResult> steps() {
        return List.copyOf(steps);
    }

    Map<String, List<JobResult>> jobs() {
        return Map.copyOf(jobs);
    }

    /** The artifacts uploaded, as {@code name: path (n files)}. */
    List<String> artifacts() {
        return List.copyOf(artifacts);
    }

    /** Runs every job the event starts; the results are in {@link #jobs()} and {@link #steps()}. */
    LocalWorkflowRunner run(Event event) throws IOException, InterruptedException {
        if (!workflow.problems().isEmpty()) {
            throw new IllegalStateException(workflow.file() + ": " + String.join("; ", workflow.problems()));
        }
        if (!workflow.triggers().containsKey(event.name())) {
            throw new IllegalStateException(workflow.file() + " is not started by " + event.name());
        }
        Map<String, Object> github = github(event);
        Map<String, Object> inputs = inputs(event);
        Map<String, String> workflowEnv = new LinkedHashMap<>();
        Function<String, Object> top = contexts(github, inputs, setup.secrets(), Map.of(), Map.of(), Map.of(), Map.of());
        for (Map.Entry<String, Object> entry : workflow.env().entrySet()) {
            workflowEnv.put(entry.getKey(), Expression.interpolate(String.valueOf(entry.getValue()), top, Expression.Status.OK));
        }
        for (Workflow.Job job : ordered()) {
            jobs.put(job.id(), runJob(job, event, github, inputs, workflowEnv));
        }
        return this;
    }

    private List<Workflow.Job> ordered() {
        List<Workflow.Job> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (order.size() < workflow.jobs().size()) {
            boolean progress = false;
            for (Workflow.Job job : workflow.jobs().values()) {
                if (!placed.contains(job.id()) && placed.containsAll(job.needs())) {
                    order.add(job);
                    placed.add(job.id());
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException(workflow.file() + ": the jobs' needs go round in a circle");
            }
        }
        return order;
    }

    private List<JobResult> runJob(Workflow.Job job, Event event, Map<String, Object> github, Map<String, Object> inputs,
            Map<String, String> workflowEnv) throws IOException, InterruptedException {
        Map<String, Object> needs = new LinkedHashMap<>();
        boolean needsFailed = false;
        for (String need : job.needs()) {
            List<JobResult> results = jobs.get(need);
            boolean failed = results.stream().anyMatch(r -> r.outcome() == Outcome.FAILURE);
            boolean skipped = results.stream().allMatch(r -> r.outcome() == Outcome.SKIPPED);
            needsFailed |= failed || skipped;
            Map<String, Object> outputs = new LinkedHashMap<>();
            // A matrix job's outputs are those of whichever combination wrote them last, as on GitHub.
            results.forEach(r -> outputs.putAll(r.outputs()));
            needs.put(need, Map.of("result", failed ? "failure" : skipped ? "skipped" : "success", "outputs", outputs));
        }
        List<JobResult> results = new ArrayList<>();
        for (Map<String, Object> matrix : combinations(job.matrix())) {
            String shown = job.id() + (matrix.isEmpty() ? "" : " " + matrix.values());
            Function<String, Object> jobContexts = contexts(github, inputs, setup.secrets(), matrix, needs, workflowEnv, Map.of());
            Expression.Status needsStatus = new Expression.Status(needsFailed, false);
            String condition = job.condition() == null ? "success()" : String.valueOf(job.condition());
            if (!Expression.condition(condition, jobContexts, needsStatus)) {
                results.add(new JobResult(shown, Outcome.SKIPPED, "if: " + condition, Map.of(), List.of(), null));
                continue;
            }
            results.add(runCombination(job, shown, event, github, inputs, matrix, needs, workflowEnv));
        }
        return results;
    }

    private JobResult runCombination(Workflow.Job job, String shown, Event event, Map<String, Object> github,
            Map<String, Object> inputs, Map<String, Object> matrix, Map<String, Object> needs, Map<String, String> workflowEnv)
            throws IOException, InterruptedException {
        Function<String, Object> jobContexts = contexts(github, inputs, setup.secrets(), matrix, needs, workflowEnv, Map.of());
        List<String> labels = new ArrayList<>();
        Object runsOn = job.runsOn();
        for (Object label : runsOn instanceof List<?> list ? list : List.of(runsOn)) {
            labels.add(Expression.interpolate(String.valueOf(label), jobContexts, Expression.Status.OK));
        }
        Runner runner = setup.runners().stream().filter(r -> r.labels().containsAll(labels)).findFirst().orElse(null);
        if (runner == null) {
            return new JobResult(shown, Outcome.FAILURE, "no runner has the labels " + labels, Map.of(), List.of(), null);
        }
        Map<String, String> secrets = new LinkedHashMap<>(setup.secrets());
        if (job.environment() != null) {
            Object environment = job.environment() instanceof Map<?, ?> named ? named.get("name") : job.environment();
            String name = Expression.interpolate(String.valueOf(environment), jobContexts, Expression.Status.OK);
            secrets.putAll(setup.environmentSecrets().getOrDefault(name, Map.of()));
        }
        Map<String, String> env = new LinkedHashMap<>(workflowEnv);
        Function<String, Object> withSecrets = contexts(github, inputs, secrets, matrix, needs, workflowEnv, Map.of());
        for (Map.Entry<String, Object> entry : job.env().entrySet()) {
            env.put(entry.getKey(), Expression.interpolate(String.valueOf(entry.getValue()), withSecrets, Expression.Status.OK));
        }
        Path root = Files.createTempDirectory(setup.work(), job.id() + "-");
        Path workspace = Files.createDirectories(root.resolve("workspace"));
        Path temp = Files.createDirectories(root.resolve("temp"));
        Files.writeString(root.resolve("event.json"), json(event.payload()));

        Map<String, Object> stepContexts = new LinkedHashMap<>();
        for (Workflow.Step step : job.steps()) {
            if (step.id() != null) {
                stepContexts.put(step.id(), Map.of("outputs", Map.of(), "outcome", "", "conclusion", ""));
            }
        }
        List<StepResult> done = new ArrayList<>();
        boolean failed = false;
        Map<String, String> added = new LinkedHashMap<>();
        for (Workflow.Step step : job.steps()) {
            Map<String, String> jobEnv = new LinkedHashMap<>(env);
            jobEnv.putAll(added);
            Function<String, Object> contexts = contexts(github, inputs, secrets, matrix, needs, jobEnv, stepContexts);
            Expression.Status status = new Expression.Status(failed, false);
            StepResult result;
            Map<String, String> outputs = new LinkedHashMap<>();
            try {
                String condition = step.condition() == null ? "success()" : step.condition();
                if (!Expression.condition(condition, contexts, status)) {
                    result = new StepResult(shown, step.shown(), Outcome.SKIPPED, "if: " + condition, "");
                } else {
                    Map<String, String> stepEnv = new LinkedHashMap<>(jobEnv);
                    for (Map.Entry<String, Object> entry : step.env().entrySet()) {
                        stepEnv.put(entry.getKey(), Expression.interpolate(String.valueOf(entry.getValue()), contexts, status));
                    }
                    Function<String, Object> withStepEnv = contexts(github, inputs, secrets, matrix, needs, stepEnv, stepContexts);
                    Map<String, String> with = new LinkedHashMap<>();
                    for (Map.Entry<String, Object> entry : step.with().entrySet()) {
                        with.put(entry.getKey(), Expression.interpolate(String.valueOf(entry.getValue()), withStepEnv, status));
                    }
                    Map<String, String> process = processEnv(event, runner, stepEnv, workspace, temp, root);
                    result = step.run() != null
                            ? run(shown, step, Expression.interpolate(step.run(), withStepEnv, status), process, workspace, outputs, added)
                            : uses(shown, step, with, event, workspace);
                }
            } catch (Expression.Unevaluable e) {
                result = new StepResult(shown, step.shown(), Outcome.FAILURE, e.getMessage(), "");
            }
            if (result.outcome() == Outcome.FAILURE && !step.continueOnError()) {
                failed = true;
            }
            if (step.id() != null) {
                String word = switch (result.outcome()) {
                    case SUCCESS, NOT_RUN -> "success";
                    case FAILURE -> "failure";
                    case SKIPPED -> "skipped";
                };
                stepContexts.put(step.id(), Map.of("outputs", Map.copyOf(outputs), "outcome", word, "conclusion",
                        result.outcome() == Outcome.FAILURE && step.continueOnError() ? "success" : word));
            }
            done.add(result);
            steps.add(result);
        }
        Map<String, String> jobOutputs = new LinkedHashMap<>();
        Function<String, Object> end = contexts(github, inputs, secrets, matrix, needs, env, stepContexts);
        for (Map.Entry<String, Object> entry : job.outputs().entrySet()) {
            jobOutputs.put(entry.getKey(), Expression.interpolate(String.valueOf(entry.getValue()), end, Expression.Status.OK));
        }
        return new JobResult(shown, failed ? Outcome.FAILURE : Outcome.SUCCESS, null, jobOutputs, done, workspace);
    }

    private StepResult run(String job, Workflow.Step step, String script, Map<String, String> env, Path workspace,
            Map<String, String> outputs, Map<String, String> added) throws IOException, InterruptedException {
        Path scriptFile = Files.createTempFile(Path.of(env.get("RUNNER_TEMP")), "step-", ".sh");
        Files.writeString(scriptFile, script);
        List<String> command = switch (step.shell() == null ? "bash" : step.shell()) {
            case "bash" -> List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", scriptFile.toString());
            case "sh" -> List.of("sh", "-e", scriptFile.toString());
            default -> null;
        };
        if (command == null) {
            return new StepResult(job, step.shown(), Outcome.FAILURE, "shell: " + step.shell() + " is not one this runner has", "");
        }
        Path outputFile = Files.createTempFile(Path.of(env.get("RUNNER_TEMP")), "output-", "");
        Path envFile = Files.createTempFile(Path.of(env.get("RUNNER_TEMP")), "env-", "");
        Path log = Files.createTempFile(Path.of(env.get("RUNNER_TEMP")), "log-", "");
        Path directory = step.workingDirectory() == null ? workspace : workspace.resolve(step.workingDirectory());
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("GITHUB_OUTPUT", outputFile.toString());
        builder.environment().put("GITHUB_ENV", envFile.toString());
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new StepResult(job, step.shown(), Outcome.FAILURE, "still running after 20 minutes", Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        outputs.putAll(keyValues(outputFile));
        added.putAll(keyValues(envFile));
        int exit = process.exitValue();
        return new StepResult(job, step.shown(), exit == 0 ? Outcome.SUCCESS : Outcome.FAILURE,
                exit == 0 ? null : "exit code " + exit, output);
    }

    private StepResult uses(String job, Workflow.Step step, Map<String, String> with, Event event, Path workspace)
            throws IOException, InterruptedException {
        String action = step.uses().replaceFirst("@.*", "");
        switch (action) {
            case "actions/checkout": {
                String repository = with.getOrDefault("repository", "");
                repository = repository.isEmpty() ? event.repository() : repository;
                Path source = setup.repositories().get(repository);
                if (source == null) {
                    return new StepResult(job, step.shown(), Outcome.FAILURE, "no local repository stands for " + repository, "");
                }
                String ref = with.getOrDefault("ref", "");
                // GitHub checks out the event's commit for the workflow's own repository, else the default branch.
                ref = !ref.isEmpty() ? ref : repository.equals(event.repository()) ? event.sha() : DEFAULT_BRANCH;
                Path into = workspace.resolve(with.getOrDefault("path", ""));
                try {
                    git(workspace, "clone", "--quiet", "--no-checkout", source.toString(), into.toString());
                    // A branch is the remote's (as actions/checkout fetches it); a tag or commit is itself.
                    String branch = "refs/remotes/origin/" + ref;
                    boolean isBranch = gitSucceeds(into, "rev-parse", "--verify", "--quiet", branch);
                    git(into, "checkout", "--quiet", "--detach", isBranch ? branch : ref);
                } catch (IOException e) {
                    return new StepResult(job, step.shown(), Outcome.FAILURE, e.getMessage(), "");
                }
                return new StepResult(job, step.shown(), Outcome.SUCCESS, "cloned " + repository + " at " + ref, "");
            }
            case "actions/upload-artifact": {
                Path path = workspace.resolve(with.getOrDefault("path", ""));
                if (!Files.exists(path)) {
                    return new StepResult(job, step.shown(), Outcome.FAILURE, "nothing at " + with.get("path"), "");
                }
                long files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile).count();
                }
                artifacts.add(with.get("name") + ": " + with.get("path") + " (" + files + " files)");
                return new StepResult(job, step.shown(), Outcome.SUCCESS, "artifact " + with.get("name") + ": " + files + " files", "");
            }
            default:
                return new StepResult(job, step.shown(), Outcome.NOT_RUN, "the action " + step.uses() + " is not run by this runner", "");
        }
    }

    private static boolean gitSucceeds(Path directory, String... arguments) throws InterruptedException {
        try {
            git(directory, arguments);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String git(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private Map<String, String> processEnv(Event event, Runner runner, Map<String, String> stepEnv, Path workspace, Path temp,
            Path root) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(runner.env());
        env.put("PATH", setup.bin() + java.io.File.pathSeparator + System.getenv("PATH"));
        env.put("CI", "true");
        env.put("GITHUB_ACTIONS", "true");
        env.put("GITHUB_WORKSPACE", workspace.toString());
        // GitHub's variables are its github context's values: GITHUB_RUN_ID is github.run_id.
        github(event).forEach((name, value) -> {
            if (value instanceof String text) {
                env.put("GITHUB_" + name.toUpperCase(java.util.Locale.ROOT), text);
            }
        });
        env.put("GITHUB_EVENT_PATH", root.resolve("event.json").toString());
        env.put("RUNNER_TEMP", temp.toString());
        env.put("RUNNER_NAME", runner.name());
        env.put("NO_COLOR", "1");
        env.putAll(stepEnv);
        return env;
    }

    /** The event's payload as the file GITHUB_EVENT_PATH names: maps, lists, strings, numbers, booleans. */
    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> fields = new ArrayList<>();
            map.forEach((k, v) -> fields.add(json(String.valueOf(k)) + ": " + json(v)));
            return "{" + String.join(", ", fields) + "}";
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(LocalWorkflowRunner::json).toList()) + "]";
        }
        if (value instanceof String text) {
            StringBuilder quoted = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                quoted.append(c == '"' || c == '\\' ? "\\" + c : c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
            return quoted.append('"').toString();
        }
        return String.valueOf(value);
    }

    private static Map<String, String> keyValues(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int heredoc = line.indexOf("<<");
            int equals = line.indexOf('=');
            if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
                String delimiter = line.substring(heredoc + 2);
                StringBuilder value = new StringBuilder();
                while (++i < lines.size() && !lines.get(i).equals(delimiter)) {
                    value.append(value.length() > 0 ? "\n" : "").append(lines.get(i));
                }
                values.put(line.substring(0, heredoc), value.toString());
            } else if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }

    private Map<String, Object> github(Event event) {
        Map<String, Object> github = new LinkedHashMap<>();
        github.put("workflow", workflow.name() != null ? workflow.name() : workflow.file().getFileName().toString());
        github.put("event_name", event.name());
        github.put("event", event.payload());
        github.put("repository", event.repository());
        github.put("sha", event.sha());
        github.put("actor", event.actor());
        github.put("run_id", Long.toString(event.runId()));
        github.put("run_attempt", "1");
        github.put("server_url", "https://github.com");
        github.put("api_url", event.apiUrl());
        return github;
    }

    private Map<String, Object> inputs(Event event) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (String name : event.inputs().keySet()) {
            if (!workflow.inputs().containsKey(name)) {
                throw new IllegalStateException(workflow.file() + " has no input " + name + ": " + workflow.inputs().keySet());
            }
        }
        if (event.name().equals("workflow_dispatch")) {
            workflow.inputs().forEach((name, declared) -> inputs.put(name,
                    event.inputs().getOrDefault(name, declared.get("default") == null ? "" : String.valueOf(declared.get("default")))));
        }
        return inputs;
    }

    private Function<String, Object> contexts(Map<String, Object> github, Map<String, Object> inputs, Map<String, String> secrets,
            Map<String, Object> matrix, Map<String, Object> needs, Map<String, String> env, Map<String, Object> steps) {
        Map<String, Object> all = new HashMap<>();
        all.put("github", github);
        // On another event than a dispatch, GitHub's inputs are empty: every input reads null.
        all.put("inputs", inputs.isEmpty() ? Map.of() : new Expression.Strict("input", inputs));
        all.put("secrets", secrets);
        all.put("matrix", new Expression.Strict("matrix key", matrix));
        all.put("needs", new Expression.Strict("job this one needs", needs));
        all.put("env", new Expression.Strict("env variable", env));
        all.put("steps", new Expression.Strict("step id", steps));
        return name -> {
            if (!all.containsKey(name)) {
                throw new Expression.Unevaluable("the context " + name + " is not one this runner has");
            }
            return all.get(name);
        };
    }

    private static List<Map<String, Object>> combinations(Map<String, List<Object>> matrix) {
        List<Map<String, Object>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> axis : matrix.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> combination : combinations) {
                for (Object value : axis.getValue()) {
                    Map<String, Object> extended = new LinkedHashMap<>(combination);
                    extended.put(axis.getKey(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations;
    }
}
