package org.cscstats.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
