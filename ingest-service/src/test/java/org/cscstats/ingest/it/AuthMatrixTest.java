package org.cscstats.ingest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.cscstats.contract.Topics;
import org.cscstats.infra.RealInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * Every ingest endpoint that is not public refuses a request without a valid key (401), and a key limited to
 * LA 331 may send nothing for LA 856 (403), whichever form the events come in; nothing of a refused request is
 * published. The endpoints are read from the service's own OpenAPI document, so a new one is checked too.
 * Public (README, docs/api.md › Health, metrics and OpenAPI): {@code /q/health*}, {@code /q/metrics}, {@code /q/openapi} — not in the document.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class AuthMatrixTest {
    static final String KEY_331 = "Bearer " + EventIntakeTest.KEY_331;
    static final String KEY_ALL = "Bearer " + EventIntakeTest.KEY_ALL;
    /** Malformed Authorization headers; a valid key appears in some, in the wrong form. (8 KB+: 431) */
    static final List<String> MALFORMED = List.of("", "Bearer", "Bearer ", "Basic dGVzdC1rZXktYWxsOg==",
            "Token test-key-all", "Bearertest-key-all", "Bearer test-key-all test-key-all", "Bearer \"test-key-all\"",
            "Bearer " + "k".repeat(4_000), "test-key-all", "Bearer test-key-all,Bearer test-key-all");
    /** Well-formed but not a configured key: near misses, and the stored hash itself. */
    static final List<String> WRONG = List.of("Bearer wrong", "Bearer TEST-KEY-ALL", "Bearer test-key-al",
            "Bearer test-key-all2", "Bearer 31a65195ae16798d1e0d6d435b997168cc1cc4175b7f8a46c1484ed962f7c041",
            "Bearer " + UUID.randomUUID());

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyProtectedEndpointRefusesMissingMalformedAndWrongKeys() throws IOException {
        Map<String, List<String>> endpoints = protectedEndpoints();
        assertTrue(endpoints.keySet().containsAll(List.of("POST /v1/events", "POST /v1/imports/cin-census")),
                "the OpenAPI document lists " + endpoints.keySet());
        Map<Integer, Long> before = HostileInputTest.offsets();
        int checked = 0;
        for (Map.Entry<String, List<String>> e : endpoints.entrySet()) {
            String method = e.getKey().split(" ")[0];
            String path = e.getKey().split(" ")[1];
            for (String contentType : e.getValue()) {
                // a body the endpoint would take with a good key: only the key can be why it is refused
                byte[] body = validBody(path, contentType, "331");
                List<String> headers = new ArrayList<>();
                headers.add(null);
                headers.addAll(MALFORMED);
                headers.addAll(WRONG);
                for (String authorization : headers) {
                    Http.Answer a = send(method, path, contentType, authorization, body);
                    String where = e.getKey() + " " + contentType + " with Authorization "
                            + (authorization == null ? "absent" : "'" + EventFuzz.abbreviate(authorization) + "'")
                            + " → " + a.abbreviated();
                    assertEquals(401, a.status(), where);
                    assertEquals(List.of("Bearer"), a.headers().get("www-authenticate"), where);
                    HostileInputTest.problem(a, where);
                    assertFalse(a.body().contains("test-key"), where);
                    checked++;
                }
            }
        }
        assertEquals(before, HostileInputTest.offsets(), "a request without a valid key was published");
        System.out.println("AuthMatrixTest: " + checked + " refused requests across " + endpoints.keySet());
    }

    @Test
    void aKeyForLa331SendsNothingForLa856InAnyForm() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String own1 = EventIntakeTest.referral("AUTH-" + run + "-1", "331", "AUTH-" + run + "-A");
        String own2 = EventIntakeTest.referral("AUTH-" + run + "-2", "331", "AUTH-" + run + "-B");
        String foreign = EventIntakeTest.referral("AUTH-" + run + "-3", "856", "AUTH-" + run + "-C");
        Map<String, String[]> refused = new TreeMap<>(Map.of(
                "one event of LA 856", new String[] {"application/json", foreign},
                "a JSON array with one event of LA 856 among LA 331's", new String[] {"application/json",
                        "[" + own1 + "," + foreign + "," + own2 + "]"},
                "NDJSON with one line of LA 856", new String[] {"application/x-ndjson", own1 + "\n" + own2 + "\n" + foreign + "\n"},
                "NDJSON whose first line is LA 856's", new String[] {"application/x-ndjson", foreign + "\n" + own1 + "\n"}));
        Map<Integer, Long> before = HostileInputTest.offsets();
        for (Map.Entry<String, String[]> c : refused.entrySet()) {
            Http.Answer a = Http.post(base, "/v1/events", c.getValue()[0], KEY_331,
                    c.getValue()[1].getBytes(StandardCharsets.UTF_8));
            String where = c.getKey() + " → " + a.abbreviated();
            assertEquals(403, a.status(), where);
            assertTrue(((String) HostileInputTest.problem(a, where).get("detail")).contains("856"), where);
        }
        Http.Answer census = Http.post(base, "/v1/imports/cin-census", "application/xml", KEY_331,
                validBody("/v1/imports/cin-census", "application/xml", "856"));
        assertEquals(403, census.status(), census.abbreviated());
        HostileInputTest.problem(census, "census of LA 856");
        assertEquals(before, HostileInputTest.offsets(), "a refused batch was published, in whole or part");

        // the same key sends LA 331's events; a key for every LA sends the mixed batch
        Http.Answer own = Http.post(base, "/v1/events", "application/json", KEY_331,
                ("[" + own1 + "," + own2 + "]").getBytes(StandardCharsets.UTF_8));
        assertEquals(202, own.status(), own.abbreviated());
        Http.Answer all = Http.post(base, "/v1/events", "application/json", KEY_ALL,
                ("[" + own1 + "," + foreign + "," + own2 + "]").getBytes(StandardCharsets.UTF_8));
        assertEquals(202, all.status(), all.abbreviated());
        assertEquals(1, all.json().get("accepted"));
        assertEquals(2, all.json().get("duplicates"));
    }

    /** "METHOD /path" → the media types it takes, for every operation of the OpenAPI document. */
    @SuppressWarnings("unchecked")
    Map<String, List<String>> protectedEndpoints() {
        Http.Answer doc = Http.send(HttpRequest.newBuilder(URI.create(base + "q/openapi?format=json")).GET().build());
        assertEquals(200, doc.status(), doc.abbreviated());
        Map<String, Object> paths = (Map<String, Object>) doc.json().get("paths");
        Map<String, List<String>> out = new TreeMap<>();
        paths.forEach((path, operations) -> ((Map<String, Object>) operations).forEach((method, op) -> {
            if (path.startsWith("/q/health")) {
                return;
            }
            Map<String, Object> requestBody = (Map<String, Object>) ((Map<String, Object>) op).get("requestBody");
            List<String> types = requestBody == null ? List.of("application/json")
                    : new ArrayList<>(((Map<String, Object>) requestBody.get("content")).keySet());
            out.put(method.toUpperCase() + " " + path, types);
        }));
        return out;
    }

    Http.Answer send(String method, String path, String contentType, String authorization, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return Http.send(b.build());
    }

    /** A body that is valid for the endpoint and media type (so only the key can make it fail). */
    static byte[] validBody(String path, String contentType, String la) throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        if (path.equals("/v1/imports/cin-census")) {
            String xml = new String(HostileInputTest.census("AUTH-" + run, 2), StandardCharsets.UTF_8);
            return xml.replace("<LEA>331</LEA>", "<LEA>" + la + "</LEA>").getBytes(StandardCharsets.UTF_8);
        }
        String event = EventIntakeTest.referral("AUTH-" + run, la, "AUTH-CHILD-" + run);
        return (contentType.contains("ndjson") ? event + "\n" : event).getBytes(StandardCharsets.UTF_8);
    }
}
