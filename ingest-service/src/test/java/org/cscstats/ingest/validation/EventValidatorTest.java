package org.cscstats.ingest.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorTest {
    /** 2025-06-15 12:00 UTC: today is 2025-06-15 in London. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-15T12:00:00Z"), ZoneOffset.UTC);
    static final ObjectMapper M = new ObjectMapper();
    final EventValidator v = new EventValidator(CLOCK);

    /** A minimal valid event of each type. */
    static ObjectNode valid(EventType type) {
        ObjectNode n = M.createObjectNode();
        n.put("id", "ev-1").put("type", type.wire()).put("la", "331").put("childId", "C123").put("date", "2024-05-01");
        if (type.referralScoped()) {
            n.put("referralId", "R9");
        }
        switch (type) {
            case REFERRAL -> n.put("referralSource", "1A");
            case CHILD_DETAILS -> n.putObject("child").put("sex", "F");
            case ASSESSMENT -> n.put("assessmentId", "A1");
            case SECTION47 -> n.put("enquiryId", "E1");
            case CIN_PLAN -> n.put("planId", "P1").put("action", "start");
            case CP_PLAN -> n.put("planId", "P1").put("action", "start").put("category", "NEG");
            case STEP_DOWN -> n.put("to", "early-help");
            case CLOSURE -> n.put("reason", "RC8");
            case EARLY_HELP_ASSESSMENT -> n.put("assessmentId", "EH1");
            case ALLOCATION -> n.put("workerId", "W1").put("action", "allocate");
            case RETRACTION -> n.put("eventId", "ev-0");
            default -> {
            }
        }
        return n;
    }

    Validation check(JsonNode n) {
        return v.validate(n, 7);
    }

    /** Asserts the event fails with exactly one error, on that field, at index 7. */
    void fails(JsonNode n, String field) {
        Validation r = check(n);
        assertFalse(r.valid(), "expected an error on " + field);
        assertNull(r.event());
        assertEquals(List.of(field), r.errors().stream().map(ValidationError::field).toList(), r.errors().toString());
        assertEquals(7, r.errors().get(0).index());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void minimalEventOfEveryTypeIsValid(EventType type) {
        Validation r = check(valid(type));
        assertTrue(r.valid(), r.errors().toString());
        assertEquals(type.wire(), r.event().type());
        assertEquals("331", r.event().la());
        assertEquals(LocalDate.of(2024, 5, 1), r.event().date());
    }

    @Test
    void buildsTheFullEvent() {
        ObjectNode n = valid(EventType.ASSESSMENT).put("startDate", "2024-04-20").put("source", "mosaic");
        n.putArray("factors").add("2B").add("1A");
        CaseEvent e = check(n).event();
        assertEquals(CaseEvent.builder().id("ev-1").type(EventType.ASSESSMENT).la("331").childId("C123")
                .referralId("R9").date(LocalDate.of(2024, 5, 1)).source("mosaic").assessmentId("A1")
                .startDate(LocalDate.of(2024, 4, 20)).factors(List.of("2B", "1A")).build(), e);
        ObjectNode r = valid(EventType.REFERRAL);
        r.putObject("child").put("birthDate", "2015-02-28").put("sex", "M").put("ethnicity", "WBRI");
        assertEquals(new CaseEvent.Child(LocalDate.of(2015, 2, 28), null, "M", "WBRI"), check(r).event().child());
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "type", "la", "childId", "date"})
    void envelopeFieldsAreRequired(String field) {
        ObjectNode n = valid(EventType.STRATEGY_DISCUSSION);
        n.remove(field);
        fails(n, field);
    }

    @Test
    void idLengthIsOneTo128() {
        assertTrue(check(valid(EventType.CLOSURE).put("id", "x".repeat(128))).valid());
        fails(valid(EventType.CLOSURE).put("id", "x".repeat(129)), "id");
        fails(valid(EventType.CLOSURE).put("id", ""), "id");
        fails(valid(EventType.CLOSURE).put("id", 12), "id");
        // characters, not UTF-16 units: 128 emoji are fine
        assertTrue(check(valid(EventType.CLOSURE).put("id", "😀".repeat(128))).valid());
    }

    @Test
    void childIdAndReferralIdAreOneTo64() {
        assertTrue(check(valid(EventType.CLOSURE).put("childId", "c".repeat(64)).put("referralId", "r".repeat(64))).valid());
        fails(valid(EventType.CLOSURE).put("childId", "c".repeat(65)), "childId");
        fails(valid(EventType.CLOSURE).put("referralId", "r".repeat(65)), "referralId");
        fails(valid(EventType.CLOSURE).put("childId", ""), "childId");
    }

    @Test
    void typeMustBeKnown() {
        fails(valid(EventType.CLOSURE).put("type", "closed"), "type");
        fails(valid(EventType.CLOSURE).put("type", 3), "type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"33", "3311", "abc", " 331", "33a", "３３１"})
    void laIsThreeDigits(String la) {
        fails(valid(EventType.CLOSURE).put("la", la), "la");
    }

    @Test
    void laAsNumberIsRejected() {
        fails(valid(EventType.CLOSURE).put("la", 331), "la");
    }

    @Test
    void referralIdOnlyOnReferralScopedTypes() {
        fails(valid(EventType.CHILD_DETAILS).put("referralId", "R1"), "referralId");
        fails(valid(EventType.ALLOCATION).put("referralId", "R1"), "referralId");
        ObjectNode n = valid(EventType.SECTION47);
        n.remove("referralId");
        fails(n, "referralId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "2023-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-2-03",
            "20240203", "2024-02-03T00:00:00", "2024/02/03", "+2024-02-03", "", "2024-02-0a"})
    void datesAreStrictRealCalendarDates(String date) {
        fails(valid(EventType.CLOSURE).put("date", date), "date");
    }

    @Test
    void leapDayIsADate() {
        assertTrue(check(valid(EventType.CLOSURE).put("date", "2024-02-29")).valid());
    }

    @Test
    void datesFrom1900ToTodayInLondon() {
        assertTrue(check(valid(EventType.CLOSURE).put("date", "1900-01-01")).valid());
        fails(valid(EventType.CLOSURE).put("date", "1899-12-31"), "date");
        assertTrue(check(valid(EventType.CLOSURE).put("date", "2025-06-15")).valid());
        fails(valid(EventType.CLOSURE).put("date", "2025-06-16"), "date");
        fails(valid(EventType.CLOSURE).put("date", 20250101), "date");
    }

    @Test
    void todayIsJudgedInLondonNotUtc() {
        // 23:30 UTC on 15 June is 00:30 on 16 June in London (BST)
        EventValidator late = new EventValidator(Clock.fixed(Instant.parse("2025-06-15T23:30:00Z"), ZoneOffset.UTC));
        assertTrue(late.validate(valid(EventType.CLOSURE).put("date", "2025-06-16"), 0).valid());
        // in winter London is on UTC: 23:30 UTC on 15 January is still the 15th
        EventValidator winter = new EventValidator(Clock.fixed(Instant.parse("2025-01-15T23:30:00Z"), ZoneOffset.UTC));
        assertFalse(winter.validate(valid(EventType.CLOSURE).put("date", "2025-01-16"), 0).valid());
    }

    @Test
    void startDateFollowsTheDateRules() {
        fails(valid(EventType.ASSESSMENT).put("startDate", "2025-07-01"), "startDate");
        fails(valid(EventType.ASSESSMENT).put("startDate", "1899-01-01"), "startDate");
        fails(valid(EventType.ASSESSMENT).put("startDate", "2024-02-30"), "startDate");
    }

    @Test
    void sourceIsOptionalShortText() {
        assertTrue(check(valid(EventType.CLOSURE).put("source", "liquidlogic")).valid());
        fails(valid(EventType.CLOSURE).put("source", "s".repeat(129)), "source");
        fails(valid(EventType.CLOSURE).put("source", true), "source");
    }

    @Test
    void unknownFieldsAreRejected() {
        fails(valid(EventType.REFERRAL).put("referalSource", "1A"), "referalSource");
        fails(valid(EventType.REFERRAL).putNull("colour"), "colour");
    }

    @Test
    void fieldsOfOtherTypesAreRejected() {
        fails(valid(EventType.REFERRAL).put("planId", "P1"), "planId");
        fails(valid(EventType.CLOSURE).put("category", "NEG"), "category");
        fails(valid(EventType.ASSESSMENT).set("child", M.createObjectNode()), "child");
        fails(valid(EventType.CIN_PLAN).put("category", "NEG"), "category");
        fails(valid(EventType.RETRACTION).put("reason", "RC1"), "reason");
    }

    @Test
    void explicitNullIsAbsent() {
        assertTrue(check(valid(EventType.CHILD_DETAILS).putNull("referralId").putNull("source")).valid());
        fails(valid(EventType.CLOSURE).putNull("reason"), "reason");
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"REFERRAL", "CHILD_DETAILS", "ASSESSMENT", "SECTION47", "CIN_PLAN",
            "CP_PLAN", "STEP_DOWN", "CLOSURE", "EARLY_HELP_ASSESSMENT", "ALLOCATION", "RETRACTION"})
    void typeSpecificFieldsAreRequired(EventType type) {
        Map<EventType, List<String>> required = Map.ofEntries(
                Map.entry(EventType.REFERRAL, List.of("referralSource")), Map.entry(EventType.CHILD_DETAILS, List.of("child")),
                Map.entry(EventType.ASSESSMENT, List.of("assessmentId")), Map.entry(EventType.SECTION47, List.of("enquiryId")),
                Map.entry(EventType.CIN_PLAN, List.of("planId", "action")), Map.entry(EventType.CP_PLAN, List.of("planId")),
                Map.entry(EventType.STEP_DOWN, List.of("to")), Map.entry(EventType.CLOSURE, List.of("reason")),
                Map.entry(EventType.EARLY_HELP_ASSESSMENT, List.of("assessmentId")),
                Map.entry(EventType.ALLOCATION, List.of("workerId", "action")),
                Map.entry(EventType.RETRACTION, List.of("eventId")));
        for (String field : required.get(type)) {
            ObjectNode n = valid(type);
            n.remove(field);
            fails(n, field);
        }
    }

    @Test
    void codeListsAreEnforced() {
        fails(valid(EventType.REFERRAL).put("referralSource", "1E"), "referralSource");
        fails(valid(EventType.REFERRAL).put("referralSource", "1a"), "referralSource");
        assertTrue(check(valid(EventType.REFERRAL).put("referralSource", "10")).valid());
        fails(valid(EventType.CLOSURE).put("reason", "RC10"), "reason");
        fails(valid(EventType.CP_PLAN).put("category", "NEGLECT"), "category");
        fails(valid(EventType.STEP_DOWN).put("to", "early help"), "to");
        assertTrue(check(valid(EventType.STEP_DOWN).put("to", "other-agency")).valid());
        fails(valid(EventType.CIN_PLAN).put("action", "stop"), "action");
        fails(valid(EventType.CIN_PLAN).put("action", "allocate"), "action");
        fails(valid(EventType.ALLOCATION).put("action", "start"), "action");
        assertTrue(check(valid(EventType.ALLOCATION).put("action", "unallocate")).valid());
    }

    @Test
    void factorsAreCodeListDAnd21StandsAlone() {
        ObjectNode n = valid(EventType.ASSESSMENT);
        n.putArray("factors").add("2B").add("2D");
        fails(n, "factors[1]");
        n.putArray("factors").add("2B").add("2B");
        fails(n, "factors[1]");
        n.putArray("factors").add("21").add("2B");
        fails(n, "factors");
        n.putArray("factors").add(21);
        fails(n, "factors[0]");
        n.put("factors", "2B");
        fails(n, "factors");
        n.putArray("factors").add("21");
        assertTrue(check(n).valid());
        n.putArray("factors");
        assertEquals(List.of(), check(n).event().factors());
    }

    @Test
    void cpPlanStartNeedsACategoryEndDoesNot() {
        ObjectNode start = valid(EventType.CP_PLAN);
        start.remove("category");
        fails(start, "category");
        ObjectNode end = valid(EventType.CP_PLAN).put("action", "end");
        end.remove("category");
        assertTrue(check(end).valid());
        assertTrue(check(valid(EventType.CP_PLAN).put("action", "end")).valid(), "category tolerated on end");
    }

    @Test
    void childObjectRules() {
        ObjectNode n = valid(EventType.CHILD_DETAILS);
        n.putObject("child").put("birthDate", "2015-01-01").put("expectedBirthDate", "2015-01-01");
        fails(n, "child.expectedBirthDate");
        n.putObject("child").put("birthDate", "2025-07-01");
        fails(n, "child.birthDate");
        n.putObject("child").put("expectedBirthDate", "2025-09-01");
        assertEquals(LocalDate.of(2025, 9, 1), check(n).event().child().expectedBirthDate());
        n.putObject("child").put("expectedBirthDate", "1899-09-01");
        fails(n, "child.expectedBirthDate");
        n.putObject("child").put("sex", "X");
        fails(n, "child.sex");
        n.putObject("child").put("ethnicity", "WHITE");
        fails(n, "child.ethnicity");
        n.putObject("child").put("ethnicity", "not-stated");
        fails(n, "child.ethnicity");
        n.putObject("child").put("gender", "M");
        fails(n, "child.gender");
        n.put("child", "M");
        fails(n, "child");
        n.putObject("child");
        assertEquals(new CaseEvent.Child(null, null, null, null), check(n).event().child());
    }

    @Test
    void retractionCannotRetractItself() {
        fails(valid(EventType.RETRACTION).put("eventId", "ev-1"), "eventId");
    }

    @Test
    void reportsEveryErrorAtOnce() {
        ObjectNode n = valid(EventType.REFERRAL).put("la", "1").put("date", "2024-02-30").put("referralSource", "Z")
                .put("extra", 1);
        n.remove("childId");
        n.putObject("child").put("sex", "Q").put("ethnicity", "Q");
        Validation r = check(n);
        assertEquals(List.of("child.ethnicity", "child.sex", "childId", "date", "extra", "la", "referralSource"),
                r.errors().stream().map(ValidationError::field).sorted().toList());
        assertTrue(r.errors().stream().allMatch(e -> e.index() == 7));
    }

    @Test
    void notAnObject() {
        Validation r = v.validate(M.createArrayNode(), 3);
        assertEquals(List.of(new ValidationError(3, "", "an event must be a JSON object")), r.errors());
    }

    @Test
    void messagesNeverEchoValues() {
        String secret = "SMITH-JOHN-1999";
        ObjectNode n = valid(EventType.REFERRAL).put("la", secret).put("date", secret).put("referralSource", secret)
                .put("childId", secret.repeat(10)).put("id", "");
        n.putObject("child").put("sex", secret).put("ethnicity", secret).put("birthDate", secret);
        String messages = check(n).errors().stream().map(e -> e.field() + e.message()).collect(Collectors.joining());
        assertFalse(messages.contains(secret), messages);
    }

    @Test
    void validatesAnEventBuiltInCode() {
        CaseEvent noEnquiry = CaseEvent.builder().id("x").type(EventType.SECTION47).la("331").childId("c")
                .referralId("r").date(LocalDate.of(2024, 1, 1)).build();
        CaseEvent ok = noEnquiry.toBuilder().enquiryId("e").build();
        assertTrue(v.validate(ok, 0).valid());
        assertNotNull(v.validate(noEnquiry, 0).errors().get(0));
    }
}
