package org.cscstats.suppression.it;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use after full collections, in this JVM (a QuarkusTest runs the service in it). */
final class HeapInUse {
    static final long MB = 1L << 20;

    private HeapInUse() {
    }

    /** The lowest of a few readings, each after System.gc(): what is still referenced, not garbage not yet collected. */
    static long afterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }
}
