package org.cscstats.suppression.service;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Rendered bytes kept by key, bounded by their total size rather than their number: the keys come from public
 * requests (a foi-pack names any subset of a release's tables), so a count bound alone lets a caller fill the heap
 * with large renderings. The least recently used go first. Rendering happens outside the lock; two requests
 * for the same missing key may both render it, which is harmless because a rendering is a pure function.
 */
final class RenderCache {
    /** What an entry costs beyond its bytes: key, map entry, record, array header (an estimate). */
    private static final long ENTRY_OVERHEAD = 200;

    private final long maxBytes;
    private final LinkedHashMap<String, ReleaseReader.Rendered> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    RenderCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("suppression.render-cache-bytes must not be negative");
        }
        this.maxBytes = maxBytes;
    }

    ReleaseReader.Rendered get(String key, Supplier<ReleaseReader.Rendered> render) {
        synchronized (this) {
            ReleaseReader.Rendered known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        ReleaseReader.Rendered fresh = render.get();
        long cost = cost(key, fresh);
        if (cost > maxBytes) {
            return fresh; // larger than the whole cache: served, not kept
        }
        synchronized (this) {
            ReleaseReader.Rendered raced = entries.get(key);
            if (raced != null) {
                return raced;
            }
            entries.put(key, fresh);
            bytes += cost;
            for (Iterator<Map.Entry<String, ReleaseReader.Rendered>> it = entries.entrySet().iterator();
                 bytes > maxBytes && it.hasNext();) {
                Map.Entry<String, ReleaseReader.Rendered> eldest = it.next();
                bytes -= cost(eldest.getKey(), eldest.getValue());
                it.remove();
            }
            return fresh;
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }

    private static long cost(String key, ReleaseReader.Rendered r) {
        return r.bytes().length + 2L * key.length() + ENTRY_OVERHEAD;
    }
}
