package org.cscstats.bench;

import java.util.Arrays;

/** Recorded durations in milliseconds, thread-safe, with nearest-rank percentiles. */
final class Latencies {
    private double[] values = new double[1024];
    private int size;

    synchronized void add(double millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    synchronized double get(int i) {
        return values[i];
    }

    synchronized int count() {
        return size;
    }

    /** Nearest-rank percentile (p in 0..100); NaN when empty. */
    synchronized double percentile(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    synchronized double max() {
        return percentile(100);
    }

    String summary() {
        return String.format("p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d samples)", percentile(50), percentile(99), max(), count());
    }
}
