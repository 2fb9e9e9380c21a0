package org.cscstats.suppression.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.cscstats.contract.Cube;
import org.cscstats.contract.Json;
import org.cscstats.contract.Topics;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.infra.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * Against a real Kafka broker and PostgreSQL: cubes on the topic → an operator's release → protected tables as
 * JSON and CSV with ETags and 304s; operator endpoints refuse without the LA's key.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "suppression"))
class ReleasePipelineTest {
    private static final ObjectMapper JSON = Json.mapper();
    private static final String OPS = "Bearer ops-331";

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void cubesBecomeAProtectedReleaseServedWithEtags() throws Exception {
        // LA 331, 2023/24: 40 referrals, 38 White British and 2 African; every referral had no assessment
        Map<String, Long> referrals = Map.of("", 40L, "ethnicity=WBRI", 38L, "ethnicity=BAFR", 2L,
                "ethnic-group=white", 38L, "ethnic-group=black", 2L, "age-band=5-9", 40L, "sex=F", 40L,
                "referral-source=2A", 40L);
        Map<String, Long> outcomes = Map.ofEntries(Map.entry("", 40L), Map.entry("outcome=no-assessment", 40L),
                Map.entry("ethnicity=WBRI", 38L), Map.entry("ethnicity=BAFR", 2L),
                Map.entry("ethnic-group=white", 38L), Map.entry("ethnic-group=black", 2L),
                Map.entry("age-band=5-9", 40L), Map.entry("referral-source=2A", 40L),
                Map.entry("outcome=no-assessment|ethnicity=WBRI", 38L), Map.entry("outcome=no-assessment|ethnicity=BAFR", 2L),
                Map.entry("outcome=no-assessment|ethnic-group=white", 38L), Map.entry("outcome=no-assessment|ethnic-group=black", 2L),
                Map.entry("outcome=no-assessment|age-band=5-9", 40L), Map.entry("outcome=no-assessment|referral-source=2A", 40L));
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (Cube c : List.of(new Cube("331", "referrals", "2023/24", false, 1, referrals),
                new Cube("331", "referral-outcomes", "2023/24", false, 1, outcomes))) {
            records.add(new ProducerRecord<>(Topics.CUBES, c.key(), JSON.writeValueAsString(c)));
        }
        TopicProbe.send(RealInfrastructure.kafka().bootstrapServers(), records);

        given().when().post("/v1/las/331/releases").then().statusCode(401);
        given().header("Authorization", OPS).when().post("/v1/las/856/releases").then().statusCode(403);

        String release = null;
        Instant deadline = Instant.now().plusSeconds(60);
        while (release == null && Instant.now().isBefore(deadline)) {
            Response made = given().header("Authorization", OPS).when().post("/v1/las/331/releases");
            if (made.statusCode() == 201) {
                String id = made.path("id");
                if (given().get("/v1/las/331/tables/referrals-by-year?release=" + id).path("cells[0][0].value") != null) {
                    release = id;
                }
            } else {
                Thread.sleep(500);
            }
        }
        assertTrue(release != null, "no release with the cubes was made");

        Response table = given().get("/v1/las/331/tables/referrals-by-ethnicity?release=" + release);
        table.then().statusCode(200).header("Cache-Control", containsString("immutable"))
                .body("release", equalTo(release)).body("policy.name", equalTo("foi"));
        List<Map<String, Object>> rows = table.path("rows");
        int african = -1;
        for (int i = 0; i < rows.size(); i++) {
            if ("BAFR".equals(rows.get(i).get("code"))) {
                african = i;
            }
        }
        Map<String, Object> cell = table.path("cells[" + african + "][0]");
        assertEquals(Boolean.TRUE, cell.get("suppressed"), "2 children must be withheld: " + cell);
        assertFalse(cell.containsKey("value"));
        assertFalse(table.asString().contains("\"value\":2,"), "no count of 2 may be published anywhere");

        // "latest" revalidates: the same bytes give the same ETag and a 304
        Response latest = given().get("/v1/las/331/tables/referrals-by-ethnicity");
        latest.then().statusCode(200).header("Cache-Control", equalTo("no-cache")).header("Vary", "Accept");
        String etag = latest.header("ETag");
        given().header("If-None-Match", etag).get("/v1/las/331/tables/referrals-by-ethnicity").then().statusCode(304);

        Response csv = given().accept("text/csv").get("/v1/las/331/tables/referrals-by-ethnicity?release=" + release);
        csv.then().statusCode(200).contentType(containsString("text/csv")).header("ETag", not(equalTo(etag)));
        assertTrue(csv.asString().contains("African,<5"), csv.asString());

        given().accept("application/pdf").get("/v1/las/331/tables/referrals-by-ethnicity").then().statusCode(406);
        given().get("/v1/las/331/tables/no-such-table").then().statusCode(404);
        given().get("/v1/las").then().statusCode(200).body("la", hasItem("331"));

        given().header("Authorization", OPS).get("/v1/las/331/releases/" + release + "/audit")
                .then().statusCode(200).header("Cache-Control", containsString("no-store"))
                .body("narrowerThanProtection", equalTo(0));
        given().get("/v1/las/331/releases/" + release + "/audit").then().statusCode(401);

        // a second release of the same cubes, protected knowing the first, publishes the same figures
        String second = given().header("Authorization", OPS).when().post("/v1/las/331/releases")
                .then().statusCode(201).extract().path("id");
        assertFalse(second.equals(release));
        Object before = given().get("/v1/las/331/tables/referrals-by-ethnicity?release=" + release).path("cells");
        Object after = given().get("/v1/las/331/tables/referrals-by-ethnicity?release=" + second).path("cells");
        assertEquals(before, after);
    }

    @Test
    void readinessChecksKafkaAndPostgres() {
        given().get(ready).then().statusCode(200)
                .body(containsString("Kafka")).body(containsString("Reactive PostgreSQL"));
    }

}
