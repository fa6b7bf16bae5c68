package dev.mpunit.server.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links a test to its source file at the run's {@code ref_tests}, the way testbeds write that ref:
 * {@code https://github.com/<owner>/<repo>.git@<branch or tag>} gives
 * {@code https://github.com/<owner>/<repo>/blob/<branch or tag>/tests/<name>}; a pull request,
 * {@code ...git~17232}, gives the pull request's head, {@code .../blob/refs/pull/17232/head/tests/<name>}
 * (the newest commit of the pull request, which may be newer than the one that ran); a URL without
 * a ref gives the default branch ({@code HEAD}). Only {@code https://github.com} URLs and test names
 * that are files under {@code tests/} ({@code basics/list1.py}) get a link: any other scheme or host,
 * a unittest case name or a name with {@code ..} gets none, so a pushed ref can never make a page
 * link to {@code javascript:} or a local file.
 */
public final class SourceLinks {

    private static final Pattern GITHUB = Pattern.compile(
            "https://github\\.com/([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+?)(?:\\.git)?(?:(@|~)(.+))?");
    private static final Pattern PULL_REQUEST = Pattern.compile("[0-9]+");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9._/+-]+");
    private static final Pattern TEST_FILE = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+/-]*\\.py");

    private final String base;

    private SourceLinks(String base) {
        this.base = base;
    }

    /** The links of one run's tests; empty when its {@code ref_tests} is not a GitHub https URL this understands. */
    public static Optional<SourceLinks> of(String refTests) {
        if (refTests == null) {
            return Optional.empty();
        }
        Matcher url = GITHUB.matcher(refTests.strip());
        if (!url.matches()) {
            return Optional.empty();
        }
        String repository = "https://github.com/" + url.group(1) + "/" + url.group(2);
        String kind = url.group(3);
        String ref = url.group(4);
        String blobRef;
        if (kind == null) {
            blobRef = "HEAD";
        } else if (kind.equals("~")) {
            if (!PULL_REQUEST.matcher(ref).matches()) {
                return Optional.empty();
            }
            blobRef = "refs/pull/" + ref + "/head";
        } else {
            if (!REF.matcher(ref).matches() || ref.contains("..") || ref.startsWith("/") || ref.endsWith("/")) {
                return Optional.empty();
            }
            blobRef = ref;
        }
        try {
            // What the pattern let through must still be a plain https URL.
            new URI(repository + "/blob/" + blobRef + "/tests/").parseServerAuthority();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(new SourceLinks(repository + "/blob/" + blobRef + "/tests/"));
    }

    /** The link of one test's source, null when the name is not a file under {@code tests/}. */
    public String link(String testName) {
        if (testName == null || !TEST_FILE.matcher(testName).matches() || testName.contains("..") || testName.contains("//")) {
            return null;
        }
        return base + java.net.URLEncoder.encode(testName, StandardCharsets.UTF_8).replace("%2F", "/").replace("+", "%20");
    }

    /** Shorthand for pages that link one test. */
    public static String link(String refTests, String testName) {
        return of(refTests).map(links -> links.link(testName)).orElse(null);
    }
}
