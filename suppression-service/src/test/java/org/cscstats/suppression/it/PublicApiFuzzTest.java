package org.cscstats.suppression.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.suppression.repository.CubeStore;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: seeded random requests to the public API on loopback — paths with real and hostile ids, query strings
 * (release, tables, unknown names; NULs, bytes that are not UTF-8, long lists) and headers (Accept with q-values
 * good and bad, If-None-Match strong, weak and broken, Authorization once or twice, Range, encodings). None may
 * get a 5xx; every refusal of an API path is a short problem+json; and the heap after them all stays within the
 * render cache's bound (2 MB in the test profile) plus 8 MB. {@code -Dfuzz.seed=N} repeats one run;
 * {@code -Dfuzz.requests=N} makes it longer.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructure.class, initArgs = @ResourceArg(name = "database", value = "suppression"))
class PublicApiFuzzTest {
    private static final String LA = "395";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    CubeStore store;
    @TestHTTPResource("/")
    URL base;

    @Test
    void randomQueriesAndHeadersNeverGetA5xxNorGrowTheHeap() throws Exception {
        String release = PublicSurfaceTest.releaseOf(store, LA);
        List<String> tables = given().get("/v1/las/" + LA + "/tables?release=" + release).then().statusCode(200)
                .extract().path("tables.id");
        String etag = given().get("/v1/las/" + LA + "/tables/" + tables.get(0)).header("ETag");
        long seed = Long.getLong("fuzz.seed", 16);
        int requests = Integer.getInteger("fuzz.requests", 1500);
        Random random = new Random(seed);
        Hostile h = new Hostile(random, release, tables, etag);

        long before = HeapInUse.afterGc();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (int i = 0; i < requests; i++) {
            String path = h.path() + h.query();
            HttpRequest request;
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                        .timeout(Duration.ofSeconds(30)).GET();
                h.headers(b);
                request = b.build();
            } catch (IllegalArgumentException e) {
                continue; // a header value the client itself refuses to send
            }
            HttpResponse<String> r = send(request);
            sent++;
            String where = "seed " + seed + " #" + i + " GET " + abbreviate(path) + " " + abbreviate(request.headers().map().toString());
            int status = r.statusCode();
            if (status >= 500) {
                failures.add(where + " → " + status + " " + abbreviate(r.body()));
            } else if (status >= 400 && status != 414 && status != 431) {
                String type = r.headers().firstValue("Content-Type").orElse("");
                if (!type.startsWith("application/problem+json")) {
                    failures.add(where + " → " + status + " as " + type);
                } else if (r.body().length() > 1000) {
                    failures.add(where + " → " + status + " with a " + r.body().length() + "-character problem");
                }
            }
        }
        long grown = HeapInUse.afterGc() - before;
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), failures.size() + " failures");
        // the client refuses some generated header values (an empty Authorization, say) itself
        assertTrue(sent > requests * 2 / 3, "most requests were sent: " + sent);
        long bound = 10 * HeapInUse.MB;
        assertTrue(grown < bound, "heap grew by " + grown / HeapInUse.MB + " MB over " + sent + " requests (bound "
                + bound / HeapInUse.MB + " MB)");
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…(" + s.length() + ")" : s;
    }

    /** Parts of requests, some real, some hostile. */
    private record Hostile(Random random, String release, List<String> tables, String etag) {
        String pick(String... options) {
            return options[random.nextInt(options.length)];
        }

        /** Text percent-encoded byte by byte: any byte, NUL and non-UTF-8 included. */
        String junk(int maxLength) {
            int n = random.nextInt(maxLength + 1);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int c = random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + random.nextInt(26);
                b.append(c >= 'a' && c <= 'z' ? String.valueOf((char) c) : String.format("%%%02X", c));
            }
            return b.toString();
        }

        String la() {
            return pick(LA, LA, "999", "000", "39", "3950", junk(8), "%00" + LA, "x".repeat(random.nextInt(2000)));
        }

        String releaseId() {
            return pick(release, release, "latest", LA + "-999999", LA + "-", junk(12), "%2e%2e", "x".repeat(random.nextInt(1500)));
        }

        String table() {
            return random.nextBoolean() ? tables.get(random.nextInt(tables.size())) : pick(junk(20), "%00", "..%2f..", "t".repeat(random.nextInt(1500)));
        }

        String path() {
            return switch (random.nextInt(8)) {
                case 0 -> "/v1/las";
                case 1 -> "/v1/las/" + la() + "/releases";
                case 2 -> "/v1/las/" + la() + "/releases/" + releaseId();
                case 3 -> "/v1/las/" + la() + "/tables";
                case 4, 5 -> "/v1/las/" + la() + "/tables/" + table();
                case 6 -> "/v1/las/" + la() + "/foi-pack";
                default -> "/v1/las/" + la() + "/releases/" + releaseId() + "/audit";
            };
        }

        String tablesList() {
            int n = random.nextInt(random.nextInt(10) == 0 ? 700 : 12);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(random.nextInt(5) == 0 ? pick("", " ", junk(6)) : tables.get(random.nextInt(tables.size())));
            }
            return String.join(random.nextInt(6) == 0 ? "%2C%2C" : ",", ids);
        }

        String query() {
            int n = random.nextInt(4);
            List<String> params = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                params.add(switch (random.nextInt(5)) {
                    case 0 -> "release=" + releaseId();
                    case 1, 2 -> "tables=" + tablesList();
                    case 3 -> junk(10) + "=" + junk(30);
                    default -> pick("release", "tables", "tables=", "release=", "=", "&&", "tables=%00");
                });
            }
            String q = String.join("&", params);
            return q.isEmpty() ? "" : "?" + (q.length() > 3000 ? q.substring(0, 3000) : q);
        }

        String acceptRange() {
            String type = pick("application/json", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "*/*", "text/*", "application/*", "text/html", "image/png", "*/json", "garbage", "", "application/problem+json");
            String q = pick("", "", ";q=0", ";q=1", ";q=0.5", ";q=0.001", ";q=1.5", ";q=-1", ";q=abc", ";q=", ";level=1", ";q=0.9;x=y");
            return type + q;
        }

        void headers(HttpRequest.Builder b) {
            if (random.nextInt(4) != 0) {
                int n = 1 + random.nextInt(random.nextInt(8) == 0 ? 80 : 4);
                List<String> ranges = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ranges.add(acceptRange());
                }
                b.header("Accept", String.join(pick(",", ", ", ";", ",,"), ranges));
            }
            if (random.nextInt(3) == 0) {
                b.header("If-None-Match", pick(etag, "W/" + etag, "*", "\"x\", " + etag, "W/", "\"", "\"unterminated",
                        "W/\"a\",W/\"b\"", ",,,", "x".repeat(random.nextInt(3000)), etag.replace("\"", "")));
            }
            if (random.nextInt(5) == 0) {
                b.header("Authorization", pick("Bearer ops-any", "Bearer x", "Basic YTpi", "", "Bearer " + "k".repeat(2000)));
                if (random.nextBoolean()) {
                    b.header("Authorization", "Bearer ops-any");
                }
            }
            if (random.nextInt(5) == 0) {
                b.header("Accept-Encoding", pick("gzip", "br", "deflate;q=0", "*", "identity;q=0", "x"));
            }
            if (random.nextInt(6) == 0) {
                b.header("Range", pick("bytes=0-10", "bytes=-1", "bytes=99999999-", "items=1-2", "bytes=a-b"));
            }
            if (random.nextInt(6) == 0) {
                b.header("If-Modified-Since", pick("Wed, 21 Oct 2015 07:28:00 GMT", "yesterday", "0"));
            }
            if (random.nextInt(8) == 0) {
                b.header("X-Forwarded-For", pick("127.0.0.1", "::1, 10.0.0.1", junk(20)));
            }
        }
    }
}
