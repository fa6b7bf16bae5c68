package dev.mpunit.reporting;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u} layout) of two texts, line by line: what a failing test's
 * output changed against its expected output. Pure, no dependencies.
 *
 * <p>The common head and tail are matched first; the middle is matched by longest common
 * subsequence when it is small enough ({@value #MAX_CELLS} line pairs), else it is shown as
 * removed and added whole, which is still a correct diff.
 */
public final class UnifiedDiff {

    static final int MAX_CELLS = 4_000_000;
    private static final int CONTEXT = 3;
    private static final String NO_NEWLINE = "\\ No newline at end of file";

    private enum Op {
        SAME, DELETE, INSERT
    }

    private record Edit(Op op, int oldLine, int newLine) {
    }

    private UnifiedDiff() {
    }

    /**
     * The diff from {@code oldText} to {@code newText} under the given file labels, or the empty
     * string when the texts are equal.
     */
    public static String of(String oldLabel, String oldText, String newLabel, String newText) {
        Lines a = Lines.of(oldText);
        Lines b = Lines.of(newText);
        List<Edit> edits = edits(a.lines(), b.lines());
        if (edits.stream().allMatch(edit -> edit.op() == Op.SAME) && a.endsWithNewline() == b.endsWithNewline()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldLabel).append('\n');
        out.append("+++ ").append(newLabel).append('\n');
        int i = 0;
        while (i < edits.size()) {
            int firstChange = nextChange(edits, i, a, b);
            if (firstChange < 0) {
                break;
            }
            int start = Math.max(i, firstChange - CONTEXT);
            int end = firstChange;
            // Extend the hunk while the next change is within two contexts of the last one.
            while (true) {
                int lastChange = end;
                while (end < edits.size() && isChange(edits, end, a, b)) {
                    lastChange = end;
                    end++;
                }
                int next = nextChange(edits, end, a, b);
                if (next >= 0 && next - lastChange <= 2 * CONTEXT) {
                    end = next;
                    continue;
                }
                end = Math.min(edits.size(), lastChange + 1 + CONTEXT);
                break;
            }
            appendHunk(out, edits.subList(start, end), a, b);
            i = end;
        }
        return out.toString();
    }

    private static boolean isChange(List<Edit> edits, int index, Lines a, Lines b) {
        Edit edit = edits.get(index);
        if (edit.op() != Op.SAME) {
            return true;
        }
        // The same last line, once with and once without its newline, is a change.
        boolean lastOfA = edit.oldLine() == a.lines().size() - 1;
        boolean lastOfB = edit.newLine() == b.lines().size() - 1;
        return (lastOfA || lastOfB) && (lastOfA && !a.endsWithNewline()) != (lastOfB && !b.endsWithNewline());
    }

    private static int nextChange(List<Edit> edits, int from, Lines a, Lines b) {
        for (int i = from; i < edits.size(); i++) {
            if (isChange(edits, i, a, b)) {
                return i;
            }
        }
        return -1;
    }

    private static void appendHunk(StringBuilder out, List<Edit> hunk, Lines a, Lines b) {
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        for (Edit edit : hunk) {
            if (edit.op() != Op.INSERT) {
                oldStart = oldStart < 0 ? edit.oldLine() : oldStart;
                oldCount++;
            }
            if (edit.op() != Op.DELETE) {
                newStart = newStart < 0 ? edit.newLine() : newStart;
                newCount++;
            }
        }
        // diff -u numbers an empty side by the line before it.
        oldStart = oldCount == 0 ? firstPosition(hunk, true) : oldStart + 1;
        newStart = newCount == 0 ? firstPosition(hunk, false) : newStart + 1;
        out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount))
                .append(" @@\n");
        for (Edit edit : hunk) {
            boolean changedEnding = edit.op() == Op.SAME && isChange(List.of(edit), 0, a, b);
            if (edit.op() == Op.DELETE || changedEnding) {
                line(out, '-', a, edit.oldLine());
            }
            if (edit.op() == Op.INSERT || changedEnding) {
                line(out, '+', b, edit.newLine());
            }
            if (edit.op() == Op.SAME && !changedEnding) {
                line(out, ' ', a, edit.oldLine());
            }
        }
    }

    /** The line number before an empty side of a hunk: the lines of that side before it. */
    private static int firstPosition(List<Edit> hunk, boolean oldSide) {
        Edit first = hunk.get(0);
        return oldSide ? first.oldLine() : first.newLine();
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static void line(StringBuilder out, char prefix, Lines text, int index) {
        out.append(prefix).append(text.lines().get(index)).append('\n');
        if (index == text.lines().size() - 1 && !text.endsWithNewline()) {
            out.append(NO_NEWLINE).append('\n');
        }
    }

    /**
     * Edits turning {@code a} into {@code b}. Each edit carries the position in both texts: for a
     * deletion the new-side position is where the next line of {@code b} would go, and vice versa.
     */
    private static List<Edit> edits(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            edits.add(new Edit(Op.SAME, i, i));
        }
        int n = a.size() - head - tail;
        int m = b.size() - head - tail;
        if ((long) n * m <= MAX_CELLS) {
            middleByLcs(a, b, head, n, m, edits);
        } else {
            for (int i = 0; i < n; i++) {
                edits.add(new Edit(Op.DELETE, head + i, head));
            }
            for (int j = 0; j < m; j++) {
                edits.add(new Edit(Op.INSERT, head + n, head + j));
            }
        }
        for (int i = 0; i < tail; i++) {
            edits.add(new Edit(Op.SAME, head + n + i, head + m + i));
        }
        return edits;
    }

    private static void middleByLcs(List<String> a, List<String> b, int offset, int n, int m, List<Edit> edits) {
        // lcs[i][j]: the longest common subsequence of a's middle from i and b's middle from j.
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(offset + i).equals(b.get(offset + j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(offset + i).equals(b.get(offset + j))) {
                edits.add(new Edit(Op.SAME, offset + i++, offset + j++));
            } else if (j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit(Op.DELETE, offset + i++, offset + j));
            } else {
                edits.add(new Edit(Op.INSERT, offset + i, offset + j++));
            }
        }
    }

    private record Lines(List<String> lines, boolean endsWithNewline) {
        static Lines of(String text) {
            if (text.isEmpty()) {
                return new Lines(List.of(), true);
            }
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            boolean newline = text.endsWith("\n");
            if (newline) {
                lines.remove(lines.size() - 1);
            }
            return new Lines(lines, newline);
        }
    }
}
