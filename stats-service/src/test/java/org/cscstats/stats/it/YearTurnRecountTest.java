package org.cscstats.stats.it;

import static org.cscstats.stats.it.StoredCounts.awaitAllCounted;
import static org.cscstats.stats.it.StoredCounts.expected;
import static org.cscstats.stats.it.StoredCounts.fresh;
import static org.cscstats.stats.it.StoredCounts.send;
import static org.cscstats.stats.it.StoredCounts.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Cube;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Topics;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.infra.TopicProbe;
import org.cscstats.stats.MovableClock;
import org.cscstats.stats.YearTurnHistories;
import org.cscstats.stats.counting.CubeId;
import org.cscstats.stats.counting.InMemoryEngine;
import org.cscstats.stats.repository.RecountRepository.Status;
import org.cscstats.stats.service.YearTurn.Action;
import org.cscstats.stats.service.YearTurnRecount;
import org.cscstats.stats.service.YearTurnRecount.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: when the year turns, every stored child is recounted against the new year, on real Kafka and
 * PostgreSQL, and the cubes equal a count from scratch in the new year, also after a recount stopped half way
 * (a crash) and resumed while events kept arriving.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "stats"))
class YearTurnRecountTest {
    private static final LocalDate MARCH = LocalDate.of(2024, 3, 20);
    private static final LocalDate APRIL = LocalDate.of(2024, 4, 2);
    private static final FinancialYear YEAR = FinancialYear.of(MARCH);
    private static final FinancialYear NEXT = FinancialYear.of(APRIL);
    private static final Duration COUNTED = Duration.ofSeconds(90);

    @Inject
    MovableClock clock;
    @Inject
    YearTurnRecount recount;
    @Inject
    Pool pool;

    @AfterEach
    void backToToday() {
        // leave every child counted against today's year for the test classes that share this database
        clock.reset();
        recount.run(Long.MAX_VALUE).await().atMost(COUNTED);
    }

    @Test
    void theTurnRecountsEveryChildToAFreshCountOfTheNewYearAndRepublishesTheCubes() throws Exception {
        String la = "941";
        countedIn(MARCH);
        List<CaseEvent> events = YearTurnHistories.upTo(la, 0, 40, MARCH, 41);
        send(events);
        awaitAllCounted(pool, COUNTED);
        assertEquals(expected(fresh(events, YEAR), la), stored(pool, la));
        assertNotEquals(expected(fresh(events, YEAR), la), expected(fresh(events, NEXT), la),
                "the histories must be ones the turn changes");

        clock.moveTo(APRIL);
        Outcome outcome = recount.run(Long.MAX_VALUE).await().atMost(COUNTED);
        assertEquals(Action.START, outcome.action());
        assertTrue(outcome.finished());
        assertTrue(outcome.pages() > 40 / 7, "pages of 7 children: " + outcome.pages());
        InMemoryEngine fresh = fresh(events, NEXT);
        assertEquals(expected(fresh, la), stored(pool, la));
        Status status = status();
        assertEquals(NEXT, status.counted());
        assertNull(status.underWay());

        // the outbox hands on every cube as a fresh count makes it, with last year no longer partial
        Map<String, Cube> want = publishedCubes(fresh, la);
        assertTrue(want.containsKey(Cube.key(la, "cp-plans-open", YEAR.label())), "a snapshot of the year just ended");
        assertTrue(want.containsKey(Cube.key(la, "children-in-need", NEXT.label())), "episodes still open");
        Map<String, Cube> seen = TopicProbe.latestCubes(TopicProbe.readUntil(
                RealInfrastructure.kafka().bootstrapServers(), Topics.CUBES,
                records -> matches(want, TopicProbe.latestCubes(records)), COUNTED));
        assertFalse(seen.get(Cube.key(la, "referrals", YEAR.label())).partial());
        assertTrue(seen.get(Cube.key(la, "children-in-need", NEXT.label())).partial());
    }

