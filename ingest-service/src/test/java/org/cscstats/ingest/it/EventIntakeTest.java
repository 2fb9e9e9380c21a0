package org.cscstats.ingest.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cscstats.contract.Topics;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.infra.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code POST /v1/events} against a real Kafka broker. */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventIntakeTest {
    static final String KEY_331 = "test-key-331";
    static final String KEY_ALL = "test-key-all";

    @ConfigProperty(name = "ingest.pseudonym-key")
    String pseudonymKey;

    static String referral(String id, String la, String child) {
        return "{\"id\":\"" + id + "\",\"type\":\"referral\",\"la\":\"" + la + "\",\"childId\":\"" + child
                + "\",\"referralId\":\"REF-" + child + "\",\"date\":\"2024-05-01\",\"referralSource\":\"2A\","
                + "\"child\":{\"birthDate\":\"2014-02-03\",\"sex\":\"M\",\"ethnicity\":\"WBRI\"}}";
    }

    @Test
    @Order(1)
    void validBatchLandsOnTheTopicKeyedAndPseudonymised() throws Exception {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        String body = "[" + referral("EV-" + run + "-1", "331", "CHILD-" + run + "-A") + ","
                + referral("EV-" + run + "-2", "331", "CHILD-" + run + "-B") + "]";
        given().contentType("application/json").header("Authorization", "Bearer " + KEY_331).body(body)
                .when().post("/v1/events")
                .then().statusCode(202).body("accepted", equalTo(2)).body("duplicates", equalTo(0));

        String childA = hmac("331:CHILD-" + run + "-A");
        List<ConsumerRecord<String, String>> records = readUntil(rs -> rs.stream().anyMatch(r -> r.key().equals("331:" + childA)));
        ConsumerRecord<String, String> a = records.stream().filter(r -> r.key().equals("331:" + childA)).findFirst().orElseThrow();
        assertTrue(a.value().contains("\"childId\":\"" + childA + "\""), a.value());
        assertTrue(a.value().contains("\"id\":\"" + hmac("331:EV-" + run + "-1") + "\""), a.value());
        assertTrue(a.value().contains("\"referralId\":\"" + hmac("331:REF-CHILD-" + run + "-A") + "\""), a.value());
        for (ConsumerRecord<String, String> r : records) {
            assertFalse(r.value().contains(run), "a raw identifier reached Kafka: " + r.value());
            assertFalse(r.key().contains(run));
        }
    }

    @Test
    @Order(2)
    void theSameBatchTwiceIsReportedAsDuplicates() {
        String body = referral("EV-dup-1", "331", "CHILD-dup") + "\n" + referral("EV-dup-2", "331", "CHILD-dup") + "\n";
        given().contentType("application/x-ndjson; charset=utf-8").header("Authorization", "Bearer " + KEY_ALL).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/v1/events").then().statusCode(202).body("accepted", equalTo(2));
        given().contentType("application/x-ndjson; charset=utf-8").header("Authorization", "Bearer " + KEY_ALL).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/v1/events").then().statusCode(202).body("accepted", equalTo(0)).body("duplicates", equalTo(2));
    }

    @Test
    @Order(3)
    void invalidEventsRejectTheWholeBatchWithEveryErrorByIndexAndField() {
        String bad = "{\"id\":\"EV-bad\",\"type\":\"referral\",\"la\":\"331\",\"childId\":\"C\",\"referralId\":\"R\","
                + "\"date\":\"2024-02-30\",\"referralSource\":\"2A\",\"child\":{\"ethnicity\":\"XXXX\"}}";
        given().contentType("application/json").header("Authorization", "Bearer " + KEY_331)
                .body("[" + referral("EV-ok", "331", "C2") + "," + bad + "]")
                .when().post("/v1/events")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.index", hasItem(1))
                .body("errors.field", hasItem("date"))
                .body("errors.field", hasItem("child.ethnicity"));
    }

    @Test
    @Order(4)
    void keysAreRequiredAndLimitedToTheirLas() {
        given().contentType("application/json").body(referral("EV-k", "331", "C")).when().post("/v1/events")
                .then().statusCode(401).header("WWW-Authenticate", notNullValue());
        given().contentType("application/json").header("Authorization", "Bearer wrong").body(referral("EV-k", "331", "C"))
                .when().post("/v1/events").then().statusCode(401);
        given().contentType("application/json").header("Authorization", "Bearer " + KEY_331).body(referral("EV-k", "856", "C"))
                .when().post("/v1/events").then().statusCode(403);
        given().contentType("text/plain").header("Authorization", "Bearer " + KEY_331).body("x")
                .when().post("/v1/events").then().statusCode(415);
    }

    @Test
    @Order(5)
    void brokerDownGives503AndNothingAcknowledgedThenRecovers() {
        RealInfrastructure.kafka().stop();
        try {
            given().contentType("application/json").header("Authorization", "Bearer " + KEY_331)
                    .body(referral("EV-down", "331", "CHILD-down")).when().post("/v1/events")
                    .then().statusCode(503).header("Retry-After", notNullValue());
        } finally {
            RealInfrastructure.kafka().restart();
        }
        // the same event, resent after the broker is back, is accepted (it was never acknowledged before)
        Instant deadline = Instant.now().plusSeconds(60);
        int status = 0;
        while (Instant.now().isBefore(deadline) && status != 202) {
            status = given().contentType("application/json").header("Authorization", "Bearer " + KEY_331)
                    .body(referral("EV-down", "331", "CHILD-down")).when().post("/v1/events").statusCode();
        }
        assertEquals(202, status);
        String child = hmac("331:CHILD-down");
        readUntil(rs -> rs.stream().anyMatch(r -> r.key().equals("331:" + child)));
    }

    private String hmac(String value) throws IllegalStateException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pseudonymKey.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConsumerRecord<String, String>> readUntil(java.util.function.Predicate<List<ConsumerRecord<String, String>>> done) {
        return TopicProbe.readUntil(RealInfrastructure.kafka().bootstrapServers(), Topics.CASE_EVENTS, done, Duration.ofSeconds(60));
    }
}
