package org.cscstats.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.EventType;
import org.cscstats.contract.Excerpt;
import org.cscstats.contract.Json;

/**
 * Checks one event against every rule of {@code docs/events.md} › Validation rules and reports all broken rules, not just the first,
 * so a sender can fix a whole batch in one go. Thread-safe; "today" comes from the injected {@link Clock}.
 */
public final class EventValidator {
    public static final int MAX_ID = 128;
    public static final int MAX_CHILD_ID = 64;
    public static final int MAX_REFERRAL_ID = 64;
    /** assessmentId, planId, enquiryId, workerId: the spec gives no limit; 128 fits the census-derived ids. */
    public static final int MAX_ENTITY_ID = 128;
    /** source: the spec gives no limit; it is audit text, so keep it short. */
    public static final int MAX_SOURCE = 128;

    private static final Set<String> ENVELOPE = Set.of("id", "type", "la", "childId", "referralId", "date", "source");
    private static final Map<EventType, Set<String>> EXTRAS = new EnumMap<>(EventType.class);
    private static final Map<EventType, Set<String>> REQUIRED = new EnumMap<>(EventType.class);
    private static final Set<String> ALL_FIELDS;
    private static final List<String> ENVELOPE_REQUIRED = List.of("id", "type", "la", "childId", "date");
    private static final Set<String> CHILD_FIELDS = Set.of("birthDate", "expectedBirthDate", "sex", "ethnicity");
    private static final Set<String> PLAN_ACTIONS = Set.of("start", "end");
    private static final Set<String> ALLOCATION_ACTIONS = Set.of("allocate", "unallocate");
    private static final Set<String> ANY_ACTION = Set.of("start", "end", "allocate", "unallocate");
    private static final Set<String> STEP_DOWN_TO = Set.of("early-help", "other-agency");

    static {
        extras(EventType.REFERRAL, Set.of("referralSource", "child"), Set.of("referralSource"));
        extras(EventType.CHILD_DETAILS, Set.of("child"), Set.of("child"));
        extras(EventType.ASSESSMENT, Set.of("assessmentId", "startDate", "factors"), Set.of("assessmentId"));
        extras(EventType.STRATEGY_DISCUSSION, Set.of(), Set.of());
        extras(EventType.SECTION47, Set.of("enquiryId"), Set.of("enquiryId"));
        extras(EventType.CIN_PLAN, Set.of("planId", "action"), Set.of("planId", "action"));
        // category is required on start (checked below) and tolerated, still code-checked, on end
        extras(EventType.CP_PLAN, Set.of("planId", "action", "category"), Set.of("planId", "action"));
        extras(EventType.STEP_DOWN, Set.of("to"), Set.of("to"));
        extras(EventType.CLOSURE, Set.of("reason"), Set.of("reason"));
        extras(EventType.EARLY_HELP_ASSESSMENT, Set.of("assessmentId", "child"), Set.of("assessmentId"));
        extras(EventType.ALLOCATION, Set.of("workerId", "action"), Set.of("workerId", "action"));
        extras(EventType.RETRACTION, Set.of("eventId"), Set.of("eventId"));
        ALL_FIELDS = Stream.concat(ENVELOPE.stream(), EXTRAS.values().stream().flatMap(Set::stream))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static final String TYPES = Stream.of(EventType.values()).map(EventType::wire)
            .collect(Collectors.joining(", "));

    private final Clock clock;
    private final ObjectMapper mapper = Json.mapper();

    public EventValidator(Clock clock) {
        this.clock = clock;
    }

    /** Today in Europe/London by this validator's clock. */
    public LocalDate today() {
        return DateRules.today(clock);
    }

    public Validation validate(JsonNode node, int index) {
        return validate(node, index, today());
    }

    /** Re-checks an event built in code (the census reader's) by the same rules as one received as JSON. */
    public Validation validate(CaseEvent event, int index) {
        return validate(event, index, today());
    }

    public Validation validate(CaseEvent event, int index, LocalDate today) {
        return validate((JsonNode) mapper.valueToTree(event), index, today);
    }

    /** As {@link #validate(JsonNode, int)} with "today" fixed by the caller (once per batch). */
    public Validation validate(JsonNode node, int index, LocalDate today) {
        List<ValidationError> errors = new ArrayList<>(2);
        if (node == null || !node.isObject()) {
            errors.add(new ValidationError(index, "", "an event must be a JSON object"));
            return new Validation(null, errors);
        }
        Reader r = new Reader(index, errors, today);
        EventType type = r.type(node.get("type"));
        Set<String> extras = type == null ? null : EXTRAS.get(type);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (!ALL_FIELDS.contains(name)) {
                r.error(fieldName(name), "unknown field");
            } else if (name.equals("type") || v.isNull()) {
                // type is read above; an explicit null is treated as the field being absent
            } else if (name.equals("referralId") && type != null && !type.referralScoped()) {
                r.error(name, "not allowed: '" + type.wire() + "' is child-scoped, not referral-scoped");
            } else if (type != null && !ENVELOPE.contains(name) && !extras.contains(name)) {
                r.error(name, "not allowed for type '" + type.wire() + "'");
            } else {
                r.field(name, v, type);
            }
        }
        for (String name : ENVELOPE_REQUIRED) {
            if (!node.hasNonNull(name)) {
                r.error(name, "required");
            }
        }
        if (type != null) {
            if (type.referralScoped() && !node.hasNonNull("referralId")) {
                r.error("referralId", "required for type '" + type.wire() + "'");
            }
            for (String name : REQUIRED.get(type)) {
                if (!node.hasNonNull(name)) {
                    r.error(name, "required for type '" + type.wire() + "'");
                }
            }
            if (type == EventType.CP_PLAN && "start".equals(r.action) && !node.hasNonNull("category")) {
                r.error("category", "required when a cp-plan starts");
            }
            if (type == EventType.RETRACTION && r.eventId != null && r.eventId.equals(r.id)) {
                r.error("eventId", "a retraction cannot retract itself");
            }
        }
        if (!errors.isEmpty()) {
            return new Validation(null, errors);
        }
        return new Validation(r.build(type), errors);
    }

