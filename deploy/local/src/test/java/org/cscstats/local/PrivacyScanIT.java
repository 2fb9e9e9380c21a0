package org.cscstats.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.cscstats.contract.Topics;
import org.cscstats.infra.LocalPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Raw identifiers never leave the ingest service (docs/events.md › Envelope: childId "never leaves ingest in clear";
 * › Pseudonyms: every identifier field is replaced by an HMAC pseudonym). Events whose every identifier carries a marker
 * no pseudonym, code or label can contain are sent through the ingest API, counted and released; then everything
 * the system keeps is read back in full — every record of every Kafka topic, every row of every table of every
 * PostgreSQL database, every log file — and the marker must appear nowhere. Birth dates are needed for ages, so they
 * may be on case-events and in the stats database, but nowhere downstream of counting and never in a log.
 */
class PrivacyScanIT {
    @RegisterExtension
    static final LocalSystemExtension LOCAL = new LocalSystemExtension("cscstats-privacy-");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** In every raw identifier sent; not hex, so no pseudonym can contain it, and no code list or label does. */
    private static final String MARK = "ZQXRAW";
    private static final String LA = "331";
    private static final Set<String> BIRTH_DATES_ALLOWED_ON_TOPICS = Set.of(Topics.CASE_EVENTS);
    private static final Set<String> BIRTH_DATES_ALLOWED_IN_DATABASES = Set.of("stats");
    private static LocalSystem system;

    /** Every raw identifier value sent (all contain MARK). */
    private static final Set<String> rawIds = new TreeSet<>();
    /** Every birth (birthDate or expectedBirthDate) sent; no event date equals any of them. */
    private static final List<String> births = List.of("2010-07-19", "2011-03-08", "2012-10-26", "2013-05-14",
            "2015-08-21", "2024-02-11");

    @BeforeAll
    static void start() {
        system = LOCAL.system();
    }

