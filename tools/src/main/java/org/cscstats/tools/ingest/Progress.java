package org.cscstats.tools.ingest;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr, redrawn at most five times a second so it never slows the upload. */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean enabled;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDrawn;

    /** {@code total} bytes, or 0 when unknown (stdin): then only counts are shown. */
    Progress(PrintStream err, boolean enabled, long total) {
        this.err = err;
        this.enabled = enabled;
        this.total = total;
    }

    void update(long bytes, long events, String what) {
        long now = System.nanoTime();
        if (!enabled || now - lastDrawn < 200_000_000L) {
            return;
        }
        lastDrawn = now;
        draw(bytes, events, what);
    }

    void done(long bytes, long events, String what) {
        if (enabled) {
            draw(bytes, events, what);
            err.println();
        }
    }

    private void draw(long bytes, long events, String what) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        String rate = String.format(Locale.ROOT, "%.1f MB/s", bytes / seconds / 1e6);
        String counts = events >= 0 ? String.format(Locale.ROOT, "%,d %s", events, what) : what;
        if (total > 0) {
            int pct = (int) Math.min(100, bytes * 100 / total);
            int filled = pct * WIDTH / 100;
            err.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + String.format(Locale.ROOT, "%3d%%", pct)
                    + "  " + counts + "  " + rate + "   ");
        } else {
            err.print("\r" + counts + "  " + rate + "   ");
        }
        err.flush();
    }
}
