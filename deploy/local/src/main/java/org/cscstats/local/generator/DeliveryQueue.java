package org.cscstats.local.generator;

import java.util.Arrays;
import org.cscstats.contract.CaseEvent;

/**
 * Events waiting to be sent, released in delivery-time order (seconds since the epoch; ties by insertion order,
 * so the order is reproducible). One bucket per day: adding is O(1), and a day is sorted once, when released.
 * It only ever holds one LA's not-yet-due events, which bounds memory.
 */
final class DeliveryQueue {
    /** One day's events; keys pack the second of the day (17 bits) above the insertion index. */
    private static final class Bucket {
        long[] keys = new long[16];
        CaseEvent[] events = new CaseEvent[16];
        int size;
        int read;

        void add(int secondOfDay, CaseEvent e) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                events = Arrays.copyOf(events, size * 2);
            }
            keys[size] = (long) secondOfDay << 40 | size;
            events[size++] = e;
        }

        void sort() {
            Arrays.sort(keys, 0, size);
        }

        CaseEvent next() {
            return read < size ? events[(int) (keys[read++] & 0xFF_FFFF_FFFFL)] : null;
        }
    }

    private final long firstDay;
    private Bucket[] days = new Bucket[512];
    private long cursor;
    private long lastDay;
    private Bucket open;
    private int size;

    /** @param firstDay no event is due before this day (epoch day) */
    DeliveryQueue(long firstDay) {
        this.firstDay = firstDay;
        this.cursor = firstDay;
        this.lastDay = firstDay - 1;
    }

    /** @param at delivery time, seconds since the epoch; never in a day already released */
    void add(long at, CaseEvent event) {
        long day = Math.floorDiv(at, Delivery.DAY);
        if (day < cursor) {
            throw new IllegalStateException("day " + day + " already released");
        }
        int i = Math.toIntExact(day - firstDay);
        if (i >= days.length) {
            days = Arrays.copyOf(days, Math.max(i + 1, days.length * 2));
        }
        Bucket b = days[i];
        if (b == null) {
            b = days[i] = new Bucket();
        }
        b.add((int) (at - day * Delivery.DAY), event);
        lastDay = Math.max(lastDay, day);
        size++;
    }

    /** The next event due before day {@code day} (epoch day), or null. */
    CaseEvent pollBefore(long day) {
        while (true) {
            CaseEvent e = open == null ? null : open.next();
            if (e != null) {
                size--;
                return e;
            }
            if (cursor >= day || cursor > lastDay) {
                return null;
            }
            int i = (int) (cursor++ - firstDay);
            open = days[i];
            days[i] = null; // released: let it go
            if (open != null) {
                open.sort();
            }
        }
    }

    /** The next event whenever due, or null when empty. */
    CaseEvent poll() {
        return pollBefore(lastDay + 1);
    }

    int size() {
        return size;
    }
}
