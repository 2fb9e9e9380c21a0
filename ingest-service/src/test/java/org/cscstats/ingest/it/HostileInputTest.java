package org.cscstats.ingest.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.cscstats.contract.Topics;
import org.cscstats.infra.RealInfrastructure;
import org.cscstats.ingest.census.Census;
import org.cscstats.ingest.census.CinCensusWriter;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hostile input at the running service with the real broker: generated bad event bodies and census files, and
 * gigabyte bodies. Every answer is a 4xx problem (or, for a census whose damage the reader can place, a summary
 * naming the invalid elements), never a 5xx; nothing of a refused request reaches {@code case-events}; memory
 * stays bounded; and the service takes a valid batch afterwards. Seeded: {@code -Dfuzz.seed=} reproduces a run.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
    static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    static final int EVENT_CASES = Integer.getInteger("fuzz.cases", 300);
    static final int CENSUS_MUTANTS = Integer.getInteger("fuzz.census-cases", 40);
    static final String KEY = "Bearer " + EventIntakeTest.KEY_ALL;
    /** A body's live data the server may hold beyond what it held before (buffers, one chunk of events). */
    static final long HEAP_SLACK = 160L << 20;

    @TestHTTPResource("/")
    URL base;

    @Test
    @Order(1)
    void hostileEventBodiesAreRefusedWithAProblemSayingWhatAndWhere() {
        System.out.println("HostileInputTest seed " + SEED + " (-Dfuzz.seed=" + SEED + " repeats this run)");
        Map<Integer, Long> before = offsets();
        List<EventFuzz.Case> cases = new EventFuzz(SEED).cases(EVENT_CASES);
        for (EventFuzz.Case c : cases) {
            Http.Answer a = Http.post(base, "/v1/events", c.contentType(), KEY, c.body());
            String where = c + " → " + a.abbreviated();
            assertEquals(c.status(), a.status(), where);
            Map<String, Object> problem = problem(a, where);
            if (c.status() == 400) {
                List<Map<String, Object>> errors = errors(problem, where);
                assertFalse(errors.isEmpty(), where);
                if (c.index() != null) {
                    errors.forEach(e -> assertEquals(c.index(), e.get("index"), where));
                }
                if (c.field() != null) {
                    assertTrue(errors.stream().map(e -> (String) e.get("field"))
                            .anyMatch(f -> f.equals(c.field()) || f.startsWith(c.field() + ".")), where);
                }
                if (c.says() != null) {
                    assertTrue(errors.stream().anyMatch(e -> ((String) e.get("message")).contains(c.says())), where);
                }
                // the errors never repeat a value sent (they are safe to log)
                errors.forEach(e -> assertFalse(((String) e.get("message")).contains("FUZZ-"), where));
            } else if (c.says() != null) {
                assertTrue(((String) problem.get("detail")).contains(c.says()), where);
            }
        }
        assertEquals(before, offsets(), "a refused body reached " + Topics.CASE_EVENTS);
        assertAValidBatchIsStillAccepted();
    }

    @Test
    @Order(2)
    void hostileCensusFilesAreRefusedOrSummarisedAndNeverLeakAFile() throws Exception {
        Path secret = Files.createTempFile("ingest-secret-", ".txt");
        Files.writeString(secret, "TOP-SECRET-FILE-CONTENT");
        AtomicInteger fetched = new AtomicInteger();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            fetched.incrementAndGet();
            byte[] b = "<!ENTITY leak \"NETWORK-ENTITY-CONTENT\">".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        server.start();
        String http = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] valid = census(run, 40);
        String text = new String(valid, StandardCharsets.UTF_8);
        String message = text.substring(text.indexOf("<Message>"));
        String prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
        List<String[]> hostile = new ArrayList<>(List.of(
                new String[] {"XXE file", prolog + "<!DOCTYPE Message [<!ENTITY x SYSTEM \"file:///etc/passwd\">"
                        + "<!ENTITY y SYSTEM \"" + secret.toUri() + "\">]>" + message.replaceFirst("<LEA>331</LEA>", "<LEA>&x;&y;</LEA>")},
                new String[] {"XXE http", prolog + "<!DOCTYPE Message [<!ENTITY x SYSTEM \"" + http + "x\">]>"
                        + message.replaceFirst("(<LAchildID>)", "$1&x;")},
                new String[] {"external DTD", prolog + "<!DOCTYPE Message SYSTEM \"" + http + "evil.dtd\">" + message},
                new String[] {"parameter entity", prolog + "<!DOCTYPE Message [<!ENTITY % p SYSTEM \"" + http + "p\"> %p;]>"
                        + message},
                new String[] {"billion laughs", billionLaughs() + message.replaceFirst("<LEA>331</LEA>", "<LEA>&lol9;</LEA>")},
                new String[] {"internal DTD only", prolog + "<!DOCTYPE Message [<!ELEMENT Message ANY>]>" + message},
                new String[] {"deep nesting", prolog + message.replaceFirst("<Children>", "<Children>" + "<a>".repeat(100_000))},
                new String[] {"huge attribute", prolog + message.replaceFirst("<Children>", "<Children><x a=\""
                        + "v".repeat(20 << 20) + "\"/>")},
                new String[] {"JSON", "{\"Message\":{}}"},
                new String[] {"empty", ""},
                new String[] {"truncated", text.substring(0, text.length() / 2)},
                new String[] {"a census of another collection", text.replace("<Collection>CIN</Collection>",
                        "<Collection>SC</Collection>")}));
        List<String[]> summarised = List.of(
                new String[] {"huge text node", text.replaceFirst("(<ChildIdentifiers>)", "$1<Junk>" + "t".repeat(20 << 20)
                        + "</Junk>")},
                new String[] {"invalid elements", text.replaceFirst("<CINreferralDate>[^<]*</CINreferralDate>",
                        "<CINreferralDate>2024-02-30</CINreferralDate>").replaceFirst("<ReferralSource>[^<]*</ReferralSource>",
                        "<ReferralSource>ZZ</ReferralSource>")});
        Map<Integer, Long> before = offsets();
        for (String[] h : hostile) {
            Http.Answer a = Http.post(base, "/v1/imports/cin-census", "application/xml", KEY, h[1].getBytes(StandardCharsets.UTF_8));
            String where = h[0] + " → " + a.abbreviated();
            assertEquals(400, a.status(), where);
            Map<String, Object> problem = problem(a, where);
            assertTrue(((String) problem.get("detail")).contains("nothing was published"), where);
            assertNoLeak(a, run, where);
        }
        assertEquals(0, fetched.get(), "the parser fetched an external resource");
        assertEquals(before, offsets(), "a refused census reached " + Topics.CASE_EVENTS);
        for (String[] s : summarised) {
            Http.Answer a = Http.post(base, "/v1/imports/cin-census", "application/xml", KEY, s[1].getBytes(StandardCharsets.UTF_8));
            String where = s[0] + " → " + a.abbreviated();
            assertEquals(200, a.status(), where);
            List<Map<String, Object>> rejected = rejected(a.json(), where);
            assertFalse(rejected.isEmpty(), where);
            rejected.forEach(r -> assertTrue(r.get("child") instanceof Integer && r.get("element") != null, where));
            assertNoLeak(a, run, where);
        }
        // mutants of a valid census: refused whole, or imported with what is wrong listed by position
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < CENSUS_MUTANTS; i++) {
            byte[] mutant = mutate(census(run + "-" + i, 5), random);
            before = offsets();
            Http.Answer a = Http.post(base, "/v1/imports/cin-census", "application/xml", KEY, mutant);
            String where = "mutant " + i + " → " + a.abbreviated();
            assertTrue(a.status() == 200 || a.status() == 400, where);
            assertNoLeak(a, run, where);
            if (a.status() == 400) {
                Map<String, Object> problem = problem(a, where);
                assertTrue(((String) problem.get("detail")).matches("(?s).*(line \\d+, column \\d+|UTF-8|not a CIN census"
                        + "|LEA|DOCTYPE|longer than).*"), where);
                assertEquals(before, offsets(), "a refused census reached the topic: " + where);
            } else {
                rejected(a.json(), where).forEach(r -> assertNotNull(r.get("element"), where));
            }
        }
        server.stop(0);
        Files.deleteIfExists(secret);
        assertAValidBatchIsStillAccepted();
    }

    @Test
    @Order(3)
    void aGigabyteOfEventsIsRefusedAtTheLimitWithoutBeingBuffered() throws Exception {
        byte[] line = (EventIntakeTest.referral("GIGA-1", "331", "GIGA-CHILD") + "\n").getBytes(StandardCharsets.UTF_8);
        Map<Integer, Long> before = offsets();
        for (long declared : new long[] {-1, 1L << 30}) {
            HeapWatch heap = HeapWatch.start();
            StreamingUpload.Result r = StreamingUpload.post(base, "/v1/events", "application/x-ndjson",
                    EventIntakeTest.KEY_ALL, StreamingUpload.repeating(new byte[0], line, 1L << 30), declared);
            long grown = heap.stop();
            String where = (declared < 0 ? "chunked" : "Content-Length") + ": " + r.status() + " " + r.body()
                    + " after " + r.sentWhenAnswered() + " bytes sent";
            System.out.println("1 GiB of events, " + where + "; live heap grew by at most " + (grown >> 20) + " MB");
            assertEquals(413, r.status(), where);
            assertTrue(r.head().toLowerCase().contains("content-type: application/problem+json"), r.head());
            assertTrue(r.body().contains("larger than 33554432 bytes"), where);
            // answered at the 32 MB limit (plus what sits in socket buffers), not after the whole gigabyte
            assertTrue(r.sentWhenAnswered() < 96L << 20, where);
            assertTrue(grown < HEAP_SLACK, "the server's live heap grew by " + (grown >> 20) + " MB");
        }
        assertEquals(before, offsets());
        assertAValidBatchIsStillAccepted();
    }

    @Test
    @Order(4)
    void aCensusOverTheGigabyteLimitIsRefusedWithBoundedMemoryAndNoSpoolLeft() throws Exception {
        long limit = 1L << 30;
        byte[] file = census("giga", 1);
        String text = new String(file, StandardCharsets.UTF_8);
        int children = text.indexOf("<Child>");
        byte[] prefix = text.substring(0, children).getBytes(StandardCharsets.UTF_8);
        byte[] child = text.substring(children, text.indexOf("</Children>")).getBytes(StandardCharsets.UTF_8);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long spoolsBefore = spools(tmp);
        Map<Integer, Long> before = offsets();
        // declared too large: refused before a byte of the body is read
        StreamingUpload.Result declared = StreamingUpload.post(base, "/v1/imports/cin-census", "application/xml",
                EventIntakeTest.KEY_331, StreamingUpload.repeating(prefix, child, limit + 1), limit + 1);
        System.out.println("census declared at 1 GiB + 1: " + declared.status() + " after " + declared.sentWhenAnswered()
                + " bytes sent: " + declared.body());
        assertEquals(413, declared.status(), declared.head());
        assertTrue(declared.sentWhenAnswered() < 64L << 20, "answered after " + declared.sentWhenAnswered());
        // chunked, so the size is known only by reading: spooled to disk up to the limit, never held in memory
        HeapWatch heap = HeapWatch.start();
        long t0 = System.nanoTime();
        StreamingUpload.Result r = StreamingUpload.post(base, "/v1/imports/cin-census", "application/xml",
                EventIntakeTest.KEY_331, StreamingUpload.repeating(prefix, child, limit + (64L << 20)), -1);
        long grown = heap.stop();
        String where = r.status() + " " + r.body() + " after " + r.sentWhenAnswered() + " bytes sent";
        System.out.printf("census of 1 GiB + 64 MiB, chunked: %s in %.1f s; live heap grew by at most %d MB%n", where,
                (System.nanoTime() - t0) / 1e9, grown >> 20);
        assertEquals(413, r.status(), where);
        assertTrue(r.head().toLowerCase().contains("content-type: application/problem+json"), r.head());
        assertTrue(r.sentWhenAnswered() < limit + (64L << 20), where);
        assertTrue(grown < HEAP_SLACK, "the server's live heap grew by " + (grown >> 20) + " MB");
        assertEquals(spoolsBefore, spools(tmp), "a spooled census was left behind in " + tmp);
        assertEquals(before, offsets());
        assertAValidBatchIsStillAccepted();
    }

    // --- helpers ---

    void assertAValidBatchIsStillAccepted() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<Integer, Long> before = offsets();
        Http.Answer a = Http.post(base, "/v1/events", "application/json", KEY, ("[" + EventIntakeTest.referral("AFTER-" + run,
                "331", "AFTER-CHILD-" + run) + "]").getBytes(StandardCharsets.UTF_8));
        assertEquals(202, a.status(), a.abbreviated());
        assertEquals(1, a.json().get("accepted"));
        Map<Integer, Long> after = offsets();
        assertEquals(before.values().stream().mapToLong(Long::longValue).sum() + 1,
                after.values().stream().mapToLong(Long::longValue).sum());
    }

    static Map<Integer, Long> offsets() {
        return RealInfrastructure.kafka().endOffsets(Topics.CASE_EVENTS);
    }

    static Map<String, Object> problem(Http.Answer a, String where) {
        assertTrue(a.contentType().startsWith("application/problem+json"), where + " [" + a.contentType() + "]");
        Map<String, Object> p = a.json();
        assertEquals(a.status(), p.get("status"), where);
        assertTrue(p.get("title") instanceof String t && !t.isBlank(), where);
        assertTrue(p.get("detail") instanceof String d && !d.isBlank(), where);
        return p;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> errors(Map<String, Object> problem, String where) {
        assertTrue(problem.get("errors") instanceof List, where);
        return (List<Map<String, Object>>) problem.get("errors");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rejected(Map<String, Object> summary, String where) {
        assertTrue(summary.get("rejected") instanceof List, where);
        return (List<Map<String, Object>>) summary.get("rejected");
    }

    /** No file content (local or fetched), and no identifier of the census, in anything the service answers. */
    static void assertNoLeak(Http.Answer a, String run, String where) {
        for (String leak : List.of("root:", "/bin/", "TOP-SECRET", "NETWORK-ENTITY", "SECRET-" + run, "lollol")) {
            assertFalse(a.body().contains(leak), "the answer leaks '" + leak + "': " + where);
        }
    }

    /** A small census of LA 331 whose children's ids name this run (so a leak can be searched for). */
    static byte[] census(String run, int children) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LocalDate ref = LocalDate.of(2024, 5, 1);
        try (CinCensusWriter w = new CinCensusWriter(out, Census.Header.forYear("331", 2025))) {
            IntStream.range(0, children).forEach(n -> w.write(new Census.Child("SECRET-" + run + "-" + n,
                    LocalDate.of(2012, 1, 1).plusDays(n), null, n % 2 == 0 ? "M" : "F", "WBRI",
                    List.of(new Census.CinDetails(ref.plusDays(n % 30), "1A", ref.plusDays(60 + n % 30), "RC8",
                            List.of(new Census.Assessment(ref.plusDays(n % 30 + 1), ref.plusDays(n % 30 + 20), List.of("2B"))),
                            List.of(new Census.CinPlan(ref.plusDays(n % 30 + 21), null)), List.of(),
                            List.of(new Census.CpPlan(ref.plusDays(n % 30 + 22), null, "NEG")))))));
        }
        return out.toByteArray();
    }

    static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return dtd.append("]>").toString();
    }

    /** Byte flips, a truncation, or two leaf elements swapped. */
    static byte[] mutate(byte[] file, SplittableRandom random) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        switch (random.nextInt(3)) {
            case 0 -> {
                byte[] out = file.clone();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    out[random.nextInt(out.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return out;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(file, random.nextInt(file.length));
            }
            default -> {
                Matcher m = Pattern.compile("<(\\w+)>[^<]*</\\1>").matcher(text);
                List<int[]> leaves = new ArrayList<>();
                while (m.find()) {
                    leaves.add(new int[] {m.start(), m.end()});
                }
                int[] a = leaves.get(random.nextInt(leaves.size()));
                int[] b = leaves.get(random.nextInt(leaves.size()));
                if (a[0] > b[0]) {
                    int[] t = a;
                    a = b;
                    b = t;
                }
                if (a[0] == b[0]) {
                    return file;
                }
                String swapped = text.substring(0, a[0]) + text.substring(b[0], b[1]) + text.substring(a[1], b[0])
                        + text.substring(a[0], a[1]) + text.substring(b[1]);
                return swapped.getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }

    static long spools(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("cin-census-")).count();
        }
    }

    /**
     * The live heap of this JVM (which runs the service) while a request is under way: sampled after a full
     * collection, so garbage — a streamed body makes plenty — does not count, and a buffered body would.
     */
    static final class HeapWatch {
        private final long baseline = live();
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread = new Thread(() -> {
            while (running) {
                max.accumulateAndGet(live(), Math::max);
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");

        static HeapWatch start() {
            HeapWatch w = new HeapWatch();
            w.thread.setDaemon(true);
            w.thread.start();
            return w;
        }

        /** How much more the live heap held, at most, than before. */
        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return Math.max(0, max.get() - baseline);
        }

        static long live() {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }
    }
}
