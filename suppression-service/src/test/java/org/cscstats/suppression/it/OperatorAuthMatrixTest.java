package org.cscstats.suppression.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.cscstats.contract.Cube;
import org.cscstats.contract.auth.BearerKeys;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.suppression.repository.CubeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: every endpoint is either public (no key, protected figures only) or operator-only (a key for that LA).
 * The endpoint list comes from the service's own OpenAPI document, so a new endpoint fails this test until it is
 * classified here. Keys (test profile): ops-331 for LA 331 only, ops-856 for 856 only, ops-any for every LA.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "suppression"))
class OperatorAuthMatrixTest {
    private static final String OPS_331 = "Bearer ops-331";
    private static final String OPS_856 = "Bearer ops-856";

    /** Operator endpoints as "METHOD path template" (docs/api.md › Operators). */
    private static final Set<String> OPERATOR = Set.of(
            "POST /v1/las/{la}/releases",
            "GET /v1/las/{la}/releases/{id}/audit");
    /** Public endpoints (docs/api.md › suppression-service: public). */
    private static final Set<String> PUBLIC = Set.of(
            "GET /v1/las",
            "GET /v1/las/{la}/releases",
            "GET /v1/las/{la}/releases/{id}",
            "GET /v1/las/{la}/tables",
            "GET /v1/las/{la}/tables/{table}",
            "GET /v1/las/{la}/foi-pack");

    /** Authorization headers that name no operator key (null: no header at all). */
    private static final List<String> NOT_A_KEY = java.util.Arrays.asList(
            null, "", "Bearer", "Bearer ", "ops-331", "Token ops-331", "Basic b3BzLTMzMTo=",
            "Bearer ops-331x", "Bearer OPS-331", "Bearer ops-331 ops-331", "Bearer wrong-key",
            "Bearer " + BearerKeys.hash("ops-331")); // the configured hash is not the key

    @Inject
    CubeStore store;

    private static String release331;
    private static String release856;

    @BeforeEach
    void releases() throws Exception {
        if (release331 != null) {
            return;
        }
        // 331: the same cubes (and version) as ReleasePipelineTest, so the two tests agree whichever runs first
        List<Cube> cubes = new ArrayList<>(Fixtures.year("331", "2023/24", 1, 38, 2));
        cubes.addAll(Fixtures.year("856", "2023/24", 1, 61, 3));
        Fixtures.publish(cubes);
        Fixtures.awaitStored(store, cubes, Duration.ofSeconds(60));
        release331 = Fixtures.release("331", OPS_331, Duration.ofSeconds(60));
        release856 = Fixtures.release("856", OPS_856, Duration.ofSeconds(60));
    }

