package org.cscstats.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spine, end to end on real servers: events POSTed to ingest are pseudonymised onto Kafka, counted by stats,
 * handed on as cubes, and appear protected in a release table from the suppression service.
 */
class SpineIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LocalSystemExtension LOCAL = new LocalSystemExtension("cscstats-spine-");
    private static LocalSystem system;

    @BeforeAll
    static void start() {
        system = LOCAL.system();
    }

    @Test
    void referralsPostedToIngestAppearProtectedInARelease() throws Exception {
        StringBuilder ndjson = new StringBuilder();
        // 2023/24: ten White British children and two African children referred once each
        for (int i = 0; i < 12; i++) {
            String ethnicity = i < 10 ? "WBRI" : "BAFR";
            ndjson.append(String.format("{\"id\":\"ev-%d\",\"type\":\"referral\",\"la\":\"331\",\"childId\":\"child-%d\","
                    + "\"referralId\":\"ref-%d\",\"date\":\"2023-0%d-1%d\",\"referralSource\":\"2A\","
                    + "\"child\":{\"birthDate\":\"2015-06-01\",\"sex\":\"F\",\"ethnicity\":\"%s\"}}%n",
                    i, i, i, 4 + i % 5, i % 10, ethnicity));
        }
        HttpResponse<String> posted = post(system.ingest().url() + "/v1/events", ndjson.toString(),
                "application/x-ndjson", LocalSystem.INGEST_KEY);
        assertEquals(202, posted.statusCode(), posted.body());
        assertEquals(12, JSON.readTree(posted.body()).get("accepted").asInt());

        JsonNode byYear = awaitTable("referrals-by-year", table -> {
            JsonNode cell = cellInColumn(table, "2023/24");
            return cell != null && cell.has("value") && cell.get("value").asInt() == 12;
        });
        assertEquals("12", cellInColumn(byYear, "2023/24").get("display").asText());

        String release = byYear.get("release").asText();
        JsonNode byEthnicity = getJson(system.suppression().url() + "/v1/las/331/tables/referrals-by-ethnicity?release=" + release);
        JsonNode african = cellAt(byEthnicity, "BAFR", "2023/24");
        assertTrue(african.path("suppressed").asBoolean(), "2 African children must not be published: " + african);
        assertFalse(african.has("value"));
        // <5 where its range is safe to state, else [c] (docs/disclosure.md › Symbols)
        assertTrue(List.of("<5", "[c]").contains(african.get("display").asText()), african.toString());
    }

    /** Makes releases until the table satisfies the condition (the cubes reach suppression within seconds). */
    private static JsonNode awaitTable(String table, java.util.function.Predicate<JsonNode> ready) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> made = post(system.suppression().url() + "/v1/las/331/releases", "", "application/json",
                    LocalSystem.OPERATOR_KEY);
            if (made.statusCode() == 201) {
                last = getJson(system.suppression().url() + "/v1/las/331/tables/" + table);
                if (ready.test(last)) {
                    return last;
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("table " + table + " never showed the events; last: " + last);
    }

    static JsonNode cellInColumn(JsonNode table, String column) {
        JsonNode columns = table.get("columns");
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).get("code").asText().equals(column)) {
                return table.get("cells").get(0).get(c);
            }
        }
        return null;
    }

    static JsonNode cellAt(JsonNode table, String row, String column) {
        JsonNode rows = table.get("rows");
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).get("code").asText().equals(row)) {
                JsonNode columns = table.get("columns");
                for (int c = 0; c < columns.size(); c++) {
                    if (columns.get(c).get("code").asText().equals(column)) {
                        return table.get("cells").get(r).get(c);
                    }
                }
            }
        }
        throw new AssertionError("no cell " + row + " × " + column + " in " + table.get("table"));
    }

    static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static HttpResponse<String> post(String url, String body, String type, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", type).header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
