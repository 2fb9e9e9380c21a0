package org.cscstats.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Resident memory and CPU time of a process and of its children, read from Linux's /proc (0 where it cannot be read). */
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

    /** CPU seconds (user + system) used so far by {@code pid} and, with {@code tree}, its live descendants. */
    static double cpuSeconds(long pid, boolean tree) {
        double total = 0;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of /proc/pid/stat (utime, stime), counted from the state field (3) here
            total = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        if (tree) {
            for (long child : children(pid)) {
                total += cpuSeconds(child, true);
            }
        }
        return total;
    }

    /** USER_HZ: 100 on every Linux this runs on. */
    private static final int CLOCK_TICKS = 100;

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