    @Test
    void everyEndpointIsClassifiedAsPublicOrOperator() {
        Map<String, Object> paths = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().path("paths");
        Set<String> served = new TreeSet<>();
        paths.forEach((path, item) -> ((Map<?, ?>) item).keySet().forEach(method -> {
            String m = method.toString().toUpperCase();
            if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(m)) {
                served.add(m + " " + path);
            }
        }));
        Set<String> known = new TreeSet<>(OPERATOR);
        known.addAll(PUBLIC);
        assertEquals(known, served, "an endpoint is served that is neither public nor operator-only here (or one went)");
    }

    @Test
    void operatorEndpointsRefuseAnythingButAnOperatorKey() {
        int releasesBefore = releaseCount("331");
        for (Map.Entry<String, Function<RequestSpecification, Response>> endpoint : operatorCalls("331", release331).entrySet()) {
            for (String header : NOT_A_KEY) {
                RequestSpecification request = given();
                if (header != null) {
                    request.header("Authorization", header);
                }
                Response r = endpoint.getValue().apply(request);
                String what = endpoint.getKey() + " with Authorization " + (header == null ? "(none)" : "'" + header + "'");
                assertEquals(401, r.statusCode(), what + ": " + r.asString());
                r.then().contentType(containsString("application/problem+json"))
                        .header("WWW-Authenticate", equalTo("Bearer"))
                        .header("Cache-Control", containsString("no-store"))
                        .body("status", equalTo(401));
                assertNoFigures(r, what);
            }
        }
        assertEquals(releasesBefore, releaseCount("331"), "a refused request made a release");

        // an audit that does not exist is refused the same way: a 401 says nothing about which releases exist
        given().get("/v1/las/331/releases/331-9999/audit").then().statusCode(401);
        given().header("Authorization", OPS_331).get("/v1/las/331/releases/331-9999/audit").then().statusCode(404);
    }

    @Test
    void anOperatorKeyWorksOnlyForItsOwnLas() {
        // LA 331's key on LA 856: refused before anything is done, even though 856 has a release
        int before856 = releaseCount("856");
        for (Map.Entry<String, Function<RequestSpecification, Response>> endpoint : operatorCalls("856", release856).entrySet()) {
            Response r = endpoint.getValue().apply(given().header("Authorization", OPS_331));
            assertEquals(403, r.statusCode(), endpoint.getKey() + " with LA 331's key: " + r.asString());
            r.then().contentType(containsString("application/problem+json")).header("Cache-Control", containsString("no-store"));
            assertNoFigures(r, endpoint.getKey());
        }
        // and the other way round
        for (Map.Entry<String, Function<RequestSpecification, Response>> endpoint : operatorCalls("331", release331).entrySet()) {
            assertEquals(403, endpoint.getValue().apply(given().header("Authorization", OPS_856)).statusCode(),
                    endpoint.getKey() + " for 331 with LA 856's key");
        }
        assertEquals(before856, releaseCount("856"), "a refused request made a release of 856");

        // the same key works for its own LA: both endpoints (scheme case-insensitive, RFC 9110)
        given().header("Authorization", OPS_331).get("/v1/las/331/releases/" + release331 + "/audit")
                .then().statusCode(200).header("Cache-Control", containsString("no-store")).body("narrowerThanProtection", equalTo(0));
        given().header("Authorization", "bearer ops-331").get("/v1/las/331/releases/" + release331 + "/audit").then().statusCode(200);
        Response made = given().header("Authorization", OPS_331).post("/v1/las/331/releases");
        assertEquals(201, made.statusCode(), made.asString());
        made.then().header("Cache-Control", containsString("no-store")).body("la", equalTo("331"));
        // and a key for every LA works for both
        given().header("Authorization", Fixtures.OPS_ANY).get("/v1/las/856/releases/" + release856 + "/audit").then().statusCode(200);
        given().header("Authorization", Fixtures.OPS_ANY).get("/v1/las/331/releases/" + release331 + "/audit").then().statusCode(200);
    }

    @Test
    void publicEndpointsNeedNoKeyAndShowOnlyProtectedFigures() {
        int threshold = given().get("/v1/las/331/releases/" + release331).path("policy.threshold");
        List<String> tables = given().get("/v1/las/331/tables?release=" + release331).path("tables.id");
        List<String> urls = new ArrayList<>(List.of("/v1/las", "/v1/las/331/releases", "/v1/las/331/releases/latest",
                "/v1/las/331/releases/" + release331, "/v1/las/331/tables", "/v1/las/331/tables?release=" + release331,
                "/v1/las/331/foi-pack?release=" + release331));
        for (String t : tables) {
            urls.add("/v1/las/331/tables/" + t + "?release=" + release331);
        }
        for (String url : urls) {
            for (String header : java.util.Arrays.asList(null, "Bearer wrong-key", OPS_856)) {
                RequestSpecification request = given();
                if (header != null) {
                    request.header("Authorization", header); // a key, right or wrong, changes nothing in public
                }
                Response r = request.get(url);
                assertEquals(200, r.statusCode(), url + " with " + header + ": " + r.asString());
                assertFalse(r.header("Cache-Control").contains("private"), url);
            }
        }
        // Guarantee 1: no published value 1 ≤ n < threshold in any table of the release, in JSON or CSV
        for (String t : tables) {
            Response json = given().get("/v1/las/331/tables/" + t + "?release=" + release331);
            List<Object> published = new ArrayList<>();
            collectValues(json.path("cells"), published);
            collectValues(json.path("rowTotals"), published);
            collectValues(json.path("columnTotals"), published);
            collectValues(json.path("total"), published);
            for (Object v : published) {
                long n = ((Number) v).longValue();
                assertFalse(n >= 1 && n < threshold, t + " publishes " + n);
            }
            assertFalse(json.asString().contains("\"min\"") || json.asString().contains("\"max\""), t + " carries audit intervals");
            String csv = given().accept("text/csv").get("/v1/las/331/tables/" + t + "?release=" + release331).asString();
            for (String field : csv.split("[,\\r\\n]+")) {
                if (field.matches("\\d+")) {
                    long n = Long.parseLong(field);
                    assertFalse(n >= 1 && n < threshold, t + " CSV publishes " + n);
                }
            }
        }
        // the African referrals (2) are withheld in the ethnicity table; the audit (intervals) needs a key
        assertTrue(given().accept("text/csv").get("/v1/las/331/tables/referrals-by-ethnicity?release=" + release331)
                .asString().contains("African,<5"));
        given().get("/v1/las/331/releases/" + release331 + "/audit").then().statusCode(401);
        given().get("/v1/las/331/releases/latest/audit").then().statusCode(401);
    }

    private static void collectValues(Object node, List<Object> out) {
        if (node instanceof Map<?, ?> m) {
            if (m.containsKey("value") && m.get("value") != null) {
                out.add(m.get("value"));
            }
        } else if (node instanceof List<?> l) {
            l.forEach(x -> collectValues(x, out));
        }
    }

    /** The operator endpoints for an LA, as calls (each builds its request on the given one). */
    private static Map<String, Function<RequestSpecification, Response>> operatorCalls(String la, String release) {
        Map<String, Function<RequestSpecification, Response>> calls = new LinkedHashMap<>();
        calls.put("POST /v1/las/" + la + "/releases", r -> r.post("/v1/las/" + la + "/releases"));
        calls.put("GET /v1/las/" + la + "/releases/" + release + "/audit", r -> r.get("/v1/las/" + la + "/releases/" + release + "/audit"));
        Set<String> templates = new HashSet<>();
        calls.keySet().forEach(k -> templates.add(k.replace("/" + la + "/", "/{la}/").replace("/" + release + "/", "/{id}/")));
        assertEquals(OPERATOR, templates, "every operator endpoint is in the matrix");
        return calls;
    }

    private static int releaseCount(String la) {
        return given().get("/v1/las/" + la + "/releases").then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    /** A refusal carries no figures: no numbers but its own status. */
    private static void assertNoFigures(Response r, String what) {
        String body = r.asString().replace("\"status\":" + r.statusCode(), "").replaceAll("LA \\d{3}", "LA");
        assertFalse(body.matches("(?s).*\\d.*"), what + " carries a number: " + body);
    }
}