    @Test
    void rawIdentifiersAppearNowhereAndBirthDatesOnlyOnCaseEventsAndInStats() throws Exception {
        // -- 1. rejected requests: what comes back to the sender, and (below) what is logged
        String rejectedOkChild = MARK + "-rejected-ok-child";
        String rejectedBadChild = MARK + "-rejected-bad-child";
        String invalidBatch = "[" + event("referral", MARK + "-rejected-ok-ev", rejectedOkChild, MARK + "-rejected-ok-ref",
                "2023-06-01", "\"referralSource\":\"2A\",\"child\":{\"birthDate\":\"" + births.get(0) + "\"}")
                + "," + event("referral", MARK + "-rejected-bad-ev", rejectedBadChild, MARK + "-rejected-bad-ref",
                "2023-06-01", "\"referralSource\":\"2A\",\"child\":{\"birthDate\":\"" + births.get(1)
                        + "\",\"ethnicity\":\"NOT-A-CODE\"}") + "]";
        rawIds.addAll(List.of(rejectedOkChild, rejectedBadChild, MARK + "-rejected-ok-ev", MARK + "-rejected-ok-ref",
                MARK + "-rejected-bad-ev", MARK + "-rejected-bad-ref"));
        HttpResponse<String> rejected = SpineIT.post(system.ingest().url() + "/v1/events", invalidBatch,
                "application/json", LocalSystem.INGEST_KEY);
        assertEquals(400, rejected.statusCode(), rejected.body());
        JsonNode problem = JSON.readTree(rejected.body());
        // the error names the position and field (docs/api.md › POST /v1/events), so the sender can fix it without the value being echoed
        assertEquals(1, problem.get("errors").size(), rejected.body());
        assertEquals(1, problem.get("errors").get(0).get("index").asInt());
        assertEquals("child.ethnicity", problem.get("errors").get(0).get("field").asText());
        assertNoMark("the 400 response to an invalid event", rejected.body());
        assertFalse(rejected.body().contains(births.get(1)), "the 400 response echoes a birth date: " + rejected.body());

        // not even well-formed JSON: a parser's message must not quote the sender's bytes back either
        String malformedChild = MARK + "-malformed-child";
        rawIds.add(malformedChild);
        HttpResponse<String> malformed = SpineIT.post(system.ingest().url() + "/v1/events",
                "{\"id\":\"x1\",\"type\":\"referral\",\"la\":\"331\",\"childId\":" + malformedChild + "}",
                "application/json", LocalSystem.INGEST_KEY);
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertNoMark("the 400 response to malformed JSON", malformed.body());

        // -- 2. full case histories, every identifier field raw and marked
        String ndjson = histories();
        HttpResponse<String> posted = SpineIT.post(system.ingest().url() + "/v1/events", ndjson, "application/x-ndjson",
                LocalSystem.INGEST_KEY);
        assertEquals(202, posted.statusCode(), posted.body());
        long sent = ndjson.lines().count();
        assertEquals(sent, JSON.readTree(posted.body()).get("accepted").asLong(), posted.body());
        system.awaitCounted(Duration.ofSeconds(120));
        String release = makeRelease();
        // counted: one state per child of the accepted histories (none of the rejected batch) ...
        try (Connection stats = connect("stats");
             ResultSet rs = stats.createStatement().executeQuery("SELECT count(*) FROM child_state")) {
            rs.next();
            assertEquals(births.size(), rs.getInt(1), "children counted");
        }
        // ... and released (the 2023/24 referrals may be withheld: six children, six ethnicities)
        JsonNode byYear = SpineIT.getJson(system.suppression().url() + "/v1/las/" + LA + "/tables/referrals-by-year?release=" + release);
        JsonNode referrals = SpineIT.cellInColumn(byYear, "2023/24");
        assertTrue(referrals != null && (referrals.path("value").asInt(-1) == births.size()
                || referrals.path("suppressed").asBoolean()), "the histories' referrals in the release: " + referrals);

        // -- 3. scan everything
        List<String> leaks = new ArrayList<>();
        Map<String, Integer> birthSightings = new TreeMap<>();
        Map<String, Integer> pseudonymSightings = new TreeMap<>();
        String childPseudonym = pseudonym(MARK + "-child-0");
        String rejectedPseudonym = pseudonym(rejectedOkChild);
        BiConsumer<String, String> scanner = (where, text) -> {
            if (text.toUpperCase(Locale.ROOT).contains(MARK)) {
                leaks.add("raw identifier in " + where + ": " + around(text, text.toUpperCase(Locale.ROOT).indexOf(MARK)));
            }
            for (String b : births) {
                if (text.contains(b)) {
                    birthSightings.merge(area(where), 1, Integer::sum);
                    if (!birthAllowed(where)) {
                        leaks.add("birth date " + b + " in " + where + ": " + around(text, text.indexOf(b)));
                    }
                }
            }
            if (text.contains(childPseudonym)) {
                pseudonymSightings.merge(area(where), 1, Integer::sum);
            }
            if (text.contains(rejectedPseudonym)) {
                leaks.add("an event of a rejected batch was published (" + where + ")");
            }
        };
        Map<String, Long> recordsPerTopic = scanKafka(scanner);
        Map<String, Long> rowsPerDatabase = scanPostgres(scanner);
        Map<String, Long> logBytes = scanLogs(scanner);
        System.out.println("[PrivacyScanIT] " + rawIds.size() + " raw identifiers sent; scanned Kafka records " + recordsPerTopic + ", PostgreSQL rows "
                + rowsPerDatabase + ", log bytes " + logBytes + "; birth dates seen in " + birthSightings
                + "; child-0's pseudonym seen in " + pseudonymSightings);

        assertEquals(List.of(), leaks);
        // the scan saw the data it had to see: otherwise "nothing found" would prove nothing
        assertTrue(recordsPerTopic.getOrDefault(Topics.CASE_EVENTS, 0L) >= sent, "case-events read: " + recordsPerTopic);
        assertTrue(recordsPerTopic.getOrDefault(Topics.CUBES, 0L) > 0, "cubes read: " + recordsPerTopic);
        assertTrue(recordsPerTopic.containsKey(Topics.CASE_EVENTS_DEAD_LETTER), "dead letters listed: " + recordsPerTopic);
        assertTrue(rowsPerDatabase.getOrDefault("stats", 0L) > 0 && rowsPerDatabase.getOrDefault("suppression", 0L) > 0,
                "both service databases read: " + rowsPerDatabase);
        assertTrue(logBytes.keySet().containsAll(Set.of("ingest-service.log", "stats-service.log", "suppression-service.log")),
                "every service log read: " + logBytes);
        assertTrue(pseudonymSightings.containsKey("topic " + Topics.CASE_EVENTS)
                && pseudonymSightings.containsKey("database stats"), "the pseudonyms are where the raw ids were: " + pseudonymSightings);
        assertTrue(birthSightings.containsKey("topic " + Topics.CASE_EVENTS) && birthSightings.containsKey("database stats"),
                "birth dates reach counting: " + birthSightings);
    }

    // ------------------------------------------------------------------------------------------------------------
    // The events

