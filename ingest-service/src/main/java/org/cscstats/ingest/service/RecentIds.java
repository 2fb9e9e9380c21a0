package org.cscstats.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Event ids Kafka has acknowledged recently (pseudonymised la, child and id → a 128-bit digest of the content), so
 * a resent batch is reported as duplicates and a changed resend as a conflict. Bounded and in memory: the stats
 * service is the final guard. The content digest is cryptographic (SHA-256, cut to 128 bits) because the content
 * is chosen by the sender: a 32-bit hash can be made to collide on purpose, and a changed event would then be
 * dropped as a duplicate.
 * <p>
 * Each key is kept as a 128-bit digest in flat arrays, not as a string: a million ids take ≈ 40 MB instead of
 * ≈ 250 MB (the soak showed the heap filling with them). Two generations of {@code capacity / 2} ids each: when
 * the current one is full it becomes the previous one and the oldest generation is dropped, so between
 * {@code capacity / 2} and {@code capacity} of the latest ids are remembered. A digest collision (about 1 in
 * 10^32 per pair) could only make an event look resent.
 * (Entries are 32 bytes plus a flag: the content digest doubled the 16 bytes the 32-bit hash took.)
 */
@ApplicationScoped
public class RecentIds {
    private final int perGeneration;
    private final MessageDigest md5;
    private final MessageDigest sha256;
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
            this.md5 = MessageDigest.getInstance("MD5"); // a uniform 128-bit digest of the key, not a security measure
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an id was seen (recently), and if so with the same content. */
    public enum Seen { NEW, SAME_CONTENT, OTHER_CONTENT }

    /** What is recorded for this id compared with this content. */
    public synchronized Seen check(String key, String content) {
        ByteBuffer k = keyDigest(key);
        ByteBuffer c = contentDigest(content);
        long hi = k.getLong(0);
        long lo = k.getLong(8);
        Generation g = current.slotOf(hi, lo) >= 0 ? current : previous;
        int slot = g.slotOf(hi, lo);
        if (slot < 0) {
            return Seen.NEW;
        }
        return g.contentHi[slot] == c.getLong(0) && g.contentLo[slot] == c.getLong(8) ? Seen.SAME_CONTENT : Seen.OTHER_CONTENT;
    }

    public synchronized void put(String key, String content) {
        ByteBuffer k = keyDigest(key);
        ByteBuffer c = contentDigest(content);
        if (current.size() >= perGeneration) {
            previous = current;
            current = new Generation(perGeneration);
        }
        current.put(k.getLong(0), k.getLong(8), c.getLong(0), c.getLong(8));
    }

    private ByteBuffer keyDigest(String key) {
        return ByteBuffer.wrap(md5.digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private ByteBuffer contentDigest(String content) {
        return ByteBuffer.wrap(sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** An open-addressing table of (128-bit key → 128-bit content), never more than half full, without removal. */
    private static final class Generation {
        private final long[] his;
        private final long[] los;
        final long[] contentHi;
        final long[] contentLo;
        private final boolean[] used;
        private final int mask;
        private int size;

        Generation(int entries) {
            int slots = Integer.highestOneBit(Math.max(2, entries) * 2 - 1) << 1;
            his = new long[slots];
            los = new long[slots];
            contentHi = new long[slots];
            contentLo = new long[slots];
            used = new boolean[slots];
            mask = slots - 1;
        }

        int size() {
            return size;
        }

        /** The slot holding this key, or -1. */
        int slotOf(long hi, long lo) {
            for (int i = slot(lo); used[i]; i = (i + 1) & mask) {
                if (his[i] == hi && los[i] == lo) {
                    return i;
                }
            }
            return -1;
        }

        void put(long hi, long lo, long valueHi, long valueLo) {
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
            contentHi[i] = valueHi;
            contentLo[i] = valueLo;
        }

        private int slot(long lo) {
            return (int) (lo ^ (lo >>> 32)) & mask;
        }
    }
}
