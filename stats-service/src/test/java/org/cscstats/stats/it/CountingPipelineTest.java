package org.cscstats.stats.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.cscstats.contract.CellKey;
import org.cscstats.contract.Cube;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Topics;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.infra.TopicProbe;
import org.junit.jupiter.api.Test;

/** Against a real Kafka broker and PostgreSQL: events in → cubes out; a poison record → dead letter, the rest counted. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "stats"))
class CountingPipelineTest {
    @Test
    void eventsInCubesOutWithDuplicatesCountedOnce() throws Exception {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String child = "c" + i;
            String referral = "{\"id\":\"e" + i + "\",\"type\":\"referral\",\"la\":\"901\",\"childId\":\"" + child
                    + "\",\"referralId\":\"r" + i + "\",\"date\":\"2022-05-1" + i + "\",\"referralSource\":\"2A\","
                    + "\"child\":{\"birthDate\":\"2015-06-01\",\"ethnicity\":\"" + (i < 4 ? "WBRI" : "BAFR") + "\"}}";
            records.add(new ProducerRecord<>(Topics.CASE_EVENTS, "901:" + child, referral));
            if (i == 0) {
                records.add(new ProducerRecord<>(Topics.CASE_EVENTS, "901:" + child, referral)); // a duplicate
            }
        }
        TopicProbe.send(RealInfrastructure.kafka().bootstrapServers(), records);

        Map<String, Cube> cubes = latestCubes(seen -> {
            Cube c = seen.get(Cube.key("901", "referrals", "2022/23"));
            return c != null && c.total() == 6;
        });
        Cube referrals = cubes.get(Cube.key("901", "referrals", "2022/23"));
        assertEquals(6, referrals.total());
        assertEquals(4, referrals.cell(CellKey.of(Dimension.ETHNICITY, "WBRI")));
        assertEquals(2, referrals.cell(CellKey.of(Dimension.ETHNICITY, "BAFR")));
        assertEquals(6, referrals.cell(CellKey.of(Dimension.ETHNIC_GROUP, "white")) + referrals.cell(CellKey.of(Dimension.ETHNIC_GROUP, "black")));
        assertEquals(6, referrals.cell(CellKey.of(Dimension.AGE_BAND, "5-9")));
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndTheRestIsCounted() throws Exception {
        String good = "{\"id\":\"p1\",\"type\":\"referral\",\"la\":\"902\",\"childId\":\"k1\",\"referralId\":\"r1\","
                + "\"date\":\"2023-06-01\",\"referralSource\":\"6\"}";
        TopicProbe.send(RealInfrastructure.kafka().bootstrapServers(), List.of(
                new ProducerRecord<>(Topics.CASE_EVENTS, "902:k0", "this is not json"),
                new ProducerRecord<>(Topics.CASE_EVENTS, "902:k0", "{\"id\":\"x\",\"type\":\"no-such-type\",\"la\":\"902\",\"childId\":\"k0\",\"date\":\"2023-06-01\"}"),
                new ProducerRecord<>(Topics.CASE_EVENTS, "902:k1", good)));

        List<ConsumerRecord<String, String>> dead = TopicProbe.readUntil(RealInfrastructure.kafka().bootstrapServers(), Topics.CASE_EVENTS_DEAD_LETTER,
                seen -> seen.stream().filter(r -> "902:k0".equals(r.key())).count() >= 2, Duration.ofSeconds(60));
        ConsumerRecord<String, String> poison = dead.stream().filter(r -> "this is not json".equals(r.value())).findFirst().orElseThrow();
        String reason = new String(poison.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.startsWith("not a case event"), reason);

        Map<String, Cube> cubes = latestCubes(seen -> {
            Cube c = seen.get(Cube.key("902", "referrals", "2023/24"));
            return c != null && c.total() == 1;
        });
        assertEquals(1, cubes.get(Cube.key("902", "referral-outcomes", "2023/24")).cell(CellKey.of(Dimension.OUTCOME, "no-assessment")));
    }

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    /** Issue 16: the consumer's record counts and lag move with every event, so they are not on the public port. */
    @Test
    void metricsAndHealthAreOnlyOnTheManagementPort() {
        for (String path : List.of("/q/metrics", "/q/health", "/q/health/ready")) {
            assertEquals(404, RestAssured.get(path).statusCode(), "the public port serves " + path);
        }
        RestAssured.get(metrics).then().statusCode(200).body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"));
    }

    @Test
    void readinessChecksKafkaAndPostgres() {
        RestAssured.get(ready).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Kafka"))
                .body(org.hamcrest.Matchers.containsString("Reactive PostgreSQL"));
    }

    private static Map<String, Cube> latestCubes(java.util.function.Predicate<Map<String, Cube>> done) {
        List<ConsumerRecord<String, String>> records = TopicProbe.readUntil(RealInfrastructure.kafka().bootstrapServers(),
                Topics.CUBES, seen -> done.test(TopicProbe.latestCubes(seen)), Duration.ofSeconds(60));
        return TopicProbe.latestCubes(records);
    }
}
