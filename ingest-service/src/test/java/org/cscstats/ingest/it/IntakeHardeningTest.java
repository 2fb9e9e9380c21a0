package org.cscstats.ingest.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cscstats.infra.RealInfrastructure;
import org.junit.jupiter.api.Test;

/** Issue 16: what an outsider (or a careless sender) could do to the intake, each refused with a clear problem. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class IntakeHardeningTest {
    private static final String KEY = "Bearer " + EventIntakeTest.KEY_ALL;

    @TestHTTPResource(value = "/metrics", management = true)
    URL managementMetrics;
    @TestHTTPResource(value = "/health/ready", management = true)
    URL managementReady;

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A referral with a given source; everything else fixed by its id. */
    private static String withSource(String id, String source) {
        return EventIntakeTest.referral(id, "331", "CHILD-" + id).replace("}}", "},\"source\":\"" + source + "\"}");
    }

    /** RestAssured would add "; charset=ISO-8859-1" to a type without one: sent as given instead. */
    private static final RestAssuredConfig AS_GIVEN = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private static Response post(String contentType, String body) {
        return given().config(AS_GIVEN).contentType(contentType).header("Authorization", KEY)
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/v1/events");
    }

    /**
     * "Aa" and "BB" have the same String.hashCode(), so two sources that swap them give two events whose JSON
     * collides in it: the second, a change, must not pass as a duplicate of the first.
     */
    @Test
    void aChangedResendIsAConflictEvenWhenItsStringHashCollides() {
        String id = "EV-" + run();
        String first = withSource(id, "sys-AaBB");
        String changed = withSource(id, "sys-BBAa");
        assertEquals(first.hashCode(), changed.hashCode(), "the two contents collide in String.hashCode()");
        post("application/json", first).then().statusCode(202).body("accepted", equalTo(1));
        post("application/json", first).then().statusCode(202).body("duplicates", equalTo(1));

        String fresh = EventIntakeTest.referral("EV-" + run(), "331", "CHILD-fresh-" + run());
        Response conflict = post("application/json", "[" + fresh + "," + changed + "]");
        assertEquals(409, conflict.statusCode(), conflict.asString());
        assertTrue(conflict.contentType().startsWith("application/problem+json"), conflict.contentType());
        assertTrue(conflict.<String>path("detail").contains("nothing of this batch was published"), conflict.asString());
        assertEquals(List.of(Map.of("index", 1, "field", "id", "message", "the id '" + id
                + "' was accepted before with different content; send a new id or a retraction")), conflict.path("errors"));
        // nothing of the batch was published: the other event is still new
        post("application/json", fresh).then().statusCode(202).body("accepted", equalTo(1)).body("duplicates", equalTo(0));
    }

    @Test
    void idsOfWhiteSpaceOnlyAreRefused() {
        for (String blank : List.of(" ", "   ", "\\u00a0", "\\u2003\\u200b")) {
            String event = EventIntakeTest.referral(blank, "331", "CHILD-" + run());
            Response r = post("application/json", event);
            assertEquals(400, r.statusCode(), "id '" + blank + "': " + r.asString());
            assertEquals(List.of("id"), r.path("errors.field"));
            assertEquals(List.of("must not be only white space"), r.path("errors.message"));
            Response child = post("application/json", EventIntakeTest.referral("EV-" + run(), "331", blank));
            assertEquals(List.of("childId"), child.path("errors.field"), child.asString());
        }
    }

    @Test
    void aCharsetOtherThanUtf8IsUnsupported() {
        String event = EventIntakeTest.referral("EV-" + run(), "331", "CHILD-" + run());
        for (String type : List.of("application/json; charset=latin1", "application/x-ndjson;charset=ISO-8859-1",
                "application/json; charset=\"utf-16\"")) {
            Response r = post(type, event + "\n");
            assertEquals(415, r.statusCode(), type + ": " + r.asString());
            assertTrue(r.<String>path("detail").contains("UTF-8"), r.asString());
        }
        post("application/json; charset=UTF-8", event).then().statusCode(202);
        post("application/x-ndjson; charset=utf-8", event + "\n").then().statusCode(202).body("duplicates", equalTo(1));
    }

    @Test
    void emptyBodiesAreAnsweredAlikeInJsonAndNdjson() {
        for (String[] empty : List.of(new String[] {"application/json", ""}, new String[] {"application/x-ndjson", ""},
                new String[] {"application/x-ndjson", "\n\n  \n"}, new String[] {"application/json", "  "})) {
            Response r = post(empty[0], empty[1]);
            assertEquals(400, r.statusCode(), empty[0] + " '" + empty[1] + "': " + r.asString());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            assertEquals(1, r.<List<?>>path("errors").size(), r.asString());
            assertTrue(r.<String>path("errors[0].message").startsWith("empty body"), r.asString());
        }
    }

    @Test
    void twoAuthorizationHeadersAreRefused() {
        String event = EventIntakeTest.referral("EV-" + run(), "331", "CHILD-" + run());
        for (String path : List.of("/v1/events", "/v1/imports/cin-census")) {
            Response r = given().contentType(path.contains("census") ? "application/xml" : "application/json")
                    .header("Authorization", KEY).header("Authorization", "Bearer someone-else")
                    .body(event.getBytes(StandardCharsets.UTF_8)).post(path);
            assertEquals(400, r.statusCode(), path + ": " + r.asString());
            r.then().contentType(containsString("application/problem+json"))
                    .body("detail", containsString("one Authorization header"));
        }
    }

    @Test
    void errorMessagesQuoteOnlyABoundedEscapedExcerpt() {
        String name = "bad\\u0000name" + "n".repeat(3900);
        String event = EventIntakeTest.referral("EV-" + run(), "331", "CHILD-" + run()).replace("{\"id\"",
                "{\"" + name + "\":1,\"id\"");
        Response r = post("application/json", event);
        assertEquals(400, r.statusCode(), r.asString());
        String body = r.asString();
        assertFalse(java.util.regex.Pattern.compile("(?<!\\\\)\\\\u0000").matcher(body).find(), "a NUL is quoted raw: " + body);
        assertTrue(body.length() < 1000, "the answer repeats the input: " + body.length() + " characters");
        String field = r.path("errors[0].field");
        assertTrue(field.startsWith("'bad\\u0000name") && field.endsWith("(3908 characters)"), field);

        Response longId = post("application/json", EventIntakeTest.referral("x".repeat(3900), "331", "CHILD-" + run()));
        assertEquals(400, longId.statusCode());
        assertFalse(longId.asString().contains("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), longId.asString());
    }

    @Test
    void metricsAndHealthAreOnlyOnTheManagementPort() {
        for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready")) {
            assertEquals(404, given().get(path).statusCode(), "the public port serves " + path);
        }
        given().get(managementMetrics).then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get(managementReady).then().statusCode(200);
    }
}
