package org.cscstats.ingest.census;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Clock;
import org.cscstats.ingest.validation.EventValidator;

/** Run in a separate small-heap JVM by {@link CensusMemoryTest}: check + read a census, print counts and peak heap. */
public final class CensusMemoryProbe {
    private CensusMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        CinCensusReader reader = new CinCensusReader(new EventValidator(Clock.systemUTC()));
        Path file = Path.of(args[0]);
        long t0 = System.nanoTime();
        CensusInfo info = reader.check(file);
        long t1 = System.nanoTime();
        long[] events = {0};
        CensusSummary s = reader.read(file, e -> events[0]++);
        long t2 = System.nanoTime();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("la=%s children=%d referrals=%d events=%d rejected=%d checkMs=%d readMs=%d peakHeapMB=%d%n",
                info.la(), s.children(), s.referrals(), events[0], s.rejectedTotal(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, peak >> 20);
    }
}
