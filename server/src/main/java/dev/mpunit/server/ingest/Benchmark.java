package dev.mpunit.server.ingest;

/**
 * A benchmark's figures, as run-perfbench.py prints them for a test that passed.
 *
 * @param timeUs mean time in microseconds
 * @param timeSd the times' standard deviation in percent of their mean
 * @param score mean score
 * @param scoreSd the scores' standard deviation in percent of their mean
 */
public record Benchmark(double timeUs, double timeSd, double score, double scoreSd) {
}
