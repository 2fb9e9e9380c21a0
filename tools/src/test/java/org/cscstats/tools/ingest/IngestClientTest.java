package org.cscstats.tools.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestClientTest {
    HttpServer server;
    final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    final List<String> auth = Collections.synchronizedList(new ArrayList<>());
    final List<String> contentTypes = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger busyResponses = new AtomicInteger();
    final List<Duration> slept = new ArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/events", this::events);
        server.createContext("/v1/imports/cin-census", this::census);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Busy once (503, Retry-After 7), refuses a batch containing "bad" (400), else accepts (202). */
    private void events(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String key = x.getRequestHeaders().getFirst("Authorization");
        if (!"Bearer k3y".equals(key)) {
            reply(x, 401, "{\"title\":\"Unauthorized\"}");
            return;
        }
        bodies.add(body);
        auth.add(key);
        contentTypes.add(x.getRequestHeaders().getFirst("Content-Type"));
        if (busyResponses.getAndIncrement() == 0) {
            x.getResponseHeaders().add("Retry-After", "7");
            reply(x, 503, "{\"title\":\"Service Unavailable\"}");
            return;
        }
        String[] lines = body.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("bad")) {
                reply(x, 400, "{\"title\":\"Invalid events\",\"errors\":[{\"index\":" + i
                        + ",\"field\":\"date\",\"message\":\"must be a real calendar date\"}]}");
                return;
            }
        }
        int dup = body.contains("\"dup\"") ? 1 : 0;
        reply(x, 202, "{\"accepted\":" + (lines.length - dup) + ",\"duplicates\":" + dup + "}");
    }

    private void census(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        bodies.add(new String(body, StandardCharsets.UTF_8));
        contentTypes.add(x.getRequestHeaders().getFirst("Content-Type"));
        reply(x, 200, "{\"la\":\"331\",\"children\":3,\"referrals\":4,\"eventsRead\":19,\"eventsPublished\":18,"
                + "\"duplicates\":1,\"rejected\":[{\"child\":2,\"element\":\"CINdetails[1]/Assessments[1]\","
                + "\"reason\":\"AssessmentAuthorisationDate is not a valid date\"}]}");
    }

    private static void reply(HttpExchange x, int code, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", code >= 400 ? "application/problem+json" : "application/json");
        x.sendResponseHeaders(code, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    int run(String... args) {
        IngestClient client = new IngestClient();
        client.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        client.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        client.sleeper = slept::add;
        client.environment = Map.of(); // the key only as the test gives it, whatever the machine has set
        return IngestClient.commandLine(client).execute(args);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static String event(int i) {
        return "{\"id\":\"e" + i + "\",\"type\":\"closure\",\"la\":\"331\",\"childId\":\"c\",\"referralId\":\"r\","
                + "\"date\":\"2024-01-01\",\"reason\":\"RC8\"}";
    }

    @Test
    void sendsNdjsonInBatchesOf1000AndRetriesOn503(@TempDir Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 2500; i++) {
            b.append(event(i)).append('\n');
            if (i == 1200) {
                b.append("\n"); // blank lines are not sent
            }
        }
        Path file = dir.resolve("events.ndjson");
        Files.writeString(file, b);
        int code = run("--url", url(), "--key", "k3y", "--no-progress", file.toString());
        assertEquals(0, code, err.toString());
        assertEquals(4, bodies.size(), "3 batches, the first sent twice");
        assertEquals(bodies.get(0), bodies.get(1), "a retry repeats the same batch");
        assertEquals(List.of(1000, 1000, 1000, 500), bodies.stream().map(s -> s.split("\n").length).toList());
        assertTrue(contentTypes.stream().allMatch("application/x-ndjson"::equals));
        assertEquals(List.of(Duration.ofSeconds(7)), slept, "Retry-After is honoured");
        assertTrue(out.toString().contains("batches: 3, events sent: 2500, accepted: 2500, duplicates: 0, rejected: 0 "
                + "(in 0 batches), retries: 1"), out.toString());
    }

    @Test
    void reportsRejectedLinesByFileLine(@TempDir Path dir) throws IOException {
        busyResponses.set(1); // not busy
        Path file = dir.resolve("events.ndjson");
        Files.writeString(file, event(1) + "\n\n" + event(2) + "\n" + event(3).replace("2024-01-01", "bad") + "\n"
                + event(4) + "\n");
        int code = run("--url", url(), "--key", "k3y", "--no-progress", "--batch-size", "2", "--format", "ndjson",
                file.toString());
        assertEquals(1, code);
        assertTrue(err.toString().contains("line 4, date: must be a real calendar date"), err.toString());
        assertTrue(out.toString().contains("events sent: 4, accepted: 2, duplicates: 0, rejected: 2 (in 1 batches)"),
                out.toString());
    }

    @Test
    void unknownKeyStops(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("e.ndjson");
        Files.writeString(file, event(1) + "\n");
        assertEquals(3, run("--url", url(), "--key", "wrong", "--no-progress", file.toString()));
        assertTrue(err.toString().contains("401"));
    }

    @Test
    void noKeyIsAUsageError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("e.ndjson");
        Files.writeString(file, event(1) + "\n");
        IngestClient client = new IngestClient();
        client.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        client.environment = Map.of(); // whatever the machine running the test has set
        int code = IngestClient.commandLine(client).execute("--url", url(), "--no-progress", file.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("no key: set INGEST_KEY or pass --key"), err.toString());
        assertTrue(bodies.isEmpty(), "nothing is sent without a key");
    }

    @Test
    void theKeyComesFromTheEnvironmentWhenNotGiven(@TempDir Path dir) throws IOException {
        busyResponses.set(1); // not busy
        Path file = dir.resolve("e.ndjson");
        Files.writeString(file, event(1) + "\n");
        IngestClient client = new IngestClient();
        client.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        client.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        client.environment = Map.of("INGEST_KEY", "k3y");
        assertEquals(0, IngestClient.commandLine(client).execute("--url", url(), "--no-progress", file.toString()), err.toString());
        assertEquals(1, bodies.size());
    }

    @Test
    void uploadsACensusFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cin-2025.xml");
        String xml = new String(getClass().getResourceAsStream("/census/cin-mixed.xml").readAllBytes(),
                StandardCharsets.UTF_8);
        Files.writeString(file, xml);
        int code = run("--url", url() + "/", "--key", "k3y", "--no-progress", file.toString());
        assertEquals(0, code, err.toString());
        assertEquals(List.of(xml), bodies);
        assertEquals(List.of("application/xml"), contentTypes);
        assertTrue(out.toString().contains("LA 331: children: 3, referrals: 4, events read: 19, published: 18, "
                + "duplicates: 1, rejected elements: 1"), out.toString());
        assertTrue(err.toString().contains("child 2, CINdetails[1]/Assessments[1]: AssessmentAuthorisationDate"));
    }

    @Test
    void retryAfterParsing() {
        assertEquals(Duration.ofSeconds(120), ApiSender.retryAfter("120", 0));
        assertEquals(ApiSender.MAX_WAIT, ApiSender.retryAfter("99999", 0));
        assertEquals(Duration.ZERO, ApiSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", 0), "a past date: now");
        assertEquals(Duration.ofSeconds(1), ApiSender.retryAfter(null, 0));
        assertEquals(Duration.ofSeconds(8), ApiSender.retryAfter("soon", 3));
        assertEquals(Duration.ofSeconds(30), ApiSender.backoff(10));
    }
}
