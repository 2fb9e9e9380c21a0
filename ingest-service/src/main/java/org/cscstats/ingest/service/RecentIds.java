package org.cscstats.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Event ids Kafka has acknowledged recently (pseudonymised la, child and id → a hash of the content), so a
 * resent batch is reported as duplicates. Bounded and in memory: the stats service is the final guard.
 */
@ApplicationScoped
public class RecentIds {
    private final Map<String, Integer> seen;

    public RecentIds(@ConfigProperty(name = "ingest.recent-ids", defaultValue = "1000000") int capacity) {
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    /** What was recorded for this id, or null if it has not been seen. */
    public synchronized Integer get(String key) {
        return seen.get(key);
    }

    public synchronized void put(String key, int contentHash) {
        seen.put(key, contentHash);
    }
}