    @Test
    void aRecountStoppedHalfWayResumesWhileEventsKeepArrivingAndRepeatingItChangesNothing() throws Exception {
        String la = "942";
        countedIn(MARCH);
        List<CaseEvent> events = new ArrayList<>(YearTurnHistories.upTo(la, 0, 40, MARCH, 42));
        send(events);
        awaitAllCounted(pool, COUNTED);
        assertEquals(expected(fresh(events, YEAR), la), stored(pool, la));

        // the clock turns; the recount stops after each page, as if it crashed, until it is inside this LA
        clock.moveTo(APRIL);
        Outcome first = recount.run(1).await().atMost(COUNTED);
        assertEquals(Action.START, first.action());
        assertEquals(1, first.pages());
        assertFalse(first.finished());
        Status status = status();
        for (int i = 0; i < 200 && !la.equals(status.underWay().lastDone().la()); i++) {
            Outcome o = recount.run(1).await().atMost(COUNTED);
            assertEquals(Action.CONTINUE, o.action());
            assertFalse(o.finished());
            status = status();
        }
        assertEquals(la, status.underWay().lastDone().la());
        assertEquals(NEXT, status.underWay().fy());
        assertEquals(YEAR, status.counted(), "still counted against the old year until the recount finishes");

        // events of the new year arrive for children before and after the cursor, and new children, while the
        // recount resumes (how much the two overlap is up to the machine; either order must give the same)
        List<CaseEvent> more = new ArrayList<>(YearTurnHistories.on(la, 0, 40, NEXT.firstDay(), 43));
        more.addAll(YearTurnHistories.upTo(la, 40, 48, APRIL, 44));
        var resumed = recount.run(Long.MAX_VALUE).subscribeAsCompletionStage();
        send(more);
        Outcome rest = resumed.get(COUNTED.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        awaitAllCounted(pool, COUNTED);
        events.addAll(more);
        assertEquals(Action.CONTINUE, rest.action());
        assertTrue(rest.finished());
        assertEquals(expected(fresh(events, NEXT), la), stored(pool, la));
        assertEquals(NEXT, status().counted());

        // a crash just before the end was recorded repeats every page: nothing changes
        pool.query("UPDATE recount SET finished_at = NULL, after_la = NULL, after_child = NULL").execute()
                .await().atMost(Duration.ofSeconds(10));
        Map<String, Long> versions = versions(la);
        Outcome repeated = recount.run(Long.MAX_VALUE).await().atMost(COUNTED);
        assertEquals(Action.CONTINUE, repeated.action());
        assertTrue(repeated.finished());
        assertEquals(expected(fresh(events, NEXT), la), stored(pool, la));
        Map<String, Long> after = versions(la);
        // no cell changed, so only the year in progress is published again (by the end of the recount)
        versions.forEach((cube, v) -> assertEquals(cube.endsWith(NEXT.label()) ? v + 1 : v, after.get(cube), cube));

        assertEquals(Action.NOTHING, recount.run(Long.MAX_VALUE).await().atMost(COUNTED).action());
    }

    /** Every child counted against the year of {@code day}. */
    private void countedIn(LocalDate day) {
        clock.moveTo(day);
        assertTrue(recount.run(Long.MAX_VALUE).await().atMost(COUNTED).finished());
        assertEquals(FinancialYear.of(day), status().counted());
    }

    private Status status() {
        return recount.status().await().atMost(Duration.ofSeconds(10));
    }

    private Map<String, Long> versions(String la) {
        Map<String, Long> out = new HashMap<>();
        pool.preparedQuery("SELECT measure, fy, version FROM cube_version WHERE la = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(la)).await().atMost(Duration.ofSeconds(10))
                .forEach(r -> out.put(r.getString("measure") + "|" + r.getString("fy"), r.getLong("version")));
        return out;
    }

    /** The cubes a fresh count publishes for the LA: from its first year with a referral, partial this year. */
    private static Map<String, Cube> publishedCubes(InMemoryEngine fresh, String la) {
        String first = fresh.aggregates().cubes(la).stream().filter(c -> c.measure().equals("referrals"))
                .map(CubeId::fy).min(String::compareTo).orElseThrow();
        Map<String, Cube> out = new HashMap<>();
        for (CubeId c : fresh.aggregates().cubes(la)) {
            if (c.fy().compareTo(first) >= 0) {
                out.put(Cube.key(la, c.measure(), c.fy()), new Cube(la, c.measure(), c.fy(),
                        c.fy().equals(NEXT.label()), 0, fresh.aggregates().published(la, c)));
            }
        }
        assertNotNull(out.get(Cube.key(la, "referrals", first)));
        return out;
    }

    private static boolean matches(Map<String, Cube> want, Map<String, Cube> seen) {
        return want.values().stream().allMatch(w -> {
            Cube s = seen.get(w.key());
            return s != null && s.partial() == w.partial() && s.cells().equals(w.cells());
        });
    }
}
