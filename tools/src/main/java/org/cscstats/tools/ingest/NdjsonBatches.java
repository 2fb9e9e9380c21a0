package org.cscstats.tools.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an NDJSON stream into batches of at most {@code maxEvents} lines and {@code maxBytes} bytes (the API takes
 * 10,000 events and 32 MB). Blank lines are not sent; each batch remembers the file line of each event so the
 * server's 0-based batch indexes can be reported as file lines.
 */
final class NdjsonBatches {
    record Batch(String body, int[] fileLines) {
        int size() {
            return fileLines.length;
        }
    }

    private final BufferedReader in;
    private final int maxEvents;
    private final long maxBytes;
    private int line;
    private String carried;
    private int carriedLine;

    NdjsonBatches(BufferedReader in, int maxEvents, long maxBytes) {
        this.in = in;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    /** The next batch, or null at the end. */
    Batch next() throws IOException {
        StringBuilder body = new StringBuilder();
        List<Integer> lines = new ArrayList<>();
        long bytes = 0;
        while (lines.size() < maxEvents) {
            String text;
            int at;
            if (carried != null) {
                text = carried;
                at = carriedLine;
                carried = null;
            } else {
                text = in.readLine();
                at = ++line;
                if (text == null) {
                    break;
                }
                if (at == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
            }
            long size = text.getBytes(StandardCharsets.UTF_8).length + 1L;
            if (!lines.isEmpty() && bytes + size > maxBytes) {
                carried = text; // starts the next batch
                carriedLine = at;
                break;
            }
            body.append(text).append('\n');
            bytes += size;
            lines.add(at);
        }
        if (lines.isEmpty()) {
            return null;
        }
        return new Batch(body.toString(), lines.stream().mapToInt(Integer::intValue).toArray());
    }
}