    private static void extras(EventType type, Set<String> allowed, Set<String> required) {
        EXTRAS.put(type, allowed);
        REQUIRED.put(type, required);
    }

    /**
     * Unknown names are echoed as the field path: a plain short name as it is, anything else as a bounded escaped
     * excerpt, so a hostile key can neither flood the error list nor put control characters into it.
     */
    private static String fieldName(String name) {
        return name.length() <= 64 && name.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? name : Excerpt.of(name);
    }

    /** Per-event scratch state: the parsed values and where errors go. */
    private static final class Reader {
        private final int index;
        private final List<ValidationError> errors;
        private final LocalDate today;
        private final CaseEvent.Builder event = CaseEvent.builder();
        // the values the cross-field rules read back
        String id;
        String action;
        String eventId;

        Reader(int index, List<ValidationError> errors, LocalDate today) {
            this.index = index;
            this.errors = errors;
            this.today = today;
        }

        void error(String field, String message) {
            errors.add(new ValidationError(index, field, message));
        }

        EventType type(JsonNode v) {
            if (v == null || v.isNull()) {
                return null; // reported as required
            }
            if (!v.isTextual()) {
                error("type", "must be a string");
                return null;
            }
            EventType t = EventType.fromWire(v.textValue()).orElse(null);
            if (t == null) {
                error("type", "unknown type; one of: " + TYPES);
            }
            return t;
        }

        void field(String name, JsonNode v, EventType type) {
            switch (name) {
                case "id" -> event.id(id = identifier(name, v, MAX_ID));
                case "la" -> event.la(la(v));
                case "childId" -> event.childId(identifier(name, v, MAX_CHILD_ID));
                case "referralId" -> event.referralId(identifier(name, v, MAX_REFERRAL_ID));
                case "date" -> event.date(pastDate(name, v));
                case "source" -> event.source(text(name, v, MAX_SOURCE));
                case "referralSource" -> event.referralSource(code(name, v, CodeLists.REFERRAL_SOURCE_CODES,
                        "not in code list A (referral source)"));
                case "child" -> event.child(child(v));
                case "assessmentId" -> event.assessmentId(identifier(name, v, MAX_ENTITY_ID));
                case "startDate" -> event.startDate(pastDate(name, v));
                case "factors" -> event.factors(factors(v));
                case "enquiryId" -> event.enquiryId(identifier(name, v, MAX_ENTITY_ID));
                case "planId" -> event.planId(identifier(name, v, MAX_ENTITY_ID));
                case "action" -> event.action(action = action(v, type));
                case "category" -> event.category(code(name, v, CodeLists.CATEGORY_CODES,
                        "not in code list E; one of NEG, PHY, SAB, EMO, MUL"));
                case "to" -> event.to(code(name, v, STEP_DOWN_TO, "must be 'early-help' or 'other-agency'"));
                case "reason" -> event.reason(code(name, v, CodeLists.CLOSURE_REASON_CODES,
                        "not in code list C; one of RC1 … RC9"));
                case "workerId" -> event.workerId(identifier(name, v, MAX_ENTITY_ID));
                case "eventId" -> event.eventId(eventId = identifier(name, v, MAX_ID));
                default -> throw new IllegalStateException("field without a rule: " + name);
            }
        }

        private String action(JsonNode v, EventType type) {
            if (type == EventType.ALLOCATION) {
                return code("action", v, ALLOCATION_ACTIONS, "must be 'allocate' or 'unallocate'");
            }
            if (type == null) { // type already reported; do not guess which actions apply
                return code("action", v, ANY_ACTION, "must be 'start', 'end', 'allocate' or 'unallocate'");
            }
            return code("action", v, PLAN_ACTIONS, "must be 'start' or 'end'");
        }

