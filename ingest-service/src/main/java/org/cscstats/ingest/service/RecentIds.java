package org.cscstats.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Event ids Kafka has acknowledged recently (pseudonymised la, child and id → a hash of the content), so a
 * resent batch is reported as duplicates. Bounded and in memory: the stats service is the final guard.
 * <p>
 * Each key is kept as a 128-bit digest in flat arrays, not as a string: a million ids take ≈ 40 MB instead of
 * ≈ 250 MB (the soak showed the heap filling with them). Two generations of {@code capacity / 2} ids each: when
 * the current one is full it becomes the previous one and the oldest generation is dropped, so between
 * {@code capacity / 2} and {@code capacity} of the latest ids are remembered. A digest collision (about 1 in
 * 10^32 per pair) could only make an event look resent.
 */
@ApplicationScoped
public class RecentIds {
    private final int perGeneration;
    private final MessageDigest md5;
    private Generation current;
    private Generation previous;

    public RecentIds(@ConfigProperty(name = "ingest.recent-ids", defaultValue = "1000000") int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("ingest.recent-ids must be at least 2");
        }
        this.perGeneration = capacity / 2;
        this.current = new Generation(perGeneration);
        this.previous = new Generation(1);
        try {
            this.md5 = MessageDigest.getInstance("MD5"); // a uniform 128-bit digest, not a security measure
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What was recorded for this id, or null if it has not been seen (recently). */
    public synchronized Integer get(String key) {
        ByteBuffer d = digest(key);
        long hi = d.getLong(0);
        long lo = d.getLong(8);
        Integer found = current.get(hi, lo);
        return found != null ? found : previous.get(hi, lo);
    }

    public synchronized void put(String key, int contentHash) {
        ByteBuffer d = digest(key);
        if (current.size() >= perGeneration) {
            previous = current;
            current = new Generation(perGeneration);
        }
        current.put(d.getLong(0), d.getLong(8), contentHash);
    }

    private ByteBuffer digest(String key) {
        return ByteBuffer.wrap(md5.digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** An open-addressing table of (128-bit key → int), never more than half full, without removal. */
    private static final class Generation {
        private final long[] his;
        private final long[] los;
        private final int[] values;
        private final boolean[] used;
        private final int mask;
        private int size;

        Generation(int entries) {
            int slots = Integer.highestOneBit(Math.max(2, entries) * 2 - 1) << 1;
            his = new long[slots];
            los = new long[slots];
            values = new int[slots];
            used = new boolean[slots];
            mask = slots - 1;
        }

        int size() {
            return size;
        }

        Integer get(long hi, long lo) {
            for (int i = slot(lo); used[i]; i = (i + 1) & mask) {
                if (his[i] == hi && los[i] == lo) {
                    return values[i];
                }
            }
            return null;
        }

        void put(long hi, long lo, int value) {
            int i = slot(lo);
            while (used[i] && !(his[i] == hi && los[i] == lo)) {
                i = (i + 1) & mask;
            }
            if (!used[i]) {
                used[i] = true;
                his[i] = hi;
                los[i] = lo;
                size++;
            }
            values[i] = value;
        }

        private int slot(long lo) {
            return (int) (lo ^ (lo >>> 32)) & mask;
        }
    }
}
