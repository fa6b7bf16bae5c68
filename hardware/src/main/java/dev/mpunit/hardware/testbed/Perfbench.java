package dev.mpunit.hardware.testbed;

/**
 * The board-specific N and M arguments of run-perfbench.py (roughly: CPU speed and heap size), so a slow or
 * small board finishes the benchmarks in reasonable time.
 */
public record Perfbench(int n, int m) {
    public Perfbench {
        if (n <= 0 || m <= 0) {
            throw new IllegalArgumentException("perfbench n and m must be positive, got n=" + n + ", m=" + m);
        }
    }
}
