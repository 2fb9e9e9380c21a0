package org.cscstats.suppression.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.cscstats.contract.Cube;
import org.cscstats.infra.LocalPostgres;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.suppression.repository.CubeStore;
import org.cscstats.suppression.repository.ReleaseRepository;
import org.junit.jupiter.api.Test;

/**
 * One LA's releases are made one at a time across every pod: the lock is a PostgreSQL advisory lock, so a session
 * that is not this service (another pod) holding it makes this one answer 409, as a second request always did; two
 * requests at once give one 201 and one 409; numbers stay gap-free.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "suppression"))
class ReleaseLockTest {
    private static final String LA = "335";
    private static final String RELEASES = "/v1/las/" + LA + "/releases";

    @Inject
    CubeStore store;

    @Test
    void anotherPodHoldingTheLockMeans409() throws Exception {
        List<Cube> cubes = Fixtures.year(LA, "2023/24", 1, 50, 1);
        Fixtures.publish(cubes);
        Fixtures.awaitStored(store, cubes, Duration.ofSeconds(60));
        Fixtures.release(LA, Fixtures.OPS_ANY, Duration.ofSeconds(60));
        int before = numbers().size();

        LocalPostgres pg = RealInfrastructure.postgres();
        try (Connection otherPod = DriverManager.getConnection(pg.jdbcUrl("suppression"), LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            assertTrue(lock(otherPod, "pg_try_advisory_lock"), "the lock was free");
            Response refused = given().header("Authorization", Fixtures.OPS_ANY).post(RELEASES);
            assertEquals(409, refused.statusCode(), refused.asString());
            refused.then().contentType(containsString("application/problem+json")).header("Cache-Control", containsString("no-store"));
            assertEquals(before, numbers().size(), "no release while another pod holds the lock");
            // another LA is not held up by it
            List<Cube> other = Fixtures.year("336", "2023/24", 1, 30, 0);
            Fixtures.publish(other);
            Fixtures.awaitStored(store, other, Duration.ofSeconds(60));
            Fixtures.release("336", Fixtures.OPS_ANY, Duration.ofSeconds(60));
            assertTrue(lock(otherPod, "pg_advisory_unlock"));
        }
        given().header("Authorization", Fixtures.OPS_ANY).post(RELEASES).then().statusCode(201);
        assertGapFree(before + 1);
    }

    @Test
    void twoRequestsAtOnceMakeOneRelease() throws Exception {
        List<Cube> cubes = Fixtures.year(LA, "2024/25", 1, 80, 3);
        Fixtures.publish(cubes);
        Fixtures.awaitStored(store, cubes, Duration.ofSeconds(60));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int conflicts = 0;
        try {
            for (int round = 0; round < 3; round++) {
                int before = numbers().size();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return given().header("Authorization", Fixtures.OPS_ANY).post(RELEASES);
                    }));
                }
                go.countDown();
                int created = 0;
                for (Future<Response> f : answers) {
                    Response r = f.get();
                    assertTrue(r.statusCode() == 201 || r.statusCode() == 409, r.statusCode() + " " + r.asString());
                    if (r.statusCode() == 201) {
                        created++;
                    } else {
                        conflicts++;
                        assertTrue(r.<String>path("detail").contains("being made"), r.asString());
                    }
                }
                assertTrue(created >= 1, "at least one of the two made the release");
                assertGapFree(before + created);
            }
        } finally {
            pool.shutdownNow();
        }
        // protection takes hundreds of milliseconds: two requests sent together overlap, and the second gets 409
        assertTrue(conflicts >= 1, "no request was ever refused while another was making the release");
    }

    private static boolean lock(Connection c, String function) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            s.setInt(1, ReleaseRepository.RELEASE_LOCK_CLASS);
            s.setInt(2, ReleaseRepository.lockKey(LA));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static List<Integer> numbers() {
        Response r = given().get(RELEASES);
        if (r.statusCode() == 404) {
            return List.of(); // no release yet
        }
        assertEquals(200, r.statusCode(), r.asString());
        return r.jsonPath().getList("number", Integer.class);
    }

    /** Releases numbered n, n-1, …, 1, newest first: nothing skipped, nothing twice. */
    private static void assertGapFree(int count) {
        List<Integer> numbers = numbers();
        assertEquals(IntStream.iterate(count, n -> n - 1).limit(count).boxed().toList(), numbers);
    }
}
