package org.cscstats.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Resident memory of a process and of its children, read from Linux's /proc (0 where it cannot be read). */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Current resident set of {@code pid} plus every descendant (PostgreSQL's backends are the postmaster's). */
    static long rssOfTree(long pid) {
        long total = rss(pid);
        for (long child : children(pid)) {
            total += rssOfTree(child);
        }
        return total;
    }

    static long rss(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** The kernel's own high-water mark of the resident set: exact for a single process, however short the peak. */
    static long peakRss(long pid) {
        return statusField(pid, "VmHWM:");
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has gone, or this is not Linux
        }
        return 0;
    }

    private static List<Long> children(long pid) {
        List<Long> out = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(p -> p.children().forEach(c -> out.add(c.pid())));
        return out;
    }
}
