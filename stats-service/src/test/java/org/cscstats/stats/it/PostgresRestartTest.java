package org.cscstats.stats.it;

import static org.cscstats.stats.it.StoredCounts.awaitAllCounted;
import static org.cscstats.stats.it.StoredCounts.expected;
import static org.cscstats.stats.it.StoredCounts.fresh;
import static org.cscstats.stats.it.StoredCounts.send;
import static org.cscstats.stats.it.StoredCounts.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Cube;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Topics;
import org.cscstats.infra.LocalPostgres;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.infra.TopicProbe;
import org.cscstats.stats.YearTurnHistories;
import org.cscstats.stats.counting.CubeId;
import org.cscstats.stats.counting.InMemoryEngine;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, "restart PostgreSQL under the stats service": while the database is down the service says it is not
 * ready and keeps the events that arrive; once it is back the service is ready again with no manual step, and
 * every event sent during and after the outage is counted exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "stats"))
class PostgresRestartTest {
    private static final String COUNTING_CHECK = "case-events counting";

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Inject
    Pool pool;

    @Test
    void notReadyWhileDownReadyAgainAfterAndEveryEventCountedOnce() throws Exception {
        String la = "951";
        LocalDate yesterday = LocalDate.now(ZoneId.of("Europe/London")).minusDays(1);
        FinancialYear year = FinancialYear.of(yesterday.plusDays(1));
        List<CaseEvent> sent = new ArrayList<>();

        awaitReadiness(200, Duration.ofSeconds(60));
        List<CaseEvent> before = YearTurnHistories.upTo(la, 0, 20, yesterday, 51);
        send(before);
        sent.addAll(before);
        awaitAllCounted(pool, Duration.ofSeconds(90));

        LocalPostgres postgres = RealInfrastructure.postgres();
        try {
            postgres.stop();
            awaitReadiness(503, Duration.ofSeconds(30));

            // events keep coming (ingest only needs Kafka): new children and new events of known ones
            List<CaseEvent> during = new ArrayList<>(YearTurnHistories.upTo(la, 20, 35, yesterday, 52));
            during.addAll(YearTurnHistories.on(la, 0, 20, yesterday, 53));
            send(during);
            sent.addAll(during);
            // the consumer took them and fails to count them: readiness says so, the batch is retried
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "DOWN".equals(checkStatus(readiness(), COUNTING_CHECK)));
            assertEquals(503, readiness().statusCode());
        } finally {
            // other test classes in this JVM share the server
            if (!postgres.running()) {
                postgres.restart();
            }
        }

        Response ready = awaitReadiness(200, Duration.ofSeconds(60));
        assertEquals("UP", checkStatus(ready, COUNTING_CHECK));

        List<CaseEvent> after = YearTurnHistories.upTo(la, 35, 45, yesterday, 54);
        send(after);
        sent.addAll(after);
        awaitAllCounted(pool, Duration.ofSeconds(90));

        // exactly once: the stored aggregates are those of a count from scratch of every event sent
        InMemoryEngine fresh = fresh(sent, year);
        assertEquals(expected(fresh, la), stored(pool, la));

        // and the cubes handed on say the same
        CubeId referrals = fresh.aggregates().cubes(la).stream().filter(c -> c.measure().equals("referrals"))
                .max((a, b) -> a.fy().compareTo(b.fy())).orElseThrow();
        Map<String, Long> want = fresh.aggregates().published(la, referrals);
        String key = Cube.key(la, referrals.measure(), referrals.fy());
        Map<String, Cube> seen = TopicProbe.latestCubes(TopicProbe.readUntil(RealInfrastructure.kafka().bootstrapServers(),
                Topics.CUBES, records -> {
                    Cube c = TopicProbe.latestCubes(records).get(key);
                    return c != null && c.cells().equals(want);
                }, Duration.ofSeconds(60)));
        assertTrue(seen.get(key).total() > 0);
    }

    private Response readiness() {
        return RestAssured.get(ready);
    }

    private Response awaitReadiness(int status, Duration atMost) {
        Response[] last = new Response[1];
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> (last[0] = readiness()).statusCode() == status);
        return last[0];
    }

    private static String checkStatus(Response health, String check) {
        List<Map<String, Object>> checks = health.jsonPath().getList("checks");
        return checks.stream().filter(c -> check.equals(c.get("name"))).map(c -> (String) c.get("status"))
                .findFirst().orElse("absent");
    }
}
