package org.cscstats.suppression.rest;

import java.util.List;

/**
 * {@code If-None-Match} by RFC 9110 §13.1.2: weak comparison, so {@code W/"x"} matches our {@code "x"} (a proxy
 * or a compressing front end may weaken a tag), and {@code *} matches any current representation.
 */
final class EntityTags {
    /** Bound on the tags read from the headers of one request. */
    private static final int MAX_TAGS = 64;

    private EntityTags() {
    }

    /** @param etag our strong tag, quoted ({@code "abc"}) */
    static boolean noneMatchFails(List<String> ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        int seen = 0;
        for (String header : ifNoneMatch) {
            if (header == null) {
                continue;
            }
            int i = 0;
            int n = header.length();
            while (i < n && seen < MAX_TAGS) {
                char c = header.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                } else if (c == '*') {
                    return true;
                } else {
                    if (header.startsWith("W/", i)) {
                        i += 2;
                    }
                    if (i >= n || header.charAt(i) != '"') {
                        return false; // not a list of entity tags: the condition cannot be evaluated, so no 304
                    }
                    int end = header.indexOf('"', i + 1);
                    if (end < 0) {
                        return false;
                    }
                    seen++;
                    if (header.regionMatches(i, opaque, 0, opaque.length()) && end + 1 - i == opaque.length()) {
                        return true;
                    }
                    i = end + 1;
                }
            }
        }
        return false;
    }
}
