package dev.mpunit.reporting;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

import dev.mpunit.contract.CampaignId;
import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.contract.ResultsServerAddress;

/**
 * Pushes a results folder to the results server ({@code docs/results-upload.md}): the folder as a
 * tar.gz, {@code POST <server>/api/v1/runs?tz=<this JVM's zone>} (the folder's times have no zone),
 * the testbed's token as {@code Authorization: Bearer}. The results folder listener pushes once at
 * the end of a run; {@code ./mpunit upload <folder>} ({@link #main}) retries with backoff.
 *
 * <p>The token is never printed: every message passes {@link #redact}, the server's answers too.
 * The folder is only read.
 */
public final class ResultsUploader {

    /** Where {@code ./mpunit upload} takes the server from when {@code --url} is not given. */
    public static final String URL_VARIABLE = "MPUNIT_UPLOAD_URL";
    /** The waits between tries of {@code ./mpunit upload}: six tries in about half a minute. */
    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofSeconds(8), Duration.ofSeconds(16));
    static final int REFUSED = 1;
    static final int GAVE_UP = 2;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);
    /** A server asking for more than this (Retry-After) is not waited for: the command says to try later. */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);
    private static final Pattern SAFE_IN_SHELL = Pattern.compile("[A-Za-z0-9/._@%+=:,-]+");

    /** What one try came to. */
    enum Kind {
        STORED, DUPLICATE, REPLACED,
        /** A 4xx but 429: the same bytes with the same token would be refused again. */
        REFUSED,
        /** No answer, a 5xx or a 429: worth another try. */
        FAILED
    }

    /**
     * @param reason why it failed, for the messages ({@code HTTP 401: invalid token}); for a stored run, its page
     * @param retryAfter how long the server asked to wait (429, 503), if it said
     */
    record Outcome(Kind kind, String reason, Optional<Duration> retryAfter) {
        boolean stored() {
            return kind == Kind.STORED || kind == Kind.DUPLICATE || kind == Kind.REPLACED;
        }
    }

    /** How the command waits between tries; tests give delays of their own and a sleeper that records them. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * @param delays the wait before each retry (their number is the number of retries)
     * @param random in {@code [0, 1)}: each wait is its delay ±25 %, so testbeds pushed away together do not come back together
     */
    record Backoff(List<Duration> delays, Sleeper sleeper, DoubleSupplier random) {
        static Backoff standard() {
            return sleeping(DELAYS);
        }

        /** These delays, slept for real, jittered at random. */
        static Backoff sleeping(List<Duration> delays) {
            return new Backoff(delays, duration -> Thread.sleep(duration.toMillis()),
                    () -> ThreadLocalRandom.current().nextDouble());
        }

        Duration wait(int retry, Optional<Duration> retryAfter) {
            Duration base = delays.get(retry);
            Duration jittered = Duration.ofMillis(Math.round(base.toMillis() * (0.75 + 0.5 * random.getAsDouble())));
            return retryAfter.filter(asked -> asked.compareTo(jittered) > 0).map(asked -> min(asked, LONGEST_WAIT))
                    .orElse(jittered);
        }

        private static Duration min(Duration a, Duration b) {
            return a.compareTo(b) <= 0 ? a : b;
        }
    }

    private final String server;
    private final URI endpoint;
    private final String token;
    private final String tokenVariable;
    private final Optional<String> campaign;
    private final HttpClient client;

    ResultsUploader(String server, String token, String tokenVariable) {
        this(server, token, tokenVariable, Optional.empty());
    }

    /**
     * @param server the server's address as configured ({@code https://results.example.org}, maybe with a path)
     * @param tokenVariable the environment variable the token came from, for the command a message gives
     * @param campaign the campaign the run is pushed into ({@code ?campaign=}): for a folder whose
     *        {@code context.json} names none (run without it, or in Octoprobe's shape)
     * @throws IllegalArgumentException when the address is no http(s) URL, or the campaign no campaign id
     */
    ResultsUploader(String server, String token, String tokenVariable, Optional<String> campaign) {
        this.server = server;
        this.campaign = campaign.map(CampaignId::of);
        this.endpoint = endpoint(server, this.campaign);
        this.token = token;
        this.tokenVariable = tokenVariable;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static URI endpoint(String server, Optional<String> campaign) {
        // A campaign id has only characters a query carries as they are (CampaignId).
        return ResultsServerAddress.base(server)
                .resolve("api/v1/runs?tz=" + URLEncoder.encode(ZoneId.systemDefault().getId(), StandardCharsets.UTF_8)
                        + campaign.map(id -> "&campaign=" + id).orElse(""));
    }

    /** One try: the folder archived and posted once. */
    Outcome push(Path folder) {
        byte[] archive;
        try {
            archive = FolderArchive.tarGz(folder);
        } catch (IOException e) {
            return new Outcome(Kind.REFUSED, "the folder cannot be read: " + describe(e), Optional.empty());
        }
        return post(archive);
    }

    private Outcome post(byte[] archive) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(ANSWER_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/gzip")
                // The server knows a run by its content (docs/server.md); the key lets it see a retry for what it is.
                .header("Idempotency-Key", sha256(archive))
                .POST(HttpRequest.BodyPublishers.ofByteArray(archive)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Outcome(Kind.FAILED, describe(e), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Kind.FAILED, "interrupted", Optional.empty());
        }
        return outcome(response);
    }

    private Outcome outcome(HttpResponse<String> response) {
        int status = response.statusCode();
        Map<String, Object> body = jsonObject(response.body());
        if (status == 200 || status == 201) {
            Object id = body.get("id");
            String page = id == null ? endpoint.resolve(response.headers().firstValue("Location").orElse("")).toString()
                    : endpoint.resolve("../../runs/" + id).toString();
            Kind kind = Boolean.TRUE.equals(body.get("duplicate")) ? Kind.DUPLICATE
                    : Boolean.TRUE.equals(body.get("replaced")) ? Kind.REPLACED : Kind.STORED;
            return new Outcome(kind, page, Optional.empty());
        }
        String reason = "HTTP " + status + ": " + (body.get("error") instanceof String error ? error : firstLine(response.body()));
        if (status >= 500 || status == 429) {
            Optional<Duration> asked = response.headers().firstValue("Retry-After").flatMap(ResultsUploader::seconds);
            return new Outcome(Kind.FAILED, reason, asked);
        }
        if (status >= 300 && status < 400) {
            reason = "HTTP " + status + ": the server answers from " + response.headers().firstValue("Location").orElse("elsewhere")
                    + "; give that address";
        }
        return new Outcome(Kind.REFUSED, reason, Optional.empty());
    }

    /**
     * Tries until the server stores the folder or refuses it, or the retries run out, saying each
     * failure on {@code log}.
     */
    Outcome pushWithRetries(Path folder, Backoff backoff, PrintStream log) throws InterruptedException {
        int tries = backoff.delays().size() + 1;
        for (int retry = 0; ; retry++) {
            Outcome outcome = push(folder);
            if (outcome.kind() != Kind.FAILED || retry == backoff.delays().size()) {
                return outcome;
            }
            Duration wait = backoff.wait(retry, outcome.retryAfter());
            log.println(redact("mpunit: upload to " + server + " failed (" + outcome.reason() + "); trying again in "
                    + seconds(wait) + " (try " + (retry + 2) + " of " + tries + ")"));
            backoff.sleeper().sleep(wait);
        }
    }

    /** What a stored push prints. */
    String storedMessage(Path folder, Outcome outcome) {
        String said = switch (outcome.kind()) {
            case DUPLICATE -> "were pushed to " + server + " before";
            case REPLACED -> "were pushed to " + server + ", replacing their unfinished copy";
            default -> "were pushed to " + server;
        };
        return redact("mpunit: the results in " + folder + " " + said + ": " + outcome.reason());
    }

    /** What a failed push prints: the reason, that nothing was lost, and the command that pushes the folder later. */
    String failedMessage(Path folder, String reason) {
        return redact("mpunit: upload to " + server + " failed (" + reason + "); the results stay in " + folder
                + "; push them later with " + command(folder));
    }

    /** {@code ./mpunit upload <folder> --url <server>}, quoted for a shell where needed. */
    String command(Path folder) {
        String command = "./mpunit upload " + shellWord(folder.toString()) + " --url " + shellWord(server);
        if (!tokenVariable.equals(ReportingConfigurationKeys.DEFAULT_UPLOAD_TOKEN_ENV)) {
            command += " --token-env " + shellWord(tokenVariable);
        }
        if (campaign.isPresent()) {
            command += " --campaign " + campaign.get();
        }
        return command;
    }

    /** The token, written out in any message, as {@value Secrets#MASK}. */
    String redact(String text) {
        return token.isEmpty() ? text : text.replace(token, Secrets.MASK);
    }

    /**
     * {@code ./mpunit upload <folder> [--url <server>] [--token-env <variable>] [--campaign <id>]}. Exit codes: 0 stored
     * (or stored before), 1 refused (by the server, or the command cannot be carried out as given:
     * trying again will not help), 2 the retries ran out (try again later).
     */
    public static void main(String[] args) throws InterruptedException {
        System.exit(upload(List.of(args)));
    }

    /** What {@link #main} does, its exit code returned: for {@code mpunit upload} of the cli module. */
    public static int upload(List<String> args) throws InterruptedException {
        return run(args, System.getenv(), System.out, System.err, Backoff.standard());
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err, Backoff backoff)
            throws InterruptedException {
        String folderArgument = null;
        String url = environment.get(URL_VARIABLE);
        String tokenVariable = ReportingConfigurationKeys.DEFAULT_UPLOAD_TOKEN_ENV;
        String campaign = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println(usage());
                return 0;
            } else if ((arg.equals("--url") || arg.equals("--token-env") || arg.equals("--campaign")) && i + 1 < args.size()) {
                String value = args.get(++i);
                if (arg.equals("--url")) {
                    url = value;
                } else if (arg.equals("--campaign")) {
                    campaign = value;
                } else {
                    tokenVariable = value;
                }
            } else if (arg.startsWith("--url=")) {
                url = arg.substring("--url=".length());
            } else if (arg.startsWith("--campaign=")) {
                campaign = arg.substring("--campaign=".length());
            } else if (arg.startsWith("--token-env=")) {
                tokenVariable = arg.substring("--token-env=".length());
            } else if (!arg.startsWith("-") && folderArgument == null) {
                folderArgument = arg;
            } else {
                err.println("mpunit upload: unexpected '" + arg + "'\n" + usage());
                return REFUSED;
            }
        }
        if (folderArgument == null) {
            err.println("mpunit upload: which results folder? " + usage());
            return REFUSED;
        }
        if (campaign != null) {
            try {
                campaign = CampaignId.of(campaign);
            } catch (IllegalArgumentException e) {
                err.println("mpunit upload: --campaign: " + e.getMessage());
                return REFUSED;
            }
        }
        Path folder = Path.of(folderArgument).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            err.println("mpunit upload: " + folder + " is not a folder: give a results folder (results/<yyyymmdd-HHMMSS>)");
            return REFUSED;
        }
        if (url == null || url.isBlank()) {
            err.println("mpunit upload: which results server? give --url <server> or set " + URL_VARIABLE);
            return REFUSED;
        }
        String token = environment.getOrDefault(tokenVariable, "").strip();
        if (token.isEmpty()) {
            err.println("mpunit upload: no push token: set the environment variable " + tokenVariable
                    + " to the testbed's token (the server's ./mpunit serve token create <testbed> prints one)");
            return REFUSED;
        }
        ResultsUploader uploader;
        try {
            uploader = new ResultsUploader(url, token, tokenVariable, Optional.ofNullable(campaign));
        } catch (IllegalArgumentException e) {
            err.println("mpunit upload: " + e.getMessage());
            return REFUSED;
        }
        Outcome outcome = uploader.pushWithRetries(folder, backoff, err);
        if (outcome.stored()) {
            out.println(uploader.storedMessage(folder, outcome));
            return 0;
        }
        if (outcome.kind() == Kind.REFUSED) {
            err.println(uploader.redact("mpunit: upload to " + url + " refused (" + outcome.reason() + "); the results stay in "
                    + folder));
            return REFUSED;
        }
        int tries = backoff.delays().size() + 1;
        err.println(uploader.failedMessage(folder, outcome.reason() + "; " + tries + " tries"));
        return GAVE_UP;
    }

    private static String usage() {
        return "usage: ./mpunit upload <results folder> [--url <server>] [--token-env <variable>] [--campaign <id>]\n"
                + "  --url        the results server (default: $" + URL_VARIABLE + ")\n"
                + "  --token-env  the environment variable holding the testbed's push token (default: "
                + ReportingConfigurationKeys.DEFAULT_UPLOAD_TOKEN_ENV + ")\n"
                + "  --campaign   the campaign the run belongs to, when its context.json names none\n"
                + "exit codes: 0 stored (or stored before), 1 refused, 2 the server could not be reached: try again later";
    }

    private String describe(IOException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection to " + endpoint.getAuthority() + " within " + seconds(CONNECT_TIMEOUT);
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer from " + endpoint.getAuthority() + " within " + seconds(ANSWER_TIMEOUT);
        }
        if (e instanceof ConnectException) {
            return "cannot connect to " + endpoint.getAuthority() + message;
        }
        return e.getClass().getSimpleName() + message;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonObject(String body) {
        try {
            return JsonReader.parse(body) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (RuntimeException e) {
            // A proxy's HTML error page, an empty body: the status says enough.
            return Map.of();
        }
    }

    static String firstLine(String body) {
        String line = body.strip().lines().findFirst().orElse("");
        line = line.length() > 200 ? line.substring(0, 200) + "…" : line;
        return line.isEmpty() ? "no message" : line;
    }

    static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
        } catch (NumberFormatException e) {
            // An HTTP date: rare, and the own backoff is as good.
            return Optional.empty();
        }
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String shellWord(String word) {
        return SAFE_IN_SHELL.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