        /** An identifier: text that is not only white space (" " and "  " would be two children nobody can name). */
        private String identifier(String field, JsonNode v, int max) {
            String s = text(field, v, max);
            if (s != null && onlyWhiteSpace(s)) {
                error(field, "must not be only white space");
                return null;
            }
            return s;
        }

        private static boolean onlyWhiteSpace(String s) {
            return s.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                    || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF); // and the zero-width ones
        }

        private String text(String field, JsonNode v, int max) {
            if (!v.isTextual()) {
                error(field, "must be a string");
                return null;
            }
            String s = v.textValue();
            int len = s.codePointCount(0, s.length());
            if (len == 0) {
                error(field, "must not be empty");
                return null;
            }
            if (len > max) {
                error(field, "must be at most " + max + " characters");
                return null;
            }
            if (!printable(s)) {
                error(field, "must not contain control characters or unpaired surrogates");
                return null;
            }
            return s;
        }

        /**
         * No C0 control, DEL or lone surrogate: they are never part of a real identifier, and text that passes
         * through (source) would reach the stats service's database, which cannot store a NUL.
         */
        private static boolean printable(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    return false;
                }
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }

        private String la(JsonNode v) {
            if (!v.isTextual()) {
                error("la", "must be a string of 3 digits (DfE LA code)");
                return null;
            }
            String s = v.textValue();
            if (s.length() != 3 || !isDigit(s.charAt(0)) || !isDigit(s.charAt(1)) || !isDigit(s.charAt(2))) {
                error("la", "must be 3 digits (DfE LA code)");
                return null;
            }
            return s;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private String code(String field, JsonNode v, Set<String> allowed, String message) {
            if (!v.isTextual()) {
                error(field, "must be a string");
                return null;
            }
            if (!allowed.contains(v.textValue())) {
                error(field, message);
                return null;
            }
            return v.textValue();
        }

        private LocalDate date(String field, JsonNode v) {
            if (!v.isTextual()) {
                error(field, "must be a date string YYYY-MM-DD");
                return null;
            }
            LocalDate d = DateRules.parseStrict(v.textValue());
            if (d == null) {
                error(field, "must be a real calendar date in the form YYYY-MM-DD");
                return null;
            }
            return d;
        }

        private LocalDate pastDate(String field, JsonNode v) {
            LocalDate d = date(field, v);
            if (d == null) {
                return null;
            }
            String problem = DateRules.checkPast(d, today);
            if (problem != null) {
                error(field, problem);
                return null;
            }
            return d;
        }

        private List<String> factors(JsonNode v) {
            if (!v.isArray()) {
                error("factors", "must be an array of code list D codes");
                return null;
            }
            List<String> out = new ArrayList<>(v.size());
            Set<String> seen = new HashSet<>();
            boolean ok = true;
            for (int i = 0; i < v.size(); i++) {
                JsonNode f = v.get(i);
                String path = "factors[" + i + "]";
                if (!f.isTextual()) {
                    error(path, "must be a string");
                    ok = false;
                } else if (!CodeLists.ASSESSMENT_FACTORS.contains(f.textValue())) {
                    error(path, "not in code list D (assessment factors)");
                    ok = false;
                } else if (!seen.add(f.textValue())) {
                    error(path, "repeats an earlier factor");
                    ok = false;
                } else {
                    out.add(f.textValue());
                }
            }
            if (seen.contains("21") && seen.size() > 1) {
                error("factors", "21 (no factors identified) must stand alone");
                ok = false;
            }
            return ok ? Collections.unmodifiableList(out) : null;
        }

        private CaseEvent.Child child(JsonNode v) {
            if (!v.isObject()) {
                error("child", "must be an object");
                return null;
            }
            LocalDate birth = null;
            LocalDate expected = null;
            String sex = null;
            String ethnicity = null;
            int before = errors.size();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                String name = f.getKey();
                JsonNode c = f.getValue();
                String path = "child." + fieldName(name);
                if (!CHILD_FIELDS.contains(name)) {
                    error(path, "unknown field");
                } else if (!c.isNull()) {
                    switch (name) {
                        case "birthDate" -> birth = pastDate(path, c);
                        // an expected birth date may lie ahead, but not before 1900
                        case "expectedBirthDate" -> {
                            expected = date(path, c);
                            if (expected != null && expected.isBefore(DateRules.EARLIEST)) {
                                error(path, "must not be before 1900-01-01");
                                expected = null;
                            }
                        }
                        case "sex" -> sex = code(path, c, CodeLists.SEX_CODES, "must be 'M', 'F' or 'U'");
                        default -> ethnicity = code(path, c, CodeLists.ETHNICITY_CODES,
                                "not in code list B (ethnicity)");
                    }
                }
            }
            if (v.hasNonNull("birthDate") && v.hasNonNull("expectedBirthDate")) {
                error("child.expectedBirthDate", "give birthDate or expectedBirthDate, not both");
            }
            return errors.size() == before ? new CaseEvent.Child(birth, expected, sex, ethnicity) : null;
        }

        CaseEvent build(EventType type) {
            return event.type(type).build();
        }
    }
}
