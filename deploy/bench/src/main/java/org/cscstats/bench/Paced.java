package org.cscstats.bench;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.cscstats.local.generator.IngestSender;

/**
 * Hands out batches no faster than {@code eventsPerSecond} and only until a deadline: a fixed offered load, as
 * upstream case systems would send it, rather than as fast as the service can take it.
 */
final class Paced implements Iterator<IngestSender.Batch> {
    private final Iterator<IngestSender.Batch> batches;
    private final double eventsPerSecond;
    private final long until;
    private final long started = System.nanoTime();
    private long handedOut;

    Paced(Iterator<IngestSender.Batch> batches, double eventsPerSecond, long untilNanos) {
        this.batches = batches;
        this.eventsPerSecond = eventsPerSecond;
        this.until = untilNanos;
    }

    @Override
    public boolean hasNext() {
        return System.nanoTime() < until && batches.hasNext();
    }

    @Override
    public IngestSender.Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long due = started + (long) (handedOut / eventsPerSecond * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        IngestSender.Batch b = batches.next();
        handedOut += b.count();
        return b;
    }
}
