package dev.mpunit.contract;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.platform.engine.ConfigurationParameters;

/**
 * The pull request a run's summary is posted to as a comment ({@code docs/pull-request-comment.md}):
 * read one way by the engine, which refuses a run whose comment could not be posted before anything
 * runs, and by the reporting side, which posts it.
 *
 * @param repo {@code owner/name}
 * @param number the pull request's number
 * @param api GitHub's REST API as a base ending with {@code /} ({@code https://api.github.com/})
 */
public record PullRequestAddress(String repo, int number, URI api) {

    // GitHub's own rules for owners and repository names, loosely: what a URL path can carry unescaped.
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*)/[A-Za-z0-9._-]+");

    /**
     * @param apiUrl GitHub's REST API; blank for github.com's
     * @throws IllegalArgumentException saying which value is wrong and what to give
     */
    public static PullRequestAddress of(String repo, String number, String apiUrl) {
        String ownerName = repo == null ? "" : repo.strip();
        if (!REPO.matcher(ownerName).matches() || ownerName.endsWith("/.") || ownerName.endsWith("/..")) {
            throw new IllegalArgumentException("repository '" + ownerName + "' is not owner/name: give it as GitHub"
                    + " writes it, e.g. micropython/micropython");
        }
        int pr;
        try {
            pr = Integer.parseInt(number == null ? "" : number.strip());
        } catch (NumberFormatException e) {
            pr = 0;
        }
        if (pr < 1) {
            throw new IllegalArgumentException("pull request '" + (number == null ? "" : number.strip())
                    + "' is not a pull request's number: give the number GitHub shows (#123 is 123)");
        }
        return new PullRequestAddress(ownerName, pr, api(apiUrl == null || apiUrl.isBlank()
                ? ReportingConfigurationKeys.DEFAULT_COMMENT_API_URL : apiUrl.strip()));
    }

    /**
     * The pull request the configuration names, if it names one.
     *
     * @throws IllegalArgumentException for a repository without a pull request, or the other way round, or
     *         a value that is none, naming the key
     */
    public static Optional<PullRequestAddress> configured(ConfigurationParameters parameters) {
        Optional<String> repo = value(parameters, ReportingConfigurationKeys.RESULTS_COMMENT_REPO);
        Optional<String> pr = value(parameters, ReportingConfigurationKeys.RESULTS_COMMENT_PR);
        Optional<String> api = value(parameters, ReportingConfigurationKeys.RESULTS_COMMENT_API_URL);
        if (repo.isEmpty() && pr.isEmpty()) {
            return Optional.empty();
        }
        if (repo.isEmpty() || pr.isEmpty()) {
            String given = repo.isPresent() ? ReportingConfigurationKeys.RESULTS_COMMENT_REPO + "=" + repo.get()
                    : ReportingConfigurationKeys.RESULTS_COMMENT_PR + "=" + pr.get();
            String missing = repo.isPresent() ? ReportingConfigurationKeys.RESULTS_COMMENT_PR
                    : ReportingConfigurationKeys.RESULTS_COMMENT_REPO;
            throw new IllegalArgumentException(given + ": which pull request? set " + missing + " too");
        }
        try {
            return Optional.of(of(repo.get(), pr.get(), api.orElse(null)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("micropython.results.comment: " + e.getMessage(), e);
        }
    }

    /** {@code repos/<owner>/<name>/issues/<number>/comments}: a pull request's conversation is its issue's. */
    public URI comments() {
        return api.resolve("repos/" + repo + "/issues/" + number + "/comments");
    }

    /** {@code repos/<owner>/<name>/issues/comments/<id>}: one comment, to update it. */
    public URI comment(long id) {
        return api.resolve("repos/" + repo + "/issues/comments/" + id);
    }

    @Override
    public String toString() {
        return repo + "#" + number;
    }

    private static URI api(String address) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("API address '" + address + "' is not a URL (" + e.getReason()
                    + "): give GitHub's REST API, e.g. " + ReportingConfigurationKeys.DEFAULT_COMMENT_API_URL);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("API address '" + address + "' is no http or https address without a query"
                    + " or a user: give GitHub's REST API, e.g. " + ReportingConfigurationKeys.DEFAULT_COMMENT_API_URL
                    + " (the token goes in an environment variable)");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.resolve(path.endsWith("/") ? path : path + "/");
    }

    private static Optional<String> value(ConfigurationParameters parameters, String key) {
        return parameters.get(key).map(String::strip).filter(value -> !value.isEmpty());
    }
}