    /**
     * Six children, each with every event type (one unborn, with an expected birth date); every identifier field —
     * id, childId, referralId, assessmentId (both kinds), enquiryId, planId (both kinds), workerId, eventId — is a raw
     * marked value.
     */
    private static String histories() {
        StringBuilder b = new StringBuilder();
        String[] ethnicities = {"WBRI", "BAFR", "APKN", "WIRI", "CHNE", "MWBC"};
        for (int c = 0; c < births.size(); c++) {
            String child = id("child", c);
            String ref = id("referral", c);
            boolean unborn = c == births.size() - 1;
            String birth = (unborn ? "\"expectedBirthDate\":\"" : "\"birthDate\":\"") + births.get(c) + "\"";
            String d = String.format("%02d", c + 1); // day of month: no event date equals a birth date
            String referralDate = unborn ? "2023-12-" + d : "2023-06-" + d;
            b.append(event("referral", id("ev-referral", c), child, ref, referralDate,
                    "\"referralSource\":\"2A\",\"child\":{" + birth + ",\"sex\":\"F\",\"ethnicity\":\"" + ethnicities[c] + "\"}"));
            b.append(event("child-details", id("ev-details", c), child, null, "2023-12-" + String.format("%02d", c + 10),
                    "\"child\":{" + birth + ",\"sex\":\"F\",\"ethnicity\":\"" + ethnicities[(c + 1) % 6] + "\"}"));
            b.append(event("early-help-assessment", id("ev-eha", c), child, null, "2023-05-" + d,
                    "\"assessmentId\":\"" + id("eh-assessment", c) + "\",\"child\":{" + birth + "}"));
            b.append(event("allocation", id("ev-allocate", c), child, null, "2023-12-" + String.format("%02d", c + 20),
                    "\"workerId\":\"" + id("worker", c % 2) + "\",\"action\":\"allocate\""));
            b.append(event("assessment", id("ev-assessment", c), child, ref, "2024-01-" + d,
                    "\"assessmentId\":\"" + id("assessment", c) + "\",\"startDate\":\"2023-12-" + String.format("%02d", c + 20)
                            + "\",\"factors\":[\"2A\",\"3B\"]"));
            b.append(event("strategy-discussion", id("ev-strategy", c), child, ref, "2024-01-" + String.format("%02d", c + 10), ""));
            b.append(event("section47", id("ev-s47", c), child, ref, "2024-01-" + String.format("%02d", c + 12),
                    "\"enquiryId\":\"" + id("enquiry", c) + "\""));
            b.append(event("cin-plan", id("ev-cin-start", c), child, ref, "2024-01-" + String.format("%02d", c + 20),
                    "\"planId\":\"" + id("cin-plan", c) + "\",\"action\":\"start\""));
            b.append(event("cp-plan", id("ev-cp-start", c), child, ref, "2024-02-" + String.format("%02d", c + 1),
                    "\"planId\":\"" + id("cp-plan", c) + "\",\"action\":\"start\",\"category\":\"NEG\""));
            b.append(event("cp-plan", id("ev-cp-end", c), child, ref, "2024-03-" + String.format("%02d", c + 1),
                    "\"planId\":\"" + id("cp-plan", c) + "\",\"action\":\"end\""));
            b.append(event("cin-plan", id("ev-cin-end", c), child, ref, "2024-03-" + String.format("%02d", c + 10),
                    "\"planId\":\"" + id("cin-plan", c) + "\",\"action\":\"end\""));
            if (c % 2 == 0) {
                b.append(event("step-down", id("ev-step-down", c), child, ref, "2024-03-" + String.format("%02d", c + 20),
                        "\"to\":\"early-help\""));
            }
            b.append(event("closure", id("ev-closure", c), child, ref, "2024-03-" + String.format("%02d", c + 22),
                    "\"reason\":\"RC7\""));
            b.append(event("allocation", id("ev-unallocate", c), child, null, "2024-03-" + String.format("%02d", c + 22),
                    "\"workerId\":\"" + id("worker", c % 2) + "\",\"action\":\"unallocate\""));
            // recorded in error: the strategy discussion is withdrawn (eventId is the raw id of that event)
            b.append(event("retraction", id("ev-retraction", c), child, null, "2024-03-28",
                    "\"eventId\":\"" + id("ev-strategy", c) + "\""));
        }
        return b.toString();
    }

    private static String id(String kind, int n) {
        String id = MARK + "-" + kind + "-" + n;
        rawIds.add(id);
        return id;
    }

