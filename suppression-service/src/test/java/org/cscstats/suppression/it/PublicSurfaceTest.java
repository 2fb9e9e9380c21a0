package org.cscstats.suppression.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.cscstats.contract.Cube;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.suppression.repository.CubeStore;
import org.cscstats.suppression.service.ReleaseReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, the public surface as an outsider meets it: what the public port serves and what only the
 * management port does, the caching and content negotiation of the public API, the FOI pack's table list, and
 * what error messages quote of a request.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "suppression"))
class PublicSurfaceTest {
    static final String LA = "394";
    private static final String TABLE = "/v1/las/" + LA + "/tables/referrals-by-year";

    @Inject
    CubeStore store;
    @TestHTTPResource(value = "/metrics", management = true)
    URL managementMetrics;
    @TestHTTPResource(value = "/health/ready", management = true)
    URL managementReady;

    private static String releaseId;

    @BeforeEach
    void release() throws Exception {
        if (releaseId == null) {
            releaseId = releaseOf(store, LA);
        }
    }

    /** Three years of an LA's cubes, released: enough tables for many different FOI packs. */
    static String releaseOf(CubeStore store, String la) throws Exception {
        List<Cube> cubes = new ArrayList<>();
        cubes.addAll(Fixtures.year(la, "2021/22", 1, 50, 4));
        cubes.addAll(Fixtures.year(la, "2022/23", 1, 61, 2));
        cubes.addAll(Fixtures.year(la, "2023/24", 1, 70, 9));
        Fixtures.publish(cubes);
        Fixtures.awaitStored(store, cubes, Duration.ofSeconds(60));
        return Fixtures.release(la, Fixtures.OPS_ANY, Duration.ofSeconds(60));
    }

    @Test
    void metricsAndHealthAreOnlyOnTheManagementPort() {
        for (String path : List.of("/q/metrics", "/q/metrics/json", "/q/health", "/q/health/ready", "/q/health/live")) {
            int status = given().get(path).statusCode();
            assertEquals(404, status, "the public port serves " + path);
        }
        given().get(managementMetrics).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get(managementReady).then().statusCode(200);
        // the API description stays public beside the API
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
    }

    @Test
    void latestRevalidatesAndOnlyReleaseNamedUrlsAreImmutable() {
        for (String latest : List.of(TABLE, TABLE + "?release=latest", "/v1/las/" + LA + "/releases/latest",
                "/v1/las/" + LA + "/tables?release=latest", "/v1/las/" + LA + "/foi-pack?release=latest")) {
            Response r = given().get(latest);
            assertEquals(200, r.statusCode(), latest + ": " + r.asString());
            assertEquals("no-cache", r.header("Cache-Control"), latest);
            assertTrue(r.header("ETag").startsWith("\""), latest);
        }
        Response named = given().get(TABLE + "?release=" + releaseId);
        assertEquals("public, max-age=31536000, immutable", named.header("Cache-Control"));
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        String etag = given().get(TABLE).then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get(TABLE).then().statusCode(304);
        given().header("If-None-Match", "W/" + etag).get(TABLE).then().statusCode(304);
        given().header("If-None-Match", "\"other\", W/" + etag).get(TABLE).then().statusCode(304);
        given().header("If-None-Match", "*").get(TABLE).then().statusCode(304);
        given().header("If-None-Match", "\"other\"").get(TABLE).then().statusCode(200);
        given().header("If-None-Match", "not a tag").get(TABLE).then().statusCode(200);
    }

    @Test
    void acceptQValuesChooseTheRepresentation() {
        assertEquals("text/csv", type(given().accept("application/json;q=0, text/csv").get(TABLE)));
        assertEquals("text/csv", type(given().accept("application/json;q=0.5, text/csv;q=0.9").get(TABLE)));
        assertEquals(ReleaseReader.XLSX, type(given().accept("*/*;q=0.1, " + ReleaseReader.XLSX).get(TABLE)));
        assertEquals("application/json", type(given().accept("text/csv;q=0.2, */*").get(TABLE)));
        assertEquals("application/json", type(given().accept("text/*;q=0.3, application/json;q=0.4").get(TABLE)));
        assertEquals("text/csv", type(given().accept("text/*, application/*;q=0").get(TABLE)));
    }

    @Test
    void notAcceptableIsAProblem() {
        for (String accept : List.of("text/html", "application/json;q=0, text/csv;q=0", "image/png, text/plain;q=0.5")) {
            Response r = given().accept(accept).get(TABLE);
            assertEquals(406, r.statusCode(), accept);
            assertTrue(r.contentType().startsWith("application/problem+json"), accept + ": " + r.contentType());
            assertEquals(406, r.<Integer>path("status"));
        }
        Response list = given().accept("text/csv").get("/v1/las");
        assertEquals(406, list.statusCode());
        assertTrue(list.contentType().startsWith("application/problem+json"), list.contentType());
    }

