package dev.mpunit.contract;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.net.URLEncoder;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links a run's tests to their source files and the run to its commits, from a ref written the way
 * testbeds write {@code ref_tests} and {@code ref_firmware}: {@code https://github.com/<owner>/<repo>.git@<branch, tag
 * or commit>} gives {@code https://github.com/<owner>/<repo>/blob/<ref>/tests/<name>} for a test and
 * {@code .../commit/<ref>} for the run; a pull request, {@code ...git~17232}, gives the pull request's head,
 * {@code .../blob/refs/pull/17232/head/tests/<name>} (the newest commit of the pull request, which may be newer
 * than the one that ran) and {@code .../pull/17232}; a URL without a ref gives the default branch
 * ({@code HEAD}) and the repository's page. Only {@code https://github.com} URLs and test names that are files
 * under {@code tests/} ({@code basics/list1.py}) get a link: any other scheme or host (a local path, an ssh
 * URL), a unittest case name or a name with {@code ..} gets none and no error, so a pushed ref can never make a
 * page link to {@code javascript:} or a local file. The results server and every report use this one rule.
 */
public final class SourceLinks {

    private static final Pattern GITHUB = Pattern.compile(
            "https://github\\.com/([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+?)(?:\\.git)?(?:(@|~)(.+))?");
    private static final Pattern PULL_REQUEST = Pattern.compile("[0-9]+");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9._/+-]+");
    private static final Pattern TEST_FILE = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+/-]*\\.py");

    private final String tests;
    private final String commit;

    private SourceLinks(String tests, String commit) {
        this.tests = tests;
        this.commit = commit;
    }

    /** The links of one run's ref; empty when it is not a GitHub https URL this understands (or null). */
    public static Optional<SourceLinks> of(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        Matcher url = GITHUB.matcher(ref.strip());
        if (!url.matches()) {
            return Optional.empty();
        }
        String repository = "https://github.com/" + url.group(1) + "/" + url.group(2);
        String kind = url.group(3);
        String name = url.group(4);
        String blobRef;
        String commit;
        if (kind == null) {
            blobRef = "HEAD";
            commit = repository;
        } else if (kind.equals("~")) {
            if (!PULL_REQUEST.matcher(name).matches()) {
                return Optional.empty();
            }
            blobRef = "refs/pull/" + name + "/head";
            commit = repository + "/pull/" + name;
        } else {
            if (!REF.matcher(name).matches() || name.contains("..") || name.startsWith("/") || name.endsWith("/")) {
                return Optional.empty();
            }
            blobRef = name;
            commit = repository + "/commit/" + name;
        }
        String tests = repository + "/blob/" + blobRef + "/tests/";
        try {
            // What the pattern let through must still be plain https URLs.
            new URI(tests).parseServerAuthority();
            new URI(commit).parseServerAuthority();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(new SourceLinks(tests, commit));
    }

    /** The page of one test's source, null when the name is not a file under {@code tests/}. */
    public String file(String testName) {
        if (testName == null || !TEST_FILE.matcher(testName).matches() || testName.contains("..") || testName.contains("//")) {
            return null;
        }
        return tests + URLEncoder.encode(testName, StandardCharsets.UTF_8).replace("%2F", "/").replace("+", "%20");
    }

    /** The page of the ref itself: the commit (or branch's newest commit), the pull request, or the repository. */
    public String commit() {
        return commit;
    }

    /** Shorthand: the page of one test's source at {@code ref}, null when either gives no link. */
    public static String file(String ref, String testName) {
        return of(ref).map(links -> links.file(testName)).orElse(null);
    }

    /** Shorthand: the page of {@code ref}'s commit, null when it gives no link. */
    public static String commit(String ref) {
        return of(ref).map(SourceLinks::commit).orElse(null);
    }
}
