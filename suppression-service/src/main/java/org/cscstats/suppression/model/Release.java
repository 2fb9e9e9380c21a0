package org.cscstats.suppression.model;

import java.time.Instant;
import java.util.Map;

/** A release's public metadata (docs/api.md › Releases): numbered per LA from 1, frozen at its cut-off. */
public record Release(String id, String la, int number, Instant cutoff, Instant createdAt, Map<String, Object> policy) {

    public static String id(String la, int number) {
        return la + "-" + number;
    }
}
