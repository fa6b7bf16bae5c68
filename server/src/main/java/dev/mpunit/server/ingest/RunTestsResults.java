package dev.mpunit.server.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * run-tests.py's {@code _results.json}: {@code results} as {@code [name, result, reason]} triples, or
 * before those existed the lists {@code passed_tests}, {@code failed_tests}, {@code skipped_tests} (and
 * {@code xfailed_tests}, {@code ignored_tests}); {@code args} is run-tests.py's command line or mpunit's
 * {@code {group, target, result_dir}}.
 *
 * @param group {@code args.group} (mpunit's), null when it is not there
 * @param target {@code args.target} (mpunit's variant, older run-tests.py's target), null when it is not there
 * @param testInstance {@code args.test_instance} (run-tests.py's {@code -t}: {@code unix}, {@code a0}, a serial
 *        port), null when it is not there
 */
record RunTestsResults(String group, String target, String testInstance, List<Entry> results) {

    private static final List<String> OLD_LISTS = List.of("passed_tests", "failed_tests", "skipped_tests",
            "xfailed_tests", "ignored_tests");
    private static final List<Verdict> OLD_VERDICTS = List.of(Verdict.PASS, Verdict.FAIL, Verdict.SKIP, Verdict.XFAIL,
            Verdict.IGNORED);

    record Entry(String name, Verdict verdict, String reason) {
    }

    /** Whether a JSON object has the shape of a {@code _results.json}. */
    static boolean looksLike(JsonNode root) {
        return root != null && root.isObject()
                && (root.has("results") || OLD_LISTS.stream().anyMatch(root::has));
    }

    static RunTestsResults read(JsonFile file) throws UploadRejected {
        JsonNode root = file.object();
        if (!looksLike(root)) {
            throw new UploadRejected(400, file.path() + ": no results (neither results nor passed_tests, failed_tests,"
                    + " skipped_tests): not run-tests.py's _results.json");
        }
        String group = null;
        String target = null;
        String testInstance = null;
        JsonNode args = root.get("args");
        if (args != null && args.isObject()) {
            group = firstText(args, "group");
            target = firstText(args, "target");
            testInstance = firstText(args, "test_instance");
        }
        List<Entry> results = new ArrayList<>();
        if (root.has("results")) {
            for (JsonNode triple : file.array(root, "results")) {
                if (!triple.isArray() || triple.size() < 2 || !triple.get(0).isString() || !triple.get(1).isString()) {
                    throw new UploadRejected(400, file.path() + ": results holds " + triple
                            + ", expected [name, result, reason]");
                }
                String name = triple.get(0).asString();
                String reason = triple.size() > 2 && triple.get(2).isString() ? triple.get(2).asString() : null;
                results.add(new Entry(name, verdict(file, name, triple.get(1).asString()), blankToNull(reason)));
            }
            Set<String> failed = new LinkedHashSet<>(file.texts(root, "failed_tests"));
            results.stream().filter(entry -> entry.verdict() == Verdict.FAIL).map(Entry::name).forEach(failed::remove);
            if (!failed.isEmpty()) {
                throw new UploadRejected(400, file.path() + ": failed_tests names " + failed.iterator().next()
                        + ", which results does not list as fail");
            }
        } else {
            for (int i = 0; i < OLD_LISTS.size(); i++) {
                for (JsonNode element : file.array(root, OLD_LISTS.get(i))) {
                    // Some versions list [name, reason] pairs, most plain names.
                    if (element.isString()) {
                        results.add(new Entry(element.asString(), OLD_VERDICTS.get(i), null));
                    } else if (element.isArray() && element.size() > 0 && element.get(0).isString()) {
                        String reason = element.size() > 1 && element.get(1).isString() ? element.get(1).asString() : null;
                        results.add(new Entry(element.get(0).asString(), OLD_VERDICTS.get(i), blankToNull(reason)));
                    } else {
                        throw file.wrongType(OLD_LISTS.get(i), element, "an array of test names");
                    }
                }
            }
        }
        return new RunTestsResults(group, target, testInstance, results);
    }

    /** run-tests.py's words, mpunit's {@code xfail}, and the {@code ok} some tools write for a pass. */
    static Verdict verdict(JsonFile file, String name, String word) throws UploadRejected {
        String lower = word.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("ok")) {
            return Verdict.PASS;
        }
        try {
            return Verdict.ofWord(lower);
        } catch (IllegalArgumentException e) {
            throw new UploadRejected(400, file.path() + ": " + name + " has result '" + word
                    + "', not one of pass, fail, skip, ignored, xfail");
        }
    }

    private static String firstText(JsonNode object, String... fields) {
        for (String field : fields) {
            JsonNode value = object.get(field);
            if (value != null && value.isString() && !value.asString().isBlank()) {
                return value.asString();
            }
        }
        return null;
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