    private static String event(String type, String id, String child, String referral, String date, String extra) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"la\":\"" + LA + "\",\"childId\":\"" + child + "\""
                + (referral == null ? "" : ",\"referralId\":\"" + referral + "\"")
                + ",\"date\":\"" + date + "\",\"source\":\"privacy-scan\"" + (extra.isEmpty() ? "" : "," + extra) + "}\n";
    }

    private static String makeRelease() throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        HttpResponse<String> made = null;
        while (Instant.now().isBefore(deadline)) {
            made = SpineIT.post(system.suppression().url() + "/v1/las/" + LA + "/releases", "", "application/json",
                    LocalSystem.OPERATOR_KEY);
            if (made.statusCode() == 201) {
                return JSON.readTree(made.body()).get("id").asText();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no release made: " + (made == null ? "" : made.statusCode() + " " + made.body()));
    }

    /** docs/events.md › Pseudonyms: HMAC-SHA-256(key, la + ":" + value), lowercase hex, with the local run's key. */
    private static String pseudonym(String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(LocalSystem.LOCAL_PSEUDONYM_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((LA + ":" + value).getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------------------------------------------------
    // The scans: each hands (where, text) to the scanner

    /** Every record (key, value, headers) of every topic the broker has, internal ones included. */
    private static Map<String, Long> scanKafka(BiConsumer<String, String> scanner) throws Exception {
        String bootstrap = system.kafka().bootstrapServers();
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            topics = new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get());
        }
        assertTrue(topics.containsAll(Set.of(Topics.CASE_EVENTS, Topics.CASE_EVENTS_DEAD_LETTER, Topics.CUBES)), "topics: " + topics);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        Map<String, Long> counts = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            for (String topic : topics) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(i -> new TopicPartition(topic, i.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long n = 0;
                Instant deadline = Instant.now().plusSeconds(60);
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                    assertTrue(Instant.now().isBefore(deadline), "could not read " + topic + " to its end");
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                        String where = "topic " + topic + " (partition " + r.partition() + ", offset " + r.offset() + ")";
                        StringBuilder text = new StringBuilder();
                        text.append(bytes(r.key())).append('\n').append(bytes(r.value()));
                        for (Header h : r.headers()) {
                            text.append('\n').append(h.key()).append('=').append(bytes(h.value()));
                        }
                        scanner.accept(where, text.toString());
                        n++;
                    }
                }
                counts.put(topic, n);
            }
        }
        return counts;
    }

    /** Every row of every table of every database on the server, each column as text. */
    private static Map<String, Long> scanPostgres(BiConsumer<String, String> scanner) throws Exception {
        List<String> databases = new ArrayList<>();
        try (Connection c = connect("postgres");
             ResultSet rs = c.createStatement().executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY 1")) {
            while (rs.next()) {
                databases.add(rs.getString(1));
            }
        }
        assertTrue(databases.containsAll(List.of("stats", "suppression")), "databases: " + databases);
        Map<String, Long> rows = new TreeMap<>();
        for (String db : databases) {
            long n = 0;
            try (Connection c = connect(db)) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT quote_ident(table_schema) || '.' || "
                        + "quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                        + "AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
                        ResultSetMetaData md = rs.getMetaData();
                        while (rs.next()) {
                            StringBuilder text = new StringBuilder();
                            for (int i = 1; i <= md.getColumnCount(); i++) {
                                int type = md.getColumnType(i);
                                text.append(md.getColumnName(i)).append('=');
                                if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
                                    text.append(bytes(rs.getBytes(i)));
                                } else {
                                    text.append(rs.getString(i));
                                }
                                text.append('\n');
                            }
                            scanner.accept("database " + db + " (table " + table + ")", text.toString());
                            n++;
                        }
                    }
                }
            }
            rows.put(db, n);
        }
        return rows;
    }

    /** Every file under the system's log directory, as the services wrote it (their default INFO level). */
    private static Map<String, Long> scanLogs(BiConsumer<String, String> scanner) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(LOCAL.logs())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(f);
                scanner.accept("log " + LOCAL.logs().relativize(f), bytes(content));
                sizes.put(LOCAL.logs().relativize(f).toString(), (long) content.length);
            }
        }
        return sizes;
    }

    private static Connection connect(String db) throws Exception {
        return DriverManager.getConnection(system.postgres().jdbcUrl(db), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }

    /** Bytes as text, one char per byte (ASCII markers survive whatever the encoding); gzip is opened first. */
    private static String bytes(byte[] b) {
        if (b == null) {
            return "";
        }
        if (b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
                b = in.readAllBytes();
            } catch (IOException e) {
                // not gzip after all: scan as is
            }
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void assertNoMark(String what, String text) {
        int at = text.toUpperCase(Locale.ROOT).indexOf(MARK);
        assertTrue(at < 0, what + " echoes a raw identifier: " + around(text, at));
    }

    /** "topic case-events (partition 3, offset 7)" → "topic case-events". */
    private static String area(String where) {
        int paren = where.indexOf(" (");
        return paren < 0 ? where : where.substring(0, paren);
    }

    private static boolean birthAllowed(String where) {
        String area = area(where);
        return area.startsWith("topic ") && BIRTH_DATES_ALLOWED_ON_TOPICS.contains(area.substring(6))
                || area.startsWith("database ") && BIRTH_DATES_ALLOWED_IN_DATABASES.contains(area.substring(9));
    }

    private static String around(String text, int at) {
        if (at < 0) {
            return "";
        }
        return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80)).replaceAll("\\s+", " ");
    }
}
