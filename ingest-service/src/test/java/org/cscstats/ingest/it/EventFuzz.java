package org.cscstats.ingest.it;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Hostile bodies for {@code POST /v1/events}, generated from a seed: each with what the answer must say. Every
 * case is invalid as a whole, so none may publish anything.
 */
final class EventFuzz {
    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";

    /**
     * @param status the expected status
     * @param index  if not null: every error of the 400 names this event (array index or NDJSON line)
     * @param field  if not null: an error at {@code index} names this field (or one under it, for "child")
     * @param says   if not null: the problem's detail or an error message contains this
     */
    record Case(String name, String contentType, byte[] body, int status, Integer index, String field, String says) {
        @Override
        public String toString() {
            return name + " (" + body.length + " bytes, " + contentType + ")";
        }
    }

    private final SplittableRandom random;
    private int serial;

    EventFuzz(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A valid referral whose ids are unique to this run, so a leak onto the topic could be found. */
    String valid() {
        serial++;
        return EventIntakeTest.referral("FUZZ-" + serial, "331", "FUZZ-CHILD-" + serial);
    }

    /** Up to {@code n} cases of every kind, shuffled. */
    List<Case> cases(int n) {
        List<IntFunction<Case>> kinds = List.of(this::truncated, this::structurallyBroken, this::wrongType,
                this::badDate, this::unknownField, this::controlCharacter, this::badNdjson, this::invalidUtf8,
                this::nested, this::oddBody);
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(kinds.get(i % kinds.size()).apply(i));
        }
        out.addAll(fixed());
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Case t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    /** A JSON array of {@code size} valid events with {@code bad} at {@code at}. */
    private String array(int size, int at, String bad) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : ",").append(i == at ? bad : valid());
        }
        return b.append(']').toString();
    }

    /** A valid event with one field replaced (or added) by raw JSON. */
    private String withField(String field, String rawJson) {
        String e = valid();
        String key = "\"" + field + "\":";
        int at = e.indexOf(key);
        if (at < 0) {
            return e.substring(0, e.length() - 1) + "," + key + rawJson + "}";
        }
        int start = at + key.length();
        // the referral's fields are strings, except child, an object without nested objects
        int end = e.charAt(start) == '{' ? e.indexOf('}', start) + 1 : e.indexOf('"', start + 1) + 1;
        return e.substring(0, start) + rawJson + e.substring(end);
    }

    private Case fieldCase(String name, String field, String rawJson, String says) {
        int size = 1 + random.nextInt(5);
        int at = random.nextInt(size);
        return new Case(name, JSON, bytes(array(size, at, withField(field, rawJson))), 400, at, field, says);
    }

    private Case truncated(int i) {
        String body = array(1 + random.nextInt(4), -1, null);
        int cut = 1 + random.nextInt(body.length() - 1); // at least one byte kept, the closing ']' always lost
        return new Case("truncated at " + cut, JSON, bytes(body.substring(0, cut)), 400, null, null, null);
    }

    private Case structurallyBroken(int i) {
        String body = array(1 + random.nextInt(4), -1, null);
        // structural characters only: none of the generated values contains them
        List<Integer> structural = new ArrayList<>();
        for (int k = 0; k < body.length(); k++) {
            if ("{}[]:,\"".indexOf(body.charAt(k)) >= 0) {
                structural.add(k);
            }
        }
        int k = structural.get(random.nextInt(structural.size()));
        String junk = List.of("#", ";", ")", "=", "\\", "'", " ", "\u0000", "{", "[").get(random.nextInt(10));
        if (junk.equals(" ") && body.charAt(k) == '"') {
            junk = "#"; // removing a quote may leave valid JSON
        }
        if ((junk.equals("{") || junk.equals("[")) && "{[".indexOf(body.charAt(k)) >= 0) {
            junk = "#";
        }
        String broken = body.substring(0, k) + junk + body.substring(k + 1);
        return new Case("'" + body.charAt(k) + "' at " + k + " replaced", JSON, bytes(broken), 400, null, null,
                "malformed JSON at line");
    }

    private Case wrongType(int i) {
        String[][] wrong = {{"id", "123"}, {"id", "true"}, {"id", "{}"}, {"la", "331"}, {"la", "[\"331\"]"},
                {"childId", "null"}, {"date", "20240501"}, {"date", "[2024,5,1]"}, {"child", "\"M\""},
                {"child", "[]"}, {"referralSource", "2"}, {"type", "42"}, {"type", "{\"referral\":1}"},
                {"source", "1.5e308"}, {"referralId", "false"}, {"la", "1e999999"}};
        String[] w = wrong[random.nextInt(wrong.length)];
        if (w[0].equals("childId")) {
            return fieldCase("childId null", "childId", "null", "required");
        }
        if (w[1].equals("1e999999")) {
            // a number too long for the parser's limits is not even read: still named by position
            String digits = "9".repeat(5000);
            int size = 1 + random.nextInt(3);
            return new Case("a 5000-digit la", JSON, bytes(array(size, 0, withField("la", digits))), 400, 0, null,
                    "Number value length");
        }
        return fieldCase(w[0] + " as " + w[1], w[0], w[1], null);
    }

    private Case badDate(int i) {
        String tomorrow = LocalDate.now().plusDays(2).toString();
        String[] dates = {"2024-02-30", "2023-02-29", "0000-01-01", "1899-12-31", "+999999999-12-31", "99999-01-01",
                "2024-13-01", "2024-00-10", "2024-5-1", "", " 2024-05-01", "2024-05-01T00:00:00Z", "\uFF12\uFF10\uFF12\uFF14-05-01",
                "2024-05-01\\u0000", "9999-12-31", tomorrow, "-2024-05-01", "2024/05/01", "01-05-2024", "null-05-01"};
        String d = dates[random.nextInt(dates.length)];
        String field = random.nextBoolean() ? "date" : "child";
        if (field.equals("child")) {
            return fieldCase("birthDate " + d, "child", "{\"birthDate\":\"" + d + "\",\"sex\":\"F\"}", null);
        }
        return fieldCase("date " + d, "date", "\"" + d + "\"", null);
    }

    private Case unknownField(int i) {
        String[] names = {"Id", "childid", "__proto__", "constructor", "", " id", "id ", "x".repeat(1_000), "x".repeat(100_000),
                "\\u0000", "child.sex", "$where", "ｉｄ", "référence"};
        String name = names[random.nextInt(names.length)];
        int size = 1 + random.nextInt(4);
        int at = random.nextInt(size);
        String e = valid();
        String bad = e.substring(0, e.length() - 1) + ",\"" + name + "\":\"x\"}";
        // the name is echoed as the field (capped at 64 characters), so only the message is checked; past the
        // parser's limit for names (50,000) it is not even read
        return new Case("unknown field '" + abbreviate(name) + "'", JSON, bytes(array(size, at, bad)), 400, at,
                null, name.length() > 50_000 ? "Name length" : "unknown field");
    }

    private Case controlCharacter(int i) {
        String[] fields = {"id", "childId", "referralId", "source"};
        String field = fields[random.nextInt(fields.length)];
        String[] controls = {"\\u0000", "\\u0007", "\\u001b[31m", "\\u007f", "\\ud800", "\\udfff", "a\\nb", "\\r"};
        String c = controls[random.nextInt(controls.length)];
        return fieldCase(field + " with " + c, field, "\"X" + c + "Y\"", "control characters");
    }

    private Case badNdjson(int i) {
        int lines = 2 + random.nextInt(8);
        int badLine = random.nextInt(lines);
        StringBuilder b = new StringBuilder();
        String[] bad = {"{", "not json", "[]", "42", "{\"id\":\"x\"} trailing", valid() + valid(), "\"a string\"",
                "{\"id\":\"a\",\"id\":\"b\"}", "\u0000"};
        String badText = bad[random.nextInt(bad.length)];
        for (int l = 0; l < lines; l++) {
            if (random.nextInt(6) == 0 && l != badLine) {
                b.append(random.nextBoolean() ? "" : "   ").append(random.nextBoolean() ? "\r\n" : "\n"); // blank: allowed
                continue;
            }
            b.append(l == badLine ? badText : valid()).append(random.nextBoolean() ? "\r\n" : "\n");
        }
        return new Case("NDJSON line " + badLine + " '" + abbreviate(badText) + "'", NDJSON, bytes(b.toString()), 400,
                badLine, null, null);
    }

    private Case invalidUtf8(int i) {
        byte[][] junk = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
        byte[] j = junk[random.nextInt(junk.length)];
        String e = valid();
        int cut = e.indexOf("FUZZ-CHILD");
        byte[] left = bytes(e.substring(0, cut));
        byte[] right = bytes(e.substring(cut));
        byte[] bad = new byte[left.length + j.length + right.length];
        System.arraycopy(left, 0, bad, 0, left.length);
        System.arraycopy(j, 0, bad, left.length, j.length);
        System.arraycopy(right, 0, bad, left.length + j.length, right.length);
        boolean ndjson = random.nextBoolean();
        if (ndjson) {
            byte[] first = bytes(valid() + "\n");
            byte[] body = new byte[first.length + bad.length];
            System.arraycopy(first, 0, body, 0, first.length);
            System.arraycopy(bad, 0, body, first.length, bad.length);
            return new Case("invalid UTF-8 on NDJSON line 1", NDJSON, body, 400, 1, null, "UTF-8");
        }
        return new Case("invalid UTF-8 in a JSON event", JSON, bad, 400, 0, null, null);
    }

    private Case nested(int i) {
        int depth = List.of(1_100, 5_000, 50_000).get(random.nextInt(3));
        if (random.nextBoolean()) {
            String deep = "[".repeat(depth) + "]".repeat(depth);
            return new Case("array nested " + depth, JSON, bytes(deep), 400, 0, null, "nesting depth");
        }
        String child = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        int size = 1 + random.nextInt(3);
        int at = random.nextInt(size);
        return new Case("child nested " + depth, JSON, bytes(array(size, at, withField("child", child))), 400, at, null,
                "nesting depth");
    }

    private Case oddBody(int i) {
        String[] bodies = {"", " ", "null", "true", "42", "\"event\"", "{}", "[null]", "[1,2,3]", "[{}]",
                "\uFEFF", "[" + valid() + "] []", "{\"id\":\"a\",\"id\":\"a\"}"};
        String b = bodies[random.nextInt(bodies.length)];
        return new Case("body '" + abbreviate(b) + "'", JSON, bytes(b), 400, null, null, null);
    }

    /** Cases each run has once: very large strings and the media types the endpoint does not take. */
    private List<Case> fixed() {
        List<Case> out = new ArrayList<>();
        out.add(fieldCase("a 1 MB id", "id", "\"" + "i".repeat(1 << 20) + "\"", "at most 128"));
        out.add(fieldCase("a 5 MB source", "source", "\"" + "s".repeat(5 << 20) + "\"", "at most 128"));
        // beyond the parser's string limit (20 M characters) but within the body limit: refused while parsing
        out.add(new Case("a 25 MB childId", JSON, bytes(array(1, 0, withField("childId", "\"" + "c".repeat(25 << 20) + "\""))),
                400, 0, null, "String value length"));
        // white space is skipped by the parser without being kept: only the byte limit stops it
        out.add(new Case("a 40 MB body", JSON, bytes("[" + " ".repeat(40 << 20) + "]"), 413, null, null, "larger than"));
        out.add(new Case("10,001 events", NDJSON, bytes((valid() + "\n").repeat(10_001)), 413, null, null,
                "at most 10000"));
        for (String type : List.of("text/plain", "application/xml", "application/octet-stream",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/json", "application/jsonx",
                "image/png", "")) {
            out.add(new Case("content type " + type, type, bytes(valid()), 415, null, null, "application/json"));
        }
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String abbreviate(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
        StringBuilder b = new StringBuilder();
        t.codePoints().forEach(c -> b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : Character.toString(c)));
        return b.toString();
    }
}
