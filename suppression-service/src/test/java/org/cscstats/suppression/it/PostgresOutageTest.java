package org.cscstats.suppression.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.infra.LocalPostgres;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.suppression.messaging.CubeConsumer;
import org.cscstats.suppression.repository.CubeStore;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped and started again under a running suppression service (issue 5). What the service does
 * meanwhile, by design:
 * <ul>
 *   <li>readiness goes DOWN (so the pod leaves the Service's endpoints); liveness stays UP (nothing to restart);</li>
 *   <li>URLs naming a release this pod has already served keep answering 200 from memory, byte for byte the same
 *       (a release is immutable, so this is never stale);</li>
 *   <li>whatever needs the database to be current ("latest", the lists, the audit, making a release, a release this
 *       pod never read) is 503 problem+json with Retry-After: never a 500, a stack trace or a figure;</li>
 *   <li>cubes published meanwhile wait in Kafka (the consumer retries, it does not fail) and are stored once
 *       PostgreSQL is back; readiness comes back UP and releases can be made, with no manual step.</li>
 * </ul>
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "suppression"))
class PostgresOutageTest {
    private static final Logger LOG = Logger.getLogger(PostgresOutageTest.class);
    private static final String LA = "330";
    private static final Duration READINESS_BOUND = Duration.ofSeconds(20);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

    @Inject
    CubeStore store;
    @Inject
    CubeConsumer consumer;
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @Test
    void servesHeldReleasesAnswers503MeanwhileAndRecoversByItself() throws Exception {
        List<Cube> before = Fixtures.year(LA, "2023/24", 1, 40, 3);
        Fixtures.publish(before);
        Fixtures.awaitStored(store, before, Duration.ofSeconds(60));
        String first = Fixtures.release(LA, Fixtures.OPS_ANY, Duration.ofSeconds(60));
        String named = "/v1/las/" + LA + "/tables/referrals-by-year?release=" + first;
        Response json = given().get(named).then().statusCode(200).extract().response();
        Response csv = given().accept("text/csv").get(named).then().statusCode(200).extract().response();
        assertEquals(43, referrals(json));
        given().get(ready).then().statusCode(200);

        LocalPostgres postgres = RealInfrastructure.postgres();
        postgres.stop();
        try {
            Instant stopped = Instant.now();
            awaitStatus(ready, 503, READINESS_BOUND);
            LOG.infof("readiness DOWN %d ms after PostgreSQL stopped", Duration.between(stopped, Instant.now()).toMillis());
            given().get(live).then().statusCode(200);

            // a release already served: same bytes, same ETag, still immutable
            Response heldJson = given().get(named);
            assertEquals(200, heldJson.statusCode(), heldJson.asString());
            assertArrayEquals(json.asByteArray(), heldJson.asByteArray());
            assertEquals(json.header("ETag"), heldJson.header("ETag"));
            assertEquals(json.header("Cache-Control"), heldJson.header("Cache-Control"));
            Response heldCsv = given().accept("text/csv").get(named);
            assertArrayEquals(csv.asByteArray(), heldCsv.asByteArray());
            assertEquals(csv.header("ETag"), heldCsv.header("ETag"));
            given().get("/v1/las/" + LA + "/releases/" + first).then().statusCode(200);
            given().get("/v1/las/" + LA + "/tables/referrals-by-ethnicity?release=" + first).then().statusCode(200);
            given().header("If-None-Match", json.header("ETag")).get(named).then().statusCode(304);

            // what needs the database: a clean 503
            assertUnavailable(given().get("/v1/las"));
            assertUnavailable(given().get("/v1/las/" + LA + "/releases"));
            assertUnavailable(given().get("/v1/las/" + LA + "/releases/latest"));
            assertUnavailable(given().get("/v1/las/" + LA + "/tables/referrals-by-year"));
            assertUnavailable(given().accept("text/csv").get("/v1/las/" + LA + "/tables/referrals-by-year"));
            assertUnavailable(given().get("/v1/las/" + LA + "/tables"));
            assertUnavailable(given().get("/v1/las/" + LA + "/foi-pack"));
            assertUnavailable(given().get("/v1/las/" + LA + "/tables/referrals-by-year?release=" + LA + "-99"));
            assertUnavailable(given().header("Authorization", Fixtures.OPS_ANY).post("/v1/las/" + LA + "/releases"));
            assertUnavailable(given().header("Authorization", Fixtures.OPS_ANY).get("/v1/las/" + LA + "/releases/" + first + "/audit"));
            // keys are checked without the database: still 401 without one
            given().post("/v1/las/" + LA + "/releases").then().statusCode(401);

            // the stats service keeps publishing: 55 + 3 referrals now
            long retriesBefore = consumer.storeRetries();
            Fixtures.publish(Fixtures.year(LA, "2023/24", 2, 55, 3));
            // the consumer meets the outage with this batch and has to retry it (what this waits for, bounded);
            // -Doutage.seconds=75 keeps the database away that much longer, to show the retry outlasts the
            // connector's 60 s limit on an unacknowledged record (which is why that limit is off)
            Instant deadline = Instant.now().plus(RECOVERY_BOUND);
            while (consumer.storeRetries() <= retriesBefore) {
                assertTrue(Instant.now().isBefore(deadline), "the consumer did not retry the batch within " + RECOVERY_BOUND);
                Thread.sleep(100);
            }
            Thread.sleep(Long.getLong("outage.seconds", 0) * 1_000);
            given().get(live).then().statusCode(200);
        } finally {
            postgres.restart();
        }

        Instant restarted = Instant.now();
        awaitStatus(ready, 200, RECOVERY_BOUND);
        LOG.infof("readiness UP %d ms after PostgreSQL started", Duration.between(restarted, Instant.now()).toMillis());
        given().get(live).then().statusCode(200);
        Fixtures.awaitStored(store, Fixtures.year(LA, "2023/24", 2, 55, 3), RECOVERY_BOUND);

        String second = Fixtures.release(LA, Fixtures.OPS_ANY, RECOVERY_BOUND);
        assertEquals(LA + "-2", second, "numbering continues without a gap");
        Response latest = given().get("/v1/las/" + LA + "/tables/referrals-by-year");
        assertEquals(second, latest.path("release"));
        assertEquals(58, referrals(latest), "the cubes published during the outage are in the new release");
        // the first release is unchanged
        assertArrayEquals(json.asByteArray(), given().get(named).asByteArray());
        given().get("/v1/las").then().statusCode(200);
    }

    /** Referrals in 2023/24 as published in a referrals-by-year table. */
    static int referrals(Response table) {
        List<String> years = table.path("columns.code");
        return table.path("cells[0][" + years.indexOf("2023/24") + "].value");
    }

    private static void assertUnavailable(Response r) {
        String body = r.asString();
        assertEquals(503, r.statusCode(), "expected 503, got " + r.statusCode() + ": " + body);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertNotNull(r.header("Retry-After"), "503 without Retry-After");
        assertEquals(503, r.<Integer>path("status"));
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("at org."), "stack trace: " + body);
        assertFalse(body.replace("\"status\":503", "").matches("(?s).*\\d.*"), "a number in a 503: " + body);
    }

    private static void awaitStatus(URL path, int status, Duration bound) throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = given().get(path).statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " was still " + last + " after " + bound + " (expected " + status + ")");
    }
}
