package org.cscstats.ingest.pseudonym;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.EventType;
import org.cscstats.contract.Json;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.US_ASCII);
    final Pseudonymiser p = new Pseudonymiser(KEY);

    /** HMAC-SHA-256 from RFC 2104 on a bare SHA-256, so the known answers do not come from javax.crypto.Mac. */
    static String referenceHmac(byte[] key, byte[] message) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] k = key.length > 64 ? sha.digest(key) : key;
        byte[] ipad = new byte[64];
        byte[] opad = new byte[64];
        for (int i = 0; i < 64; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        sha.update(ipad);
        byte[] inner = sha.digest(message);
        sha.update(opad);
        return HexFormat.of().formatHex(sha.digest(inner));
    }

    static String expected(String la, String value) throws Exception {
        return referenceHmac(KEY, (la + ":" + value).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void referenceHmacMatchesRfc4231() throws Exception {
        // RFC 4231 test case 6: 131-byte key, so the long-key branch is covered too
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", referenceHmac(key,
                "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void knownAnswers() throws Exception {
        assertEquals(expected("331", "C123"), p.pseudonym("331", "C123"));
        assertEquals(expected("856", "C123"), p.pseudonym("856", "C123"));
        assertEquals(expected("331", "Zoë-ünïcode"), p.pseudonym("331", "Zoë-ünïcode"));
        assertTrue(p.pseudonym("331", "x").matches("[0-9a-f]{64}"));
        assertFalse(p.pseudonym("331", "C123").equals(p.pseudonym("856", "C123")), "LA is part of the input");
        assertNull(p.pseudonym("331", null));
    }

    @Test
    void everyIdentifierIsReplacedAndNothingElse() throws Exception {
        // every field set (no type has them all): each identifier is replaced, each other field passes through
        CaseEvent raw = CaseEvent.builder().id("ID-RAW-1").type("cp-plan").la("331").childId("CHILD-RAW-2")
                .referralId("REF-RAW-3").date(LocalDate.of(2024, 1, 2)).source("mosaic").referralSource("1A")
                .child(new CaseEvent.Child(LocalDate.of(2015, 3, 4), null, "F", "WBRI")).assessmentId("ASMT-RAW-4")
                .startDate(LocalDate.of(2023, 12, 1)).factors(List.of("2B", "21")).enquiryId("ENQ-RAW-5")
                .planId("PLAN-RAW-6").action("start").category("NEG").to("early-help").reason("RC8")
                .workerId("WORKER-RAW-7").eventId("EVENT-RAW-8").build();
        CaseEvent out = p.pseudonymise(raw);
        assertEquals(CaseEvent.builder().id(expected("331", "ID-RAW-1")).type("cp-plan").la("331")
                .childId(expected("331", "CHILD-RAW-2")).referralId(expected("331", "REF-RAW-3")).date(raw.date())
                .source("mosaic").referralSource("1A").child(raw.child()).assessmentId(expected("331", "ASMT-RAW-4"))
                .startDate(raw.startDate()).factors(raw.factors()).enquiryId(expected("331", "ENQ-RAW-5"))
                .planId(expected("331", "PLAN-RAW-6")).action("start").category("NEG").to("early-help").reason("RC8")
                .workerId(expected("331", "WORKER-RAW-7")).eventId(expected("331", "EVENT-RAW-8")).build(), out);
        String json = Json.mapper().writeValueAsString(out);
        assertFalse(json.contains("RAW"), json);
        for (String raw2 : List.of("ID-RAW-1", "CHILD-RAW-2", "REF-RAW-3", "ASMT-RAW-4", "ENQ-RAW-5", "PLAN-RAW-6",
                "WORKER-RAW-7", "EVENT-RAW-8")) {
            assertFalse(json.contains(raw2));
        }
        assertTrue(json.contains("\"2015-03-04\"") && json.contains("\"WBRI\""), "dates and codes pass through");
    }

    @Test
    void aRetractionStillFindsItsTarget() {
        CaseEvent target = event("E1", "closure", null);
        CaseEvent retraction = event("E2", "retraction", "E1");
        assertEquals(p.pseudonymise(target).id(), p.pseudonymise(retraction).eventId());
    }

    static CaseEvent event(String id, String type, String eventId) {
        return CaseEvent.builder().id(id).type(type).la("331").childId("C1").date(LocalDate.of(2024, 1, 1))
                .eventId(eventId).build();
    }

    @Test
    void keyMustBeConfiguredAndLongEnough() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new Pseudonymiser(null));
        assertTrue(missing.getMessage().contains("not configured"));
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.fromConfig(""));
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.fromConfig(null));
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> Pseudonymiser.fromConfig("secret-but-31-bytes-long-......"));
        assertTrue(shortKey.getMessage().contains("31 bytes"), shortKey.getMessage());
        assertFalse(shortKey.getMessage().contains("secret"), "never echo the key");
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.fromConfig("base64:" + "A".repeat(40)));
        IllegalArgumentException badB64 = assertThrows(IllegalArgumentException.class,
                () -> Pseudonymiser.fromConfig("base64:not*base64"));
        assertFalse(badB64.getMessage().contains("not*base64"));
    }

    @Test
    void encodedKeys() throws Exception {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (i * 7);
        }
        String want = referenceHmac(key, "331:C1".getBytes(StandardCharsets.UTF_8));
        assertEquals(want, Pseudonymiser.fromConfig("base64:" + Base64.getEncoder().encodeToString(key)).pseudonym("331", "C1"));
        assertEquals(want, Pseudonymiser.fromConfig("hex:" + HexFormat.of().formatHex(key)).pseudonym("331", "C1"));
        byte[] text = "a-plain-text-key-of-32-characters".getBytes(StandardCharsets.UTF_8);
        assertEquals(referenceHmac(text, "331:C1".getBytes(StandardCharsets.UTF_8)),
                Pseudonymiser.fromConfig("a-plain-text-key-of-32-characters").pseudonym("331", "C1"));
    }

    /** Its speed is measured by IntakeCpuBenchmark (a main), not here: a test cannot hold a machine's speed to a figure. */
    @Test
    void threadSafe() throws Exception {
        List<CaseEvent> events = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            events.add(event("E" + i, "closure", null));
        }
        List<CaseEvent> sequential = p.pseudonymiseAll(events);
        List<CaseEvent> parallel = IntStream.range(0, events.size()).parallel()
                .mapToObj(i -> p.pseudonymise(events.get(i))).toList();
        assertEquals(sequential, parallel);
        assertEquals(expected("331", "E99999"), parallel.get(99_999).id());
    }

    @Test
    void jsonHasNoRawIdentifierFromAnyTypeOfEvent() throws Exception {
        ObjectMapper m = Json.mapper();
        CaseEvent allocation = CaseEvent.builder().id("ALLOC-ID").type(EventType.ALLOCATION).la("856").childId("KID")
                .date(LocalDate.of(2024, 1, 1)).action("allocate").workerId("SW-42").build();
        String json = m.writeValueAsString(p.pseudonymise(allocation));
        assertFalse(json.contains("ALLOC-ID") || json.contains("KID") || json.contains("SW-42"), json);
    }
}
