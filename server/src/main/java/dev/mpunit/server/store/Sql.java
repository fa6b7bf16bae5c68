package dev.mpunit.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the query classes share to keep one SQL text for H2 and PostgreSQL: a WHERE clause built with
 * its parameters side by side (never a value inside the SQL), times bound as {@link OffsetDateTime}
 * in UTC, LIKE patterns with the user's {@code %}, {@code _} and {@code \} escaped.
 */
final class Sql {

    /** The escape character of every LIKE the queries write ({@code ESCAPE '\'}). */
    static final String LIKE_ESCAPE = " ESCAPE '\\'";

    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    Sql(String start) {
        text.append(start);
    }

    Sql append(String sql, Object... values) {
        text.append(sql);
        parameters.addAll(java.util.Arrays.asList(values));
        return this;
    }

    /** Appends {@code AND <condition>} when the value is given. */
    Sql and(String condition, Object value) {
        if (value != null) {
            append(" AND " + condition, value);
        }
        return this;
    }

    PreparedStatement prepare(java.sql.Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text.toString());
        bind(statement, parameters);
        return statement;
    }

    static void bind(PreparedStatement statement, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (value instanceof String string) {
                statement.setString(i + 1, string);
            } else if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else if (value instanceof Boolean flag) {
                statement.setBoolean(i + 1, flag);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** A time as the API writes it: ISO-8601 in UTC with seconds ({@code 2026-12-01T02:00:00Z}). */
    static String iso(Instant time) {
        return time == null ? null : time.toString();
    }

    static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    /** {@code %text%} for {@code LOWER(column) LIKE ? ESCAPE '\'}, the user's wildcards taken literally. */
    static String containsPattern(String text) {
        return "%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%";
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
