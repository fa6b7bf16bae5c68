package dev.mpunit.hardware.serial;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into words the way a POSIX shell does for simple quoting: whitespace
 * separates words, single quotes keep everything literally, double quotes keep everything but
 * {@code \"} and {@code \\}, a backslash outside quotes escapes the next character. No shell is
 * started, so there are no variables, globs, pipes or redirections: a command that needs them is
 * written as {@code sh -c '...'}.
 */
final class CommandLine {

    private CommandLine() {}

    /** @throws IllegalArgumentException for an unclosed quote, a trailing backslash, or no words at all */
    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed ' in command: " + command);
                }
                word.append(command, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(command, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= command.length()) {
                    throw new IllegalArgumentException("trailing \\ in command: " + command);
                }
                word.append(command.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command: \"" + command + "\"");
        }
        return List.copyOf(words);
    }

    /** Appends the text of a double-quoted part starting after its quote; returns the index after the closing quote. */
    private static int doubleQuoted(String command, int from, StringBuilder word) {
        int i = from;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            // Inside double quotes a shell only treats \ specially before these characters.
            if (c == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                word.append(command.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unclosed \" in command: " + command);
    }
}
