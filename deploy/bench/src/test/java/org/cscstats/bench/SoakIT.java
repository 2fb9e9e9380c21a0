package org.cscstats.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The soak of issue 9, shortened for CI (the full ten minutes at 2,000 events/s and 200 requests/s is
 * {@code ./bench.sh soak}): events offered steadily while dashboards poll and releases are made; nothing may be
 * lost, the API may not answer with an error, and no service's heap floor may grow.
 */
class SoakIT {

    @Test
    void steadyLoadLosesNothingAndMemoryStaysFlat() throws Exception {
        Path data = Files.createTempDirectory("cscstats-soak-");
        Report report = new Report("Soak run (CI)", "SoakIT");
        SoakRun.Result r = new SoakRun(new SoakRun.Options(90, 1000, 100, Duration.ofSeconds(30), data), report).run();
        report.write(Path.of("target/soak-ci.md"));
        System.out.println(report.markdown());

        assertTrue(r.accepted() > 50_000, "the load was offered: " + r.accepted());
        assertEquals(r.accepted() + r.markersSent(), r.topicEvents(), "every acknowledged event is on case-events");
        assertEquals(r.markersSent(), r.markersCounted(), "every marker is counted in its cube");
        assertTrue(r.markersSent() > 20, "markers were sent throughout: " + r.markersSent());
        assertEquals(0, r.apiErrors(), "API errors: " + r.apiErrorStatuses());
        assertTrue(r.apiRequests() > 3_000, "the dashboards polled: " + r.apiRequests());
        assertTrue(r.releases() >= 2, "releases were made during the run");
        r.heap().forEach((service, floor) -> assertTrue(floor.flat(), service + " heap floor grew: " + floor));
    }
}
