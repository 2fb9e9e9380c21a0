package org.cscstats.ingest.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchValidatorTest {
    final BatchValidator batch = new BatchValidator(new EventValidator(EventValidatorTest.CLOCK));

    static String ev(String id, String date) {
        return "{\"id\":\"" + id + "\",\"type\":\"closure\",\"la\":\"331\",\"childId\":\"C1\",\"referralId\":\"R1\","
                + "\"date\":\"" + date + "\",\"reason\":\"RC8\"}";
    }

    static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static List<Integer> indexes(BatchResult r) {
        return r.errors().stream().map(ValidationError::index).toList();
    }

    @Test
    void arrayErrorsCarryTheirPosition() throws IOException {
        String body = "[" + ev("a", "2024-01-01") + "," + ev("b", "2024-02-30") + "," + ev("c", "2024-01-03") + ","
                + ev("d", "2999-01-01") + "]";
        BatchResult r = batch.validateJson(in(body));
        assertFalse(r.valid());
        assertEquals(List.of(1, 3), indexes(r));
        assertEquals(List.of("date", "date"), r.errors().stream().map(ValidationError::field).toList());
        assertEquals(4, r.received());
        assertEquals(2, r.events().size(), "valid events are still listed");
        assertEquals(indexes(r), indexes(batch.validate(EventValidatorTest.M.readTree(body))), "tree and stream agree");
    }

    @Test
    void singleObjectBody() throws IOException {
        BatchResult r = batch.validateJson(in(ev("a", "2024-01-01")));
        assertTrue(r.valid());
        assertEquals(1, r.events().size());
    }

    @Test
    void ndjsonIndexIsTheLineAndAMalformedLineIsAnError() throws IOException {
        String body = ev("a", "2024-01-01") + "\n"
                + "{\"id\": \"b\", oops}\n"
                + "\n"
                + ev("c", "2024-02-30") + "\r\n"
                + ev("d", "2024-01-04") + "\n";
        BatchResult r = batch.validateNdjson(in(body));
        assertEquals(List.of(1, 3), indexes(r));
        assertEquals("", r.errors().get(0).field());
        assertTrue(r.errors().get(0).message().startsWith("malformed JSON"));
        assertEquals(List.of("a", "d"), r.events().stream().map(e -> e.id()).toList());
        assertEquals(4, r.received(), "the blank line is not an event");
    }

    @Test
    void twoValuesOnOneLineAreMalformed() throws IOException {
        BatchResult r = batch.validateNdjson(in(ev("a", "2024-01-01") + " " + ev("b", "2024-01-01") + "\n"));
        assertEquals(List.of(0), indexes(r));
    }

    @Test
    void duplicateKeysAreMalformed() throws IOException {
        String dup = ev("a", "2024-01-01").replace("\"reason\":\"RC8\"", "\"reason\":\"RC8\",\"reason\":\"RC9\"");
        assertEquals(List.of(0), indexes(batch.validateNdjson(in(dup))));
        assertEquals(List.of(0), indexes(batch.validateJson(in("[" + dup + "]"))));
    }

    @Test
    void identicalRepeatIsADuplicateDifferentContentAConflict() throws IOException {
        String body = ev("a", "2024-01-01") + "\n" + ev("a", "2024-01-01") + "\n" + ev("b", "2024-01-01") + "\n";
        BatchResult r = batch.validateNdjson(in(body));
        assertTrue(r.valid());
        assertEquals(2, r.events().size());
        assertEquals(1, r.duplicates());
        assertEquals(r.received(), r.events().size() + r.duplicates());

        // same id, other child: not a repeat
        String otherChild = ev("a", "2024-01-01").replace("\"C1\"", "\"C2\"");
        assertEquals(0, batch.validateNdjson(in(ev("a", "2024-01-01") + "\n" + otherChild)).duplicates());

        BatchResult conflict = batch.validateNdjson(in(ev("a", "2024-01-01") + "\n" + ev("a", "2024-01-02")));
        assertEquals(List.of(new ValidationError(1, "id",
                "conflicting repeat: the event at index 0 has the same la, childId and id but different content")),
                conflict.errors());
    }

    @Test
    void fieldOrderDoesNotMakeADifference() throws IOException {
        String reordered = "{\"reason\":\"RC8\",\"date\":\"2024-01-01\",\"referralId\":\"R1\",\"childId\":\"C1\","
                + "\"la\":\"331\",\"type\":\"closure\",\"id\":\"a\"}";
        BatchResult r = batch.validateJson(in("[" + ev("a", "2024-01-01") + "," + reordered + "]"));
        assertTrue(r.valid());
        assertEquals(1, r.duplicates());
    }

    @Test
    void tooManyEvents() throws IOException {
        BatchValidator small = new BatchValidator(new EventValidator(EventValidatorTest.CLOCK), 2);
        String three = ev("a", "2024-01-01") + "\n" + ev("b", "2024-01-01") + "\n" + ev("c", "2024-01-01") + "\n";
        BatchResult r = small.validateNdjson(in(three));
        assertTrue(r.tooMany());
        assertEquals(List.of(2), indexes(r));
        BatchResult a = small.validateJson(in("[" + three.strip().replace("\n", ",") + "]"));
        assertTrue(a.tooMany());
        assertEquals(2, a.received());
    }

    @Test
    void malformedBodies() throws IOException {
        assertEquals(List.of(0), indexes(batch.validateJson(in(""))));
        assertEquals(List.of(0), indexes(batch.validateJson(in("42"))));
        assertEquals(List.of(1), indexes(batch.validateJson(in("[" + ev("a", "2024-01-01") + ",{\"id\":"))));
        assertEquals(List.of(1), indexes(batch.validateJson(in("[" + ev("a", "2024-01-01") + "] []"))));
        assertEquals(List.of(0), indexes(batch.validateJson(in("[1]"))));
    }

    @Test
    void invalidUtf8InNdjson() throws IOException {
        byte[] good = (ev("a", "2024-01-01") + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[good.length + 3];
        System.arraycopy(good, 0, body, 0, good.length);
        body[good.length] = (byte) 0xC3;
        body[good.length + 1] = (byte) 0x28;
        body[good.length + 2] = '\n';
        BatchResult r = batch.validateNdjson(new ByteArrayInputStream(body));
        assertEquals(List.of(new ValidationError(1, "", "not valid UTF-8")), r.errors());
    }

    @Test
    void jsonMustBeStrictUtf8() throws IOException {
        // Jackson's byte parser decodes these without complaint: an identifier would be published changed
        String e = ev("a", "2024-01-01");
        int at = e.indexOf("C1");
        byte[][] bad = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xC3}};
        for (byte[] b : bad) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes(("[" + e + "," + e.substring(0, at)).getBytes(StandardCharsets.UTF_8));
            body.writeBytes(b);
            body.writeBytes((e.substring(at) + "]").getBytes(StandardCharsets.UTF_8));
            BatchResult r = batch.validateJson(new ByteArrayInputStream(body.toByteArray()));
            assertEquals(List.of(1), indexes(r), r.errors().toString());
            // the ones Jackson would decode are caught here; the others Jackson reports itself
            assertTrue(r.errors().get(0).message().matches("not valid UTF-8 at byte \\d+|malformed JSON at line 1, column \\d+"),
                    r.errors().toString());
        }
        // well-formed multi-byte text still passes (and is then judged by the event rules)
        BatchResult ok = batch.validateJson(in(e.replace("C1", "Zo\u00eb-\\u00e9-\u20ac-\uD83D\uDE00")));
        assertTrue(ok.valid(), ok.errors().toString());
    }

    @Test
    void parserLimitsNameTheLimitAndWhere() throws IOException {
        String deep = "[" + "[".repeat(2_000) + "]".repeat(2_000) + "]";
        BatchResult r = batch.validateJson(in(deep));
        assertEquals(List.of(0), indexes(r));
        assertTrue(r.errors().get(0).message().matches("JSON beyond the parser's limits: .*nesting depth.* at line 1, column \\d+"),
                r.errors().get(0).message());
    }

    @Test
    void controlCharactersAreRefusedInText() throws IOException {
        for (String bad : List.of("\\u0000", "\\u001b", "\\u007f", "\\ud800", "x\\udc00")) {
            BatchResult r = batch.validateJson(in(ev("a", "2024-01-01").replace("C1", "C" + bad)));
            assertEquals(List.of(new ValidationError(0, "childId", "must not contain control characters or unpaired surrogates")),
                    r.errors());
        }
    }
}
