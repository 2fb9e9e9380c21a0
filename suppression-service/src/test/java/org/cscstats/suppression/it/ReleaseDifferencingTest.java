package org.cscstats.suppression.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.cscstats.contract.Cube;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.suppression.repository.CubeStore;
import org.cscstats.suppression.service.ReleaseReader;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, docs/disclosure.md › Guarantees, 5: while the figures keep changing underneath (new cube versions arriving as
 * the stats service counts events), a dashboard polling "latest" gets the same bytes and ETag every time until an
 * operator makes the next release; then they change once and are stable again.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "suppression"))
class ReleaseDifferencingTest {
    private static final String LA = "332";
    private static final String TABLE = "/v1/las/" + LA + "/tables/referrals-by-year";
    private static final List<String> TYPES = List.of(ReleaseReader.JSON, ReleaseReader.CSV, ReleaseReader.XLSX);
    private static final int POLLS = 10;

    @Inject
    CubeStore store;

    @Test
    void latestChangesOnlyAtReleases() throws Exception {
        List<Cube> start = Fixtures.year(LA, "2023/24", 1, 40, 2);
        Fixtures.publish(start);
        Fixtures.awaitStored(store, start, Duration.ofSeconds(60));
        String first = Fixtures.release(LA, Fixtures.OPS_ANY, Duration.ofSeconds(60));

        // the stats service at work: a new version of the LA's cubes about every 300 ms, one more referral each time
        AtomicLong version = new AtomicLong(1);
        AtomicReference<Throwable> publisherFailed = new AtomicReference<>();
        // stopped by a flag, not an interrupt: an interrupt inside the producer's close is a Kafka error, not a stop
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread publisher = new Thread(() -> {
            try {
                while (publishing.get()) {
                    long v = version.incrementAndGet();
                    Fixtures.publish(Fixtures.year(LA, "2023/24", v, 40 + v, 2));
                    Thread.sleep(300);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                publisherFailed.set(e);
            }
        }, "cube-publisher");
        publisher.start();
        try {
            List<Response> before = poll(first);
            long storedVersion = storedVersion();
            assertTrue(storedVersion > 3, "the cubes kept changing while we polled (stored version " + storedVersion + ")");

            // a 304 for the current ETag of every representation
            for (int i = 0; i < TYPES.size(); i++) {
                given().accept(TYPES.get(i)).header("If-None-Match", before.get(i).header("ETag")).get(TABLE)
                        .then().statusCode(304).header("ETag", before.get(i).header("ETag"));
            }

            String second = Fixtures.release(LA, Fixtures.OPS_ANY, Duration.ofSeconds(60));
            List<Response> after = poll(second);
            for (int i = 0; i < TYPES.size(); i++) {
                assertNotEquals(before.get(i).header("ETag"), after.get(i).header("ETag"), TYPES.get(i) + " changed at the release");
                assertFalse(java.util.Arrays.equals(before.get(i).asByteArray(), after.get(i).asByteArray()), TYPES.get(i));
                // the old ETag no longer matches: the new bytes come in full
                given().accept(TYPES.get(i)).header("If-None-Match", before.get(i).header("ETag")).get(TABLE).then().statusCode(200);
            }
            // The newer figures: printed, or withheld where printing them beside the first release would narrow a
            // small count (every earlier release is part of what a reader holds).
            List<String> years = after.get(0).path("columns.code");
            Integer shown = after.get(0).path("cells[0][" + years.indexOf("2023/24") + "].value");
            assertTrue(shown == null || shown > 42, "the second release has the newer figures");
        } finally {
            publishing.set(false);
            publisher.join(10_000);
        }
        assertEquals(null, publisherFailed.get(), "publishing cubes failed");
    }

    /**
     * Polls the latest table as JSON, CSV and XLSX about once a second; every poll must be byte-identical with the first
     * (same ETag too) and belong to {@code release}. Returns the first poll's responses.
     */
    private List<Response> poll(String release) throws InterruptedException {
        List<Response> first = new ArrayList<>();
        Set<String> etags = new LinkedHashSet<>();
        for (int n = 0; n < POLLS; n++) {
            for (int i = 0; i < TYPES.size(); i++) {
                Response r = given().accept(TYPES.get(i)).get(TABLE);
                assertEquals(200, r.statusCode(), r.asString());
                assertEquals("no-cache", r.header("Cache-Control"));
                etags.add(TYPES.get(i) + " " + r.header("ETag"));
                if (n == 0) {
                    first.add(r);
                } else {
                    assertArrayEquals(first.get(i).asByteArray(), r.asByteArray(), TYPES.get(i) + " poll " + n + " differs");
                    assertEquals(first.get(i).header("ETag"), r.header("ETag"), TYPES.get(i) + " poll " + n);
                }
            }
            Thread.sleep(1_000);
        }
        assertEquals(release, first.get(0).path("release"));
        assertEquals(TYPES.size(), etags.size(), "one ETag per representation over all polls: " + etags);
        return first;
    }

    private long storedVersion() {
        return store.forLa(LA).await().indefinitely().stream().mapToLong(Cube::version).max().orElse(0);
    }
}
