package dev.mpunit.examples.workflows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub Actions' expression language, as much of it as the example workflows use: literals, context
 * properties ({@code github.event.pull_request.number}, {@code steps.test.outputs.run-url},
 * {@code secrets['X']}), {@code ! == != < <= > >= && ||}, parentheses, and the functions
 * {@code contains startsWith endsWith format always success failure cancelled}. Anything else is an
 * error that names the expression: a workflow the runner cannot evaluate is not run as if it could.
 * Comparison and truth follow GitHub's rules (loose equality through numbers when the types differ,
 * strings compared ignoring case; {@code ''}, {@code 0}, {@code null} and {@code false} are false;
 * {@code ||} and {@code &&} give an operand, not a boolean).
 */
final class Expression {

    /** A context whose unknown properties are errors (declared inputs, a job's step ids, matrix keys, env). */
    record Strict(String what, Map<String, ?> values) {
    }

    /** What a status function answers for the step or job being decided. */
    record Status(boolean failed, boolean cancelled) {
        static final Status OK = new Status(false, false);
    }

    static final class Unevaluable extends RuntimeException {
        Unevaluable(String message) {
            super(message);
        }
    }

    private static final Pattern EMBEDDED = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);

    private final String text;
    private final Function<String, Object> contexts;
    private final Status status;
    private int at;

    private Expression(String text, Function<String, Object> contexts, Status status) {
        this.text = text;
        this.contexts = contexts;
        this.status = status;
    }

    /** Every {@code ${{ … }}} of a value replaced by its value as a string. */
    static String interpolate(String value, Function<String, Object> contexts, Status status) {
        Matcher matcher = EMBEDDED.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object evaluated = evaluate(matcher.group(1), contexts, status);
            String shown;
            try {
                shown = asString(evaluated);
            } catch (Unevaluable e) {
                throw new Unevaluable("${{ " + matcher.group(1).trim() + " }}: " + e.getMessage());
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** An {@code if:}: with or without {@code ${{ }}} around it, as GitHub takes it. */
    static boolean condition(String value, Function<String, Object> contexts, Status status) {
        String trimmed = value.trim();
        Matcher whole = EMBEDDED.matcher(trimmed);
        if (whole.matches()) {
            trimmed = whole.group(1);
        }
        boolean usesStatus = trimmed.matches("(?s).*\\b(always|success|failure|cancelled)\\s*\\(.*");
        // Without a status function GitHub adds success() in front.
        return truthy(evaluate(usesStatus ? trimmed : "success() && (" + trimmed + ")", contexts, status));
    }

    /** The expressions embedded in a value, as written. */
    static List<String> embedded(String value) {
        List<String> found = new ArrayList<>();
        Matcher matcher = EMBEDDED.matcher(value);
        while (matcher.find()) {
            found.add(matcher.group(1).trim());
        }
        return found;
    }

    static Object evaluate(String expression, Function<String, Object> contexts, Status status) {
        Expression parser = new Expression(expression, contexts, status);
        try {
            Object value = parser.or();
            parser.space();
            if (parser.at < expression.length()) {
                throw parser.error("unexpected '" + expression.substring(parser.at) + "'");
            }
            return value;
        } catch (Unevaluable e) {
            throw new Unevaluable("${{ " + expression.trim() + " }}: " + e.getMessage());
        }
    }

    private Object or() {
        Object left = and();
        while (take("||")) {
            Object right = and();
            left = truthy(left) ? left : right;
        }
        return left;
    }

    private Object and() {
        Object left = equality();
        while (take("&&")) {
            Object right = equality();
            left = truthy(left) ? right : left;
        }
        return left;
    }

    private Object equality() {
        Object left = comparison();
        while (true) {
            if (take("==")) {
                left = looselyEqual(left, comparison());
            } else if (take("!=")) {
                left = !looselyEqual(left, comparison());
            } else {
                return left;
            }
        }
    }

    private Object comparison() {
        Object left = unary();
        while (true) {
            String operator = take("<=") ? "<=" : take(">=") ? ">=" : take("<") ? "<" : take(">") ? ">" : null;
            if (operator == null) {
                return left;
            }
            double a = number(left);
            double b = number(unary());
            left = switch (operator) {
                case "<" -> a < b;
                case "<=" -> a <= b;
                case ">" -> a > b;
                default -> a >= b;
            };
        }
    }

    private Object unary() {
        if (take("!")) {
            return !truthy(unary());
        }
        return primary();
    }

    private Object primary() {
        space();
        if (take("(")) {
            Object value = or();
            expect(")");
            return value;
        }
        if (at < text.length() && text.charAt(at) == '\'') {
            return string();
        }
        if (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '-')) {
            int start = at++;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            try {
                return new BigDecimal(text.substring(start, at)).doubleValue();
            } catch (NumberFormatException e) {
                throw error("not a number: " + text.substring(start, at));
            }
        }
        String name = identifier();
        if (name.isEmpty()) {
            throw error(at < text.length() ? "unexpected '" + text.charAt(at) + "'" : "an operand is missing at the end");
        }
        space();
        if (take("(")) {
            return call(name);
        }
        switch (name) {
            case "true":
                return true;
            case "false":
                return false;
            case "null":
                return null;
            default:
                break;
        }
        Object value = contexts.apply(name);
        String path = name;
        while (true) {
            if (at < text.length() && text.charAt(at) == '.') {
                at++;
                String property = identifier();
                if (property.isEmpty()) {
                    throw error("a property name is missing after " + path + ".");
                }
                value = property(value, path, property);
                path += "." + property;
            } else if (take("[")) {
                Object key = or();
                expect("]");
                value = property(value, path, asString(key));
                path += "['" + asString(key) + "']";
            } else {
                return value;
            }
        }
    }

    private static Object property(Object value, String path, String name) {
        if (value instanceof Strict strict) {
            if (!strict.values().containsKey(name)) {
                throw new Unevaluable(path + "." + name + ": no such " + strict.what() + " (there are: "
                        + String.join(", ", strict.values().keySet().stream().map(String::valueOf).toList()) + ")");
            }
            return strict.values().get(name);
        }
        if (value instanceof Map<?, ?> map) {
            // GitHub's rule for a property an object does not have: null.
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (String.valueOf(entry.getKey()).equalsIgnoreCase(name)) {
                    return entry.getValue();
                }
            }
            return null;
        }
        return null;
    }

    private Object call(String name) {
        List<Object> arguments = new ArrayList<>();
        space();
        if (!take(")")) {
            do {
                arguments.add(or());
            } while (take(","));
            expect(")");
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "always":
                return true;
            case "success":
                return !status.failed() && !status.cancelled();
            case "failure":
                return status.failed();
            case "cancelled":
                return status.cancelled();
            case "contains":
                arity(name, arguments, 2);
                if (arguments.get(0) instanceof List<?> list) {
                    return list.stream().anyMatch(item -> looselyEqual(item, arguments.get(1)));
                }
                return asString(arguments.get(0)).toLowerCase(Locale.ROOT).contains(asString(arguments.get(1)).toLowerCase(Locale.ROOT));
            case "startswith":
                arity(name, arguments, 2);
                return asString(arguments.get(0)).toLowerCase(Locale.ROOT).startsWith(asString(arguments.get(1)).toLowerCase(Locale.ROOT));
            case "endswith":
                arity(name, arguments, 2);
                return asString(arguments.get(0)).toLowerCase(Locale.ROOT).endsWith(asString(arguments.get(1)).toLowerCase(Locale.ROOT));
            case "format":
                if (arguments.isEmpty()) {
                    throw error("format() needs a format string");
                }
                String formatted = asString(arguments.get(0));
                for (int i = 1; i < arguments.size(); i++) {
                    formatted = formatted.replace("{" + (i - 1) + "}", asString(arguments.get(i)));
                }
                return formatted;
            default:
                throw error("the function " + name + "() is not one this runner evaluates");
        }
    }

    private void arity(String name, List<Object> arguments, int count) {
        if (arguments.size() != count) {
            throw error(name + "() takes " + count + " arguments, not " + arguments.size());
        }
    }

    private Object string() {
        StringBuilder value = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) {
                throw error("a string is not closed");
            }
            char c = text.charAt(at++);
            if (c == '\'') {
                if (at < text.length() && text.charAt(at) == '\'') {
                    value.append('\'');
                    at++;
                } else {
                    return value.toString();
                }
            } else {
                value.append(c);
            }
        }
    }

    private String identifier() {
        space();
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
                || text.charAt(at) == '-' && at > start)) {
            at++;
        }
        return text.substring(start, at);
    }

    private boolean take(String token) {
        space();
        if (text.startsWith(token, at)) {
            at += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!take(token)) {
            throw error("'" + token + "' expected" + (at < text.length() ? " at '" + text.substring(at) + "'" : " at the end"));
        }
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private Unevaluable error(String message) {
        return new Unevaluable(message);
    }

    static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        return true;
    }

    static String asString(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        if (value instanceof Map<?, ?> || value instanceof List<?> || value instanceof Strict) {
            throw new Unevaluable("an object where a string is needed: " + value);
        }
        return String.valueOf(value);
    }

    private static boolean looselyEqual(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.equalsIgnoreCase(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.equals(y);
        }
        if (a == null && b == null) {
            return true;
        }
        if (a instanceof Map<?, ?> || a instanceof List<?> || b instanceof Map<?, ?> || b instanceof List<?>) {
            return a == b;
        }
        return number(a) == number(b);
    }

    private static double number(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        String s = String.valueOf(value).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
