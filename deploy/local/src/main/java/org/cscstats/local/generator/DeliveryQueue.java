package org.cscstats.local.generator;

import java.util.Comparator;
import java.util.PriorityQueue;
import org.cscstats.contract.CaseEvent;

/**
 * Events waiting to be sent, ordered by delivery time (seconds since the epoch; ties by insertion order, so the
 * order is reproducible). It only ever holds one LA's not-yet-due events, which bounds memory.
 */
final class DeliveryQueue {
    private record Pending(long at, long seq, CaseEvent event) {
    }

    private static final Comparator<Pending> ORDER =
            Comparator.comparingLong(Pending::at).thenComparingLong(Pending::seq);

    private final PriorityQueue<Pending> queue = new PriorityQueue<>(1024, ORDER);
    private long seq;

    void add(long at, CaseEvent event) {
        queue.add(new Pending(at, seq++, event));
    }

    /** The next event due strictly before {@code at}, or null. */
    CaseEvent pollBefore(long at) {
        Pending head = queue.peek();
        if (head == null || head.at() >= at) {
            return null;
        }
        return queue.poll().event();
    }

    /** The next event whenever due, or null when empty. */
    CaseEvent poll() {
        Pending head = queue.poll();
        return head == null ? null : head.event();
    }

    int size() {
        return queue.size();
    }
}
