package org.cscstats.suppression.it;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.cscstats.contract.Cube;
import org.cscstats.contract.Json;
import org.cscstats.contract.Topics;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.infra.TopicProbe;
import org.cscstats.suppression.repository.CubeStore;

/** Cubes as the stats service publishes them, and the operator calls the integration tests share. */
final class Fixtures {
    private static final ObjectMapper JSON = Json.mapper();
    /** An operator key for every LA (test profile); each test class works on LAs of its own. */
    static final String OPS_ANY = "Bearer ops-any";

    private Fixtures() {
    }

    /**
     * One year of an LA: {@code white} White British and {@code african} African referrals, every one aged 5-9, female,
     * from source 2A and ending without an assessment. The referral and outcome cubes agree with each other.
     */
    static List<Cube> year(String la, String fy, long version, long white, long african) {
        long total = white + african;
        Map<String, Long> referrals = Map.of("", total, "ethnicity=WBRI", white, "ethnicity=BAFR", african,
                "ethnic-group=white", white, "ethnic-group=black", african, "age-band=5-9", total, "sex=F", total,
                "referral-source=2A", total);
        Map<String, Long> outcomes = Map.ofEntries(Map.entry("", total), Map.entry("outcome=no-assessment", total),
                Map.entry("ethnicity=WBRI", white), Map.entry("ethnicity=BAFR", african),
                Map.entry("ethnic-group=white", white), Map.entry("ethnic-group=black", african),
                Map.entry("age-band=5-9", total), Map.entry("referral-source=2A", total),
                Map.entry("outcome=no-assessment|ethnicity=WBRI", white), Map.entry("outcome=no-assessment|ethnicity=BAFR", african),
                Map.entry("outcome=no-assessment|ethnic-group=white", white), Map.entry("outcome=no-assessment|ethnic-group=black", african),
                Map.entry("outcome=no-assessment|age-band=5-9", total), Map.entry("outcome=no-assessment|referral-source=2A", total));
        return List.of(new Cube(la, "referrals", fy, false, version, referrals),
                new Cube(la, "referral-outcomes", fy, false, version, outcomes));
    }

    static void publish(List<Cube> cubes) throws Exception {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (Cube c : cubes) {
            records.add(new ProducerRecord<>(Topics.CUBES, c.key(), JSON.writeValueAsString(c)));
        }
        TopicProbe.send(RealInfrastructure.kafka().bootstrapServers(), records);
    }

    /** Waits until the service has stored every given cube (at least that version); a release then sees them all. */
    static void awaitStored(CubeStore store, List<Cube> cubes, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Map<String, Long> stored = new HashMap<>();
            try {
                for (String la : cubes.stream().map(Cube::la).distinct().toList()) {
                    store.forLa(la).await().indefinitely().forEach(c -> stored.put(c.key(), c.version()));
                }
            } catch (RuntimeException e) {
                // the database may be coming back; ask again
            }
            if (cubes.stream().allMatch(c -> stored.getOrDefault(c.key(), -1L) >= c.version())) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("cubes not stored within " + timeout + ": have " + stored);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Makes a release of an LA once its cubes have arrived and agree (until then the service answers 409 "no figures"
     * or 503 "still arriving"), and returns its id.
     */
    static String release(String la, String key, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = given().header("Authorization", key).when().post("/v1/las/" + la + "/releases");
            if (last.statusCode() == 201) {
                return last.path("id");
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no release of LA " + la + " within " + timeout + "; last answer "
                + (last == null ? "none" : last.statusCode() + " " + last.asString()));
    }
}
