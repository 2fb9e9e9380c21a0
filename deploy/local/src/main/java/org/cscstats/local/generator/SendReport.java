package org.cscstats.local.generator;

import java.time.Duration;

/**
 * What a send achieved so far.
 *
 * @param events     events the service confirmed (202), duplicates included
 * @param accepted   of those, newly accepted
 * @param duplicates of those, already seen
 * @param batches    batches confirmed
 * @param retries    re-sends after 503 or a broken connection
 */
public record SendReport(long events, long accepted, long duplicates, long batches, long retries, Duration elapsed) {

    public double eventsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? events / s : 0;
    }

    @Override
    public String toString() {
        return String.format("%,d events sent (%,d accepted, %,d duplicates) in %,d batches, %d retries, %.1f s: %,.0f events/s",
                events, accepted, duplicates, batches, retries, elapsed.toNanos() / 1e9, eventsPerSecond());
    }
}
