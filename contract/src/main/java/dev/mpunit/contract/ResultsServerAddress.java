package dev.mpunit.contract;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The results server's address ({@value ReportingConfigurationKeys#RESULTS_UPLOAD},
 * {@code ./mpunit upload --url}), read one way on both sides: the engine refuses a run whose
 * address is none before anything runs, the listener and {@code ./mpunit upload} push to it.
 */
public final class ResultsServerAddress {

    private ResultsServerAddress() {
    }

    /**
     * The address as a base the API's paths resolve against: ending with {@code /}, its path kept
     * ({@code https://example.org/mpunit} behind a proxy gives {@code https://example.org/mpunit/}).
     *
     * @throws IllegalArgumentException saying why it is no server address and what to give
     */
    public static URI base(String address) {
        URI uri;
        try {
            uri = new URI(address.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + address + "' is not a URL (" + e.getReason() + "): give the results"
                    + " server's address, e.g. https://results.example.org");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + address + "' is not an http or https URL: give the results server's"
                    + " address, e.g. https://results.example.org");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + address + "' has a query, a fragment or a user: give only the results"
                    + " server's address (the token goes in an environment variable)");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.resolve(path.endsWith("/") ? path : path + "/");
    }
}
