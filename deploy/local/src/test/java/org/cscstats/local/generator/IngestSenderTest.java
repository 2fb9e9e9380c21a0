package org.cscstats.local.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestSenderTest {
    private static final ObjectMapper MAPPER = Json.mapper();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A stand-in ingest service: counts lines, answers 503 to every third request's first try. */
    private URI fakeIngest(Set<String> ids, AtomicInteger inFlight, AtomicInteger maxInFlight, AtomicInteger requests,
                           int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/v1/events", exchange -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                int n = requests.incrementAndGet();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (!"application/x-ndjson".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
                        || !"Bearer local-dev-key".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    reply(exchange, 401, "{\"title\":\"bad key or type\"}");
                    return;
                }
                if (status != 202) {
                    reply(exchange, status, "{\"title\":\"Invalid events\",\"detail\":\"line 3: child.ethnicity\"}");
                    return;
                }
                if (n % 3 == 0) {
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    reply(exchange, 503, "{\"title\":\"Kafka is busy\"}");
                    return;
                }
                List<String> lines = body.lines().toList();
                int duplicates = 0;
                for (String line : lines) {
                    JsonNode event = MAPPER.readTree(line);
                    if (!ids.add(event.get("la").asText() + "|" + event.get("id").asText())) {
                        duplicates++;
                    }
                }
                Thread.sleep(5);
                reply(exchange, 202, "{\"accepted\":" + (lines.size() - duplicates) + ",\"duplicates\":" + duplicates + "}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void sendsEveryEventInBatchesRetryingBusyResponses() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        URI url = fakeIngest(ids, inFlight, maxInFlight, requests, 202);
        CaseHistoryGenerator generator = new CaseHistoryGenerator(GeneratorConfig.defaults().withLas(2)
                .withReferralsPerLaPerYear(300).withYears(2023, 2023));
        List<CaseEvent> events = generator.toList();
        long distinct = events.stream().map(e -> e.la() + e.id()).distinct().count();

        SendReport report = new IngestSender(url, "local-dev-key", 3, 1000).send(generator.iterator());

        assertEquals(events.size(), report.events());
        assertEquals(report.events(), report.accepted() + report.duplicates());
        assertEquals((events.size() + 999) / 1000, report.batches());
        assertTrue(report.retries() > 0, "503s were retried");
        assertTrue(maxInFlight.get() <= 3, "in flight " + maxInFlight.get());
        assertEquals(distinct, ids.size());
        assertEquals(events.size() - distinct, report.duplicates(), "the generator's duplicates, reported back");
        assertTrue(report.eventsPerSecond() > 0);
    }

    @Test
    void aRefusedBatchStopsTheSendWithTheServicesReason() throws Exception {
        URI url = fakeIngest(ConcurrentHashMap.newKeySet(), new AtomicInteger(), new AtomicInteger(),
                new AtomicInteger(), 400);
        CaseHistoryGenerator generator = new CaseHistoryGenerator(GeneratorConfig.defaults()
                .withReferralsPerLaPerYear(100).withYears(2023, 2023));
        IngestSender.IngestException e = assertThrows(IngestSender.IngestException.class,
                () -> new IngestSender(url, "local-dev-key").send(generator.iterator()));
        assertTrue(e.getMessage().contains("400") && e.getMessage().contains("child.ethnicity"), e.getMessage());
    }
}
