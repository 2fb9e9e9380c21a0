package org.cscstats.ingest.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Json;

/**
 * Validates a whole request body: one JSON object, a JSON array, or NDJSON (one event per line; index = 0-based
 * line number, blank lines skipped but counted). Returns every error by index, and detects repeats of the same
 * (la, childId, id) within the batch: identical content is a duplicate, different content a "conflicting repeat".
 * Prefer the byte-stream entry points: they reject duplicate JSON keys, which a pre-parsed tree has lost.
 */
public final class BatchValidator {
    public static final int MAX_EVENTS = 10_000;
    /** The same answer for an empty JSON body and an NDJSON body without a line: neither is a batch. */
    static final String EMPTY_BODY = "empty body: send one event, a JSON array of events or NDJSON lines";

    private final EventValidator validator;
    private final int maxEvents;
    /** For a stream of values (JSON arrays): trailing tokens are the rest of the array. */
    private final ObjectMapper streamMapper;
    /** For one value per line (NDJSON): anything after it on the line is an error. */
    private final ObjectMapper lineMapper;

    public BatchValidator(EventValidator validator) {
        this(validator, MAX_EVENTS);
    }

    public BatchValidator(EventValidator validator, int maxEvents) {
        this.validator = validator;
        this.maxEvents = maxEvents;
        // a repeated key would otherwise silently keep the last value: the same class of bug as an unknown field
        this.streamMapper = Json.mapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.lineMapper = Json.mapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A body already parsed: an object (one event) or an array of events. */
    public BatchResult validate(JsonNode body) {
        Collector c = new Collector();
        if (body != null && body.isArray()) {
            for (int i = 0; i < body.size(); i++) {
                if (i >= maxEvents) {
                    c.tooMany(i);
                    break;
                }
                c.accept(body.get(i), i);
            }
        } else if (body != null && body.isObject()) {
            c.accept(body, 0);
        } else {
            c.error(0, "", "the body must be a JSON object or an array of objects");
        }
        return c.result();
    }

    /** A JSON body (one object or an array), read element by element so a syntax error names its element. */
    public BatchResult validateJson(InputStream body) throws IOException {
        Collector c = new Collector();
        int index = 0;
        StrictUtf8InputStream utf8 = new StrictUtf8InputStream(body);
        JsonParser p = null;
        try {
            p = streamMapper.createParser(utf8);
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                JsonNode node = streamMapper.readTree(p);
                if (!notUtf8(c, utf8, p, 0)) {
                    c.accept(node, 0);
                }
            } else if (t == JsonToken.START_ARRAY) {
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        c.error(index, "", "the array is not closed");
                        return c.result();
                    }
                    if (index >= maxEvents) {
                        c.tooMany(index);
                        return c.result();
                    }
                    JsonNode node = streamMapper.readTree(p);
                    if (notUtf8(c, utf8, p, index)) {
                        return c.result();
                    }
                    c.accept(node, index++);
                }
            } else {
                c.error(0, "", t == null ? EMPTY_BODY : "the body must be a JSON object or an array of objects");
                return c.result();
            }
            if (p.nextToken() != null) {
                c.error(index, "", "unexpected content after the JSON value");
            }
            notUtf8(c, utf8, null, index);
        } catch (JsonProcessingException e) {
            c.error(index, "", malformed(e, p));
        } finally {
            if (p != null) {
                p.close();
            }
        }
        return c.result();
    }

    /** An error at {@code index} if a byte the parser has passed (all read, without a parser) was not UTF-8. */
    private static boolean notUtf8(Collector c, StrictUtf8InputStream utf8, JsonParser p, int index) {
        if (utf8.invalidBefore(p == null ? -1 : p.currentLocation().getByteOffset())) {
            c.error(index, "", utf8.problem());
            return true;
        }
        return false;
    }

    /**
     * NDJSON: one event per line, UTF-8, {@code \n} or {@code \r\n}. A line that is not JSON (or not UTF-8) is an
     * error at that line; the other lines are still checked.
     */
    public BatchResult validateNdjson(InputStream body) throws IOException {
        Collector c = new Collector();
        LineReader lines = new LineReader(body);
        int events = 0;
        for (int line = 0;; line++) {
            byte[] bytes = lines.next();
            if (bytes == null) {
                break;
            }
            String text;
            try {
                text = lines.decode(bytes);
            } catch (CharacterCodingException e) {
                c.received++;
                c.error(line, "", "not valid UTF-8");
                continue;
            }
            if (line == 0 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1); // a byte-order mark some Windows tools write
            }
            if (text.isBlank()) {
                continue;
            }
            if (events++ >= maxEvents) {
                c.tooMany(line);
                break;
            }
            JsonNode node;
            try {
                node = lineMapper.readTree(text);
            } catch (JsonProcessingException e) {
                c.received++;
                c.error(line, "", malformed(e, null));
                continue;
            }
            c.accept(node, line);
        }
        if (c.received == 0 && events == 0) {
            c.error(0, "", EMPTY_BODY);
        }
        return c.result();
    }

    /** Splits bytes at {@code \n} (dropping a preceding {@code \r}), so a bad byte costs only its own line. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

        LineReader(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            line.reset();
            while (true) {
                if (pos == limit) {
                    limit = in.read(buf);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return line.size() == 0 ? null : line.toByteArray();
                    }
                }
                int start = pos;
                while (pos < limit && buf[pos] != '\n') {
                    pos++;
                }
                line.write(buf, start, pos - start);
                if (pos < limit) {
                    pos++; // the newline
                    byte[] b = line.toByteArray();
                    int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                    return n == b.length ? b : Arrays.copyOf(b, n);
                }
            }
        }

        String decode(byte[] bytes) throws CharacterCodingException {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        }
    }

    /**
     * Jackson's own message may quote the offending text; say only where it is, and for the parser's limits
     * (nesting, string and number lengths) which one, whose message holds only numbers.
     */
    private static String malformed(JsonProcessingException e, JsonParser p) {
        // a limit's exception carries no location of its own: the parser is where it stopped
        JsonLocation at = e.getLocation() != null ? e.getLocation() : p == null ? null : p.currentLocation();
        String what = "malformed JSON";
        if (e instanceof StreamConstraintsException) {
            String limit = e.getOriginalMessage();
            int from = limit.indexOf(", from ");
            what = "JSON beyond the parser's limits: " + (from > 0 ? limit.substring(0, from) + ")" : limit);
        }
        return at == null || at.getLineNr() < 0 ? what : what + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private record Seen(int index, CaseEvent event) {
    }

    /** Accumulates one batch: valid events, errors, in-batch duplicates. */
    private final class Collector {
        private final LocalDate today = validator.today();
        private final List<CaseEvent> events = new ArrayList<>();
        private final List<ValidationError> errors = new ArrayList<>();
        private final Map<String, Seen> seen = new HashMap<>();
        private int received;
        private int duplicates;
        private boolean tooMany;

        void accept(JsonNode node, int index) {
            received++;
            Validation v = validator.validate(node, index, today);
            if (!v.valid()) {
                errors.addAll(v.errors());
                return;
            }
            CaseEvent e = v.event();
            String key = e.la() + '\u0000' + e.childId() + '\u0000' + e.id();
            Seen first = seen.putIfAbsent(key, new Seen(index, e));
            if (first == null) {
                events.add(e);
            } else if (first.event().equals(e)) {
                duplicates++;
            } else {
                error(index, "id", "conflicting repeat: the event at index " + first.index()
                        + " has the same la, childId and id but different content");
            }
        }

        void error(int index, String field, String message) {
            errors.add(new ValidationError(index, field, message));
        }

        void tooMany(int index) {
            tooMany = true;
            error(index, "", "a batch holds at most " + maxEvents + " events");
        }

        BatchResult result() {
            return new BatchResult(events, errors, received, duplicates, tooMany);
        }
    }
}
