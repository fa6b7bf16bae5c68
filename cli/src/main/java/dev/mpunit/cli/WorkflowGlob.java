package dev.mpunit.cli;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One pattern of a GitHub Actions {@code paths} or {@code paths-ignore} filter, by GitHub's filter
 * pattern rules: {@code *} is any characters but {@code /}, {@code **} any characters ({@code **}{@code /}
 * also none), {@code ?} and {@code +} zero-or-one and one-or-more of the character before, {@code [..]}
 * one character of a set or range, {@code \} escapes the next, and a leading {@code !} negates.
 *
 * @param text    the pattern as the workflow writes it, {@code !} included
 * @param negated a leading {@code !}: a path it matches is excluded (until a later pattern includes it again)
 */
record WorkflowGlob(String text, boolean negated, Pattern regex) {

    static WorkflowGlob of(String text) {
        boolean negated = text.startsWith("!");
        String glob = negated ? text.substring(1) : text;
        try {
            return new WorkflowGlob(text, negated, Pattern.compile(regex(glob)));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the path pattern '" + text + "' cannot be read: " + e.getDescription());
        }
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    private static String regex(String glob) {
        StringBuilder regex = new StringBuilder();
        boolean atom = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                        // docs/**/*.md takes docs/a.md too: the folders between are zero or more.
                        i++;
                        regex.append("(?:.*/)?");
                    } else {
                        regex.append(".*");
                    }
                } else {
                    regex.append("[^/]*");
                }
                atom = false;
            } else if ((c == '?' || c == '+') && atom) {
                regex.append(c);
                atom = false;
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0) {
                    throw new PatternSyntaxException("a [ without its ]", glob, i);
                }
                regex.append('[').append(glob, i + 1, end).append(']');
                i = end;
                atom = true;
            } else {
                if (c == '\\' && i + 1 < glob.length()) {
                    c = glob.charAt(++i);
                }
                regex.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
                atom = true;
            }
        }
        return regex.toString();
    }
}
