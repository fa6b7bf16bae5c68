package dev.mpunit.engine.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * run-tests.py's {@code -i}/{@code -e} test selection: an ordered list of
 * include and exclude regexes (Python syntax), searched anywhere in the test's
 * relative path ({@code re.search}); the last one that matches decides, and a
 * path no regex matches gets the opposite of the first one's action. No
 * regexes: every test is accepted.
 *
 * <p>From run-tests.py's help:
 * <pre>
 * -i async                 exclude all, then include tests containing "async" anywhere
 * -e '/big.+int'           include all, then exclude by regex
 * -e async -i async_foo    include all, exclude async, yet still include async_foo
 * </pre>
 */
public final class Filters {

    public enum Action {
        INCLUDE, EXCLUDE
    }

    /**
     * One {@code -i} or {@code -e}.
     *
     * @param regex the Python regex as given
     */
    public record Filter(Action action, String regex, Pattern pattern) {

        public Filter {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(regex, "regex");
            Objects.requireNonNull(pattern, "pattern");
        }

        /** @throws IllegalArgumentException when the regex is not one Python would compile */
        public static Filter of(Action action, String regex) {
            return new Filter(action, regex, PythonRegex.compile(regex, PythonRegex.Flavour.STR));
        }

        @Override
        public String toString() {
            return (action == Action.INCLUDE ? "-i " : "-e ") + regex;
        }
    }

    /** Accepts everything. */
    public static final Filters NONE = new Filters(List.of());

    private final List<Filter> filters;

    public Filters(List<Filter> filters) {
        this.filters = List.copyOf(filters);
    }

    public List<Filter> filters() {
        return filters;
    }

    /**
     * Builds the list from the engine's configuration.
     *
     * @param include shorthand: regexes to include, separated by {@code ;} or
     *        newlines ({@code ;} rather than {@code ,} because commas occur in
     *        regexes, as in {@code {1,3}}); null or blank for none
     * @param exclude shorthand: regexes to exclude, same separators
     * @param ordered run-tests.py's own argument form, applied after the
     *        shorthands: {@code -e async -i async_foo}; also {@code --include X},
     *        {@code --exclude=X}, {@code -iX}; arguments are separated by
     *        whitespace, and single or double quotes keep whitespace in a regex
     * @throws IllegalArgumentException on an unknown option, a missing regex or
     *         an invalid regex
     */
    public static Filters parse(String include, String exclude, String ordered) {
        // Includes first, then excludes: "these, except those".
        List<Filter> list = new ArrayList<>();
        for (String r : shorthand(include)) {
            list.add(Filter.of(Action.INCLUDE, r));
        }
        for (String r : shorthand(exclude)) {
            list.add(Filter.of(Action.EXCLUDE, r));
        }
        List<String> args = words(ordered == null ? "" : ordered);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            Action action;
            String value;
            if (a.equals("-i") || a.equals("--include") || a.equals("-e") || a.equals("--exclude")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("argument " + a + ": expected one REGEX argument");
                }
                action = a.equals("-e") || a.equals("--exclude") ? Action.EXCLUDE : Action.INCLUDE;
                value = args.get(++i);
            } else if (a.startsWith("--include=") || a.startsWith("--exclude=")) {
                action = a.startsWith("--exclude=") ? Action.EXCLUDE : Action.INCLUDE;
                value = a.substring(a.indexOf('=') + 1);
            } else if (a.startsWith("-i") || a.startsWith("-e")) {
                action = a.startsWith("-e") ? Action.EXCLUDE : Action.INCLUDE;
                value = a.substring(2);
            } else {
                throw new IllegalArgumentException("not an include/exclude option: " + a
                        + " (expected -i REGEX, -e REGEX, --include REGEX or --exclude REGEX)");
            }
            list.add(Filter.of(action, value));
        }
        return new Filters(list);
    }

    /** Whether run-tests.py would run this test (relative path, {@code /}-separated). */
    public boolean accepts(String relPath) {
        if (filters.isEmpty()) {
            return true;
        }
        Action verdict = filters.get(0).action() == Action.EXCLUDE ? Action.INCLUDE : Action.EXCLUDE;
        for (Filter f : filters) {
            if (f.pattern().matcher(relPath).find()) {
                verdict = f.action();
            }
        }
        return verdict == Action.INCLUDE;
    }

    @Override
    public String toString() {
        return filters.isEmpty() ? "(no filters)" : String.join(" ", filters.stream().map(Filter::toString).toList());
    }

    private static List<String> shorthand(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (String part : s.split("[;\n]")) {
            String r = part.strip();
            if (!r.isEmpty()) {
                out.add(r);
            }
        }
        return out;
    }

    /** Whitespace-separated words; quotes group, as a shell would without expansions. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                if (cur == null) {
                    cur = new StringBuilder();
                }
            } else if (Character.isWhitespace(c)) {
                if (cur != null) {
                    out.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) {
                    cur = new StringBuilder();
                }
                cur.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quote in filter arguments: " + s);
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }
}