    @Test
    void foiPackTablesAreNormalisedAndChecked() {
        List<String> ids = tableIds();
        assertTrue(ids.size() >= 10, "tables in the release: " + ids);
        String pack = "/v1/las/" + LA + "/foi-pack?release=" + releaseId;
        Response ab = given().get(pack + "&tables=" + ids.get(0) + "," + ids.get(3));
        assertEquals(200, ab.statusCode(), ab.asString());
        for (String same : List.of(ids.get(3) + "," + ids.get(0), ids.get(0) + ",," + ids.get(3) + "," + ids.get(0),
                " " + ids.get(3) + " , " + ids.get(3) + "," + ids.get(0))) {
            Response r = given().get(pack + "&tables=" + same);
            assertEquals(ab.header("ETag"), r.header("ETag"), same);
            assertArrayEquals(ab.asByteArray(), r.asByteArray(), same);
        }
        // every table listed is the whole pack
        List<String> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        assertEquals(given().get(pack).header("ETag"), given().get(pack + "&tables=" + String.join(",", reversed)).header("ETag"));

        assertProblem(given().get(pack + "&tables=,,,"), 400, "names no table");
        // an empty parameter is no parameter (a form with nothing chosen): every table
        assertEquals(given().get(pack).header("ETag"), given().get(pack + "&tables=").header("ETag"));
        assertProblem(given().get(pack + "&tables=" + ids.get(0) + ",no-such-table"), 400, "'no-such-table'");
        assertProblem(given().get(pack + "&tables=" + String.join(",", Collections.nCopies(501, "x"))), 400,
                "more than 500");
    }

    @Test
    void errorsQuoteABoundedEscapedExcerpt() {
        String hostile = "x".repeat(3900) + "%00%0A";
        for (String path : List.of("/v1/las/" + LA + "/releases/" + hostile, "/v1/las/" + LA + "/tables/" + hostile,
                "/v1/las/" + LA + "/tables/referrals-by-year?release=" + hostile, "/v1/las/%00" + hostile + "/releases")) {
            Response r = given().urlEncodingEnabled(false).get(path);
            assertEquals(404, r.statusCode(), path.substring(0, 40));
            String detail = r.path("detail");
            assertTrue(detail.length() < 200, "detail of " + detail.length() + " characters");
            assertFalse(detail.contains("\u0000") || detail.contains("\n"), detail);
        }
    }

    @Test
    void twoAuthorizationHeadersAreRefused() {
        Response r = given().header("Authorization", Fixtures.OPS_ANY).header("Authorization", "Bearer other")
                .post("/v1/las/" + LA + "/releases");
        assertProblem(r, 400, "one Authorization header");
    }

    /**
     * Distinct FOI packs no longer pile up: however many different table lists are asked for, the heap after
     * the requests stays within the render cache's byte bound (2 MB in the test profile) plus 8 MB for what else
     * moves in a running service. Before, every distinct list kept its workbook (until 20,000 of them): the 15 MB
     * and more this test has rendered would all have stayed.
     */
    @Test
    void distinctFoiPacksDoNotGrowTheHeap() {
        List<String> ids = tableIds();
        String pack = "/v1/las/" + LA + "/foi-pack?release=" + releaseId + "&tables=";
        long before = HeapInUse.afterGc();
        Random random = new Random(16);
        long bytesServed = 0;
        int requests = 1200;
        for (int i = 0; i < requests; i++) {
            List<String> subset = new ArrayList<>();
            for (String id : ids) {
                if (random.nextBoolean()) {
                    subset.add(id);
                }
            }
            Collections.shuffle(subset, random);
            if (subset.isEmpty()) {
                subset.add(ids.get(i % ids.size()));
            }
            Response r = given().get(pack + String.join(",", subset));
            assertEquals(200, r.statusCode());
            bytesServed += r.asByteArray().length;
        }
        long grown = HeapInUse.afterGc() - before;
        long bound = HeapInUse.MB * 2 + HeapInUse.MB * 8;
        assertTrue(bytesServed > 15 * HeapInUse.MB, "the test renders enough to show a leak: " + bytesServed + " bytes");
        assertTrue(grown < bound, "heap grew by " + grown / HeapInUse.MB + " MB over " + requests
                + " distinct FOI packs (" + bytesServed / HeapInUse.MB + " MB served); bound " + bound / HeapInUse.MB + " MB");
    }

    private List<String> tableIds() {
        return given().get("/v1/las/" + LA + "/tables?release=" + releaseId).then().statusCode(200).extract().path("tables.id");
    }

    private static String type(Response r) {
        assertEquals(200, r.statusCode(), r.asString());
        return r.contentType().split(";")[0];
    }

    static void assertProblem(Response r, int status, String detailContains) {
        assertEquals(status, r.statusCode(), r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        String detail = r.path("detail");
        assertTrue(detail.contains(detailContains), detail);
    }
}
