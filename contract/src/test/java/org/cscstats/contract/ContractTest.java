package org.cscstats.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractTest {

    @Test
    void excerptsAreBoundedAndEscaped() {
        assertEquals("'abc'", Excerpt.of("abc"));
        assertEquals("'a\\u0000b\\u000a\\u0027'", Excerpt.of("a\u0000b\n'"));
        String quoted = Excerpt.of("x".repeat(3900));
        assertEquals("'" + "x".repeat(Excerpt.MAX_CODE_POINTS) + "'… (3900 characters)", quoted);
        assertEquals("(none)", Excerpt.of(null));
    }

    @Test
    void financialYearRunsAprilToMarch() {
        assertEquals("2022/23", FinancialYear.of(LocalDate.of(2023, 3, 31)).label());
        assertEquals("2023/24", FinancialYear.of(LocalDate.of(2023, 4, 1)).label());
        assertEquals("1999/00", new FinancialYear(1999).label());
        assertEquals(new FinancialYear(2023), FinancialYear.parse("2023-24"));
        assertThrows(IllegalArgumentException.class, () -> FinancialYear.parse("2023/25"));
    }

    @Test
    void ageBandsFollowWholeYears() {
        LocalDate birth = LocalDate.of(2015, 6, 1);
        assertEquals("unborn", AgeBand.on(birth, LocalDate.of(2015, 5, 31)));
        assertEquals("0-4", AgeBand.on(birth, LocalDate.of(2020, 5, 31)));
        assertEquals("5-9", AgeBand.on(birth, LocalDate.of(2020, 6, 1)));
        assertEquals("10-15", AgeBand.on(birth, LocalDate.of(2031, 5, 31)));
        assertEquals("16+", AgeBand.on(birth, LocalDate.of(2031, 6, 1)));
        assertEquals("unknown", AgeBand.on(null, LocalDate.of(2031, 6, 1)));
    }

    @Test
    void referralOutcomesCrossOutcomeWithEveryOtherDimension() {
        List<List<Dimension>> b = Measure.REFERRAL_OUTCOMES.breakdowns();
        assertEquals(List.of(), b.get(0));
        assertEquals(List.of(Dimension.OUTCOME), b.get(1));
        assertEquals(true, b.contains(List.of(Dimension.OUTCOME, Dimension.ETHNIC_GROUP)));
        assertEquals(true, b.contains(List.of(Dimension.REFERRAL_SOURCE)));
        assertEquals(10, b.size());
    }

    @Test
    void cellKeysRoundTrip() {
        String key = CellKey.of(Dimension.OUTCOME, "nfa", Dimension.ETHNICITY, "WBRI");
        assertEquals("outcome=nfa|ethnicity=WBRI", key);
        assertEquals(Map.of("outcome", "nfa", "ethnicity", "WBRI"), CellKey.parse(key));
        assertEquals(Map.of(), CellKey.parse(CellKey.TOTAL));
    }

    @Test
    void everyEthnicityHasAGroup() {
        for (Code c : CodeLists.ETHNICITIES) {
            CodeLists.ethnicGroup(c.code());
        }
        assertEquals("not-known", CodeLists.ethnicGroup("not-stated"));
        assertThrows(IllegalArgumentException.class, () -> CodeLists.ethnicGroup("XXXX"));
    }

    @Test
    void aBuiltEventIsThePositionalOneOnTheWire() throws Exception {
        CaseEvent positional = new CaseEvent("e1", "cp-plan", "331", "c1", "r1", LocalDate.of(2024, 1, 2), "mosaic",
                "1A", new CaseEvent.Child(LocalDate.of(2015, 3, 4), null, "F", "WBRI"), "a1", LocalDate.of(2023, 12, 1),
                List.of("2B", "21"), "q1", "p1", "start", "NEG", "early-help", "RC8", "w1", "t1");
        CaseEvent built = CaseEvent.builder().id("e1").type(EventType.CP_PLAN).la("331").childId("c1").referralId("r1")
                .date(LocalDate.of(2024, 1, 2)).source("mosaic").referralSource("1A")
                .child(new CaseEvent.Child(LocalDate.of(2015, 3, 4), null, "F", "WBRI")).assessmentId("a1")
                .startDate(LocalDate.of(2023, 12, 1)).factors(List.of("2B", "21")).enquiryId("q1").planId("p1")
                .action("start").category("NEG").to("early-help").reason("RC8").workerId("w1").eventId("t1").build();
        assertEquals(positional, built);
        assertEquals(positional, positional.toBuilder().build());
        ObjectMapper json = Json.mapper();
        // the wire format, field for field and in this order: the builder adds nothing to it
        assertEquals("{\"id\":\"e1\",\"type\":\"cp-plan\",\"la\":\"331\",\"childId\":\"c1\",\"referralId\":\"r1\","
                + "\"date\":\"2024-01-02\",\"source\":\"mosaic\",\"referralSource\":\"1A\",\"child\":{\"birthDate\":"
                + "\"2015-03-04\",\"sex\":\"F\",\"ethnicity\":\"WBRI\"},\"assessmentId\":\"a1\",\"startDate\":"
                + "\"2023-12-01\",\"factors\":[\"2B\",\"21\"],\"enquiryId\":\"q1\",\"planId\":\"p1\",\"action\":"
                + "\"start\",\"category\":\"NEG\",\"to\":\"early-help\",\"reason\":\"RC8\",\"workerId\":\"w1\","
                + "\"eventId\":\"t1\"}", json.writeValueAsString(built));
        CaseEvent section47 = CaseEvent.builder().id("e2").type(EventType.SECTION47).la("331").childId("c1")
                .referralId("r1").date(LocalDate.of(2024, 1, 3)).enquiryId("q1").build();
        assertEquals(new CaseEvent("e2", "section47", "331", "c1", "r1", LocalDate.of(2024, 1, 3), null, null, null,
                null, null, null, "q1", null, null, null, null, null, null, null), section47);
        assertEquals("{\"id\":\"e2\",\"type\":\"section47\",\"la\":\"331\",\"childId\":\"c1\",\"referralId\":\"r1\","
                + "\"date\":\"2024-01-03\",\"enquiryId\":\"q1\"}", json.writeValueAsString(section47));
        assertEquals(section47, json.readValue(json.writeValueAsString(section47), CaseEvent.class));
        assertEquals("bogus", CaseEvent.builder().type("bogus").build().type());
    }
}
