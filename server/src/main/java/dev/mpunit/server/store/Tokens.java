package dev.mpunit.server.store;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.ingest.TokenRedactor;

/**
 * The tokens that let a testbed push its runs (one or more per testbed) and, when reading is
 * closed, let people read. A token is {@value #PREFIX} and 32 random bytes in base64url; it is shown
 * once when created and only its SHA-256 is kept (256 random bits need no slow hash), with a short
 * hint to tell tokens apart in {@link #list()}.
 */
public final class Tokens {

    /** Marks an mpunit token wherever it turns up (secret scanners, the ingest's blanking). */
    public static final String PREFIX = TokenRedactor.PREFIX;
    private static final int HINT_CHARS = PREFIX.length() + 6;
    /** {@code last_used_at} is written at most this often per token: reading does not write on every page. */
    private static final Duration LAST_USED_GRAIN = Duration.ofMinutes(1);

    /** What a token allows. */
    public enum Kind {
        /** Pushing (and deleting, marking as baseline) the runs of its testbed. */
        PUSH,
        /** Reading, when the server closes reading ({@code --read token}). */
        READ;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind ofWord(String word) {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** A token just created: {@link #token()} is the only time it is seen. */
    public record Created(long id, Kind kind, String testbed, String hint, String token) {
        @Override
        public String toString() {
            return "Created[id=" + id + ", kind=" + kind + ", testbed=" + testbed + ", hint=" + hint + "]";
        }
    }

    /** Who holds a valid token. */
    public record Holder(long tokenId, Kind kind, String testbed) {
    }

    /** A token as {@code token list} shows it: never the token. */
    public record Listed(long id, Kind kind, String testbed, String hint, String label, OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
    }

    private final Database database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Tokens(Database database) {
        this(database, Clock.systemUTC());
    }

    Tokens(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A push token for the testbed, whose row is created with its first token. */
    public Created createPush(String testbed, String label) throws SQLException {
        try (Connection connection = database.connection()) {
            long testbedId = Testbeds.ensure(connection, testbed, clock);
            return create(connection, Kind.PUSH, testbedId, testbed, label);
        }
    }

    /** A read token, for a server that closes reading. */
    public Created createRead(String label) throws SQLException {
        try (Connection connection = database.connection()) {
            return create(connection, Kind.READ, null, null, label);
        }
    }

    private Created create(Connection connection, Kind kind, Long testbedId, String testbed, String label)
            throws SQLException {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hint = token.substring(0, HINT_CHARS);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tokens (kind, testbed_id, token_hash, "
                + "token_hint, label, created_at) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            insert.setString(1, kind.word());
            if (testbedId == null) {
                insert.setNull(2, Types.BIGINT);
            } else {
                insert.setLong(2, testbedId);
            }
            insert.setString(3, hash(token));
            insert.setString(4, hint);
            insert.setString(5, label == null || label.isBlank() ? null : label.strip());
            insert.setObject(6, now());
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return new Created(key.getLong(1), kind, testbed, hint, token);
            }
        }
    }

    /** Every token, newest first; revoked ones too (with when). */
    public List<Listed> list() throws SQLException {
        List<Listed> tokens = new ArrayList<>();
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT k.id, k.kind, b.name, k.token_hint, k.label, "
                        + "k.created_at, k.last_used_at, k.revoked_at FROM tokens k LEFT JOIN testbeds b ON b.id = k.testbed_id "
                        + "ORDER BY k.id DESC");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                tokens.add(new Listed(rows.getLong(1), Kind.ofWord(rows.getString(2)), rows.getString(3),
                        rows.getString(4).trim(), rows.getString(5), rows.getObject(6, OffsetDateTime.class),
                        rows.getObject(7, OffsetDateTime.class), rows.getObject(8, OffsetDateTime.class)));
            }
        }
        return tokens;
    }

    /**
     * Revokes the token with this id, the token itself, or the one whose hint this is (or starts with).
     *
     * @return the revoked token
     * @throws IllegalArgumentException no such token, or a hint several tokens share
     */
    public Listed revoke(String idOrHint) throws SQLException {
        String wanted = idOrHint.strip();
        Optional<Long> byHash = wanted.length() > HINT_CHARS ? idOfHash(hash(wanted)) : Optional.empty();
        List<Listed> matching = list().stream()
                .filter(token -> wanted.matches("\\d+") ? token.id() == Long.parseLong(wanted)
                        : byHash.isPresent() ? token.id() == byHash.get()
                        : wanted.length() >= 6 && token.hint().startsWith(wanted))
                .toList();
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("no token '" + (wanted.length() > HINT_CHARS
                    ? wanted.substring(0, HINT_CHARS) + "…" : wanted) + "': give an id or hint that 'token list' shows");
        }
        if (matching.size() > 1) {
            throw new IllegalArgumentException("the hint '" + wanted + "' fits " + matching.size()
                    + " tokens: give the id that 'token list' shows");
        }
        Listed token = matching.get(0);
        try (Connection connection = database.connection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            OffsetDateTime now = now();
            update.setObject(1, now);
            update.setLong(2, token.id());
            if (update.executeUpdate() == 1) {
                return new Listed(token.id(), token.kind(), token.testbed(), token.hint(), token.label(), token.createdAt(),
                        token.lastUsedAt(), now);
            }
            return token;
        }
    }

    private Optional<Long> idOfHash(String hash) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT id FROM tokens WHERE token_hash = ?")) {
            select.setString(1, hash);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Who holds this token; empty when it is unknown or revoked. */
    public Optional<Holder> verify(String token) throws SQLException {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try (Connection connection = database.connection()) {
            Holder holder;
            OffsetDateTime lastUsed;
            try (PreparedStatement select = connection.prepareStatement("SELECT k.id, k.kind, b.name, k.last_used_at "
                    + "FROM tokens k LEFT JOIN testbeds b ON b.id = k.testbed_id "
                    + "WHERE k.token_hash = ? AND k.revoked_at IS NULL")) {
                select.setString(1, hash(token));
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    holder = new Holder(row.getLong(1), Kind.ofWord(row.getString(2)), row.getString(3));
                    lastUsed = row.getObject(4, OffsetDateTime.class);
                }
            }
            OffsetDateTime now = now();
            if (lastUsed == null || lastUsed.plus(LAST_USED_GRAIN).isBefore(now)) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE tokens SET last_used_at = ? WHERE id = ?")) {
                    update.setObject(1, now);
                    update.setLong(2, holder.tokenId());
                    update.executeUpdate();
                }
            }
            return Optional.of(holder);
        }
    }

    /** What is kept of a token: its SHA-256 in hex. */
    static String hash(String token) {
        return ParsedRun.sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
