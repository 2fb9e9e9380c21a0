package org.cscstats.suppression.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.Cube;
import org.cscstats.contract.Dimension;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    static List<Cube> cubes(String... years) {
        List<Cube> out = new java.util.ArrayList<>();
        for (int i = 0; i < years.length; i++) {
            out.add(new Cube("331", "referrals", years[i], i == years.length - 1, 1, Map.of("", 10L)));
        }
        return out;
    }

    @Test
    void defaultCatalogueFollowsTheApi() {
        Catalogue c = Catalogue.defaultFor(cubes("2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25"));
        assertEquals(List.of("2024/25"), c.partialYears());
        List<String> ids = c.tables().stream().map(TableSpec::id).toList();
        assertEquals("referrals-by-year", ids.get(0));
        assertEquals("referrals-by-ethnicity", ids.get(1));
        assertEquals("referrals-assessed-by-ethnicity", ids.get(2));
        assertTrue(ids.contains("referral-outcomes-by-ethnicity-2019-20"));
        assertTrue(ids.contains("referral-outcomes-by-source-2024-25"));
        assertTrue(ids.contains("step-downs-by-age"));
        assertTrue(ids.contains("cp-plans-open-by-year"));
        assertEquals("caseload", ids.get(ids.size() - 1));
        assertEquals(3 + 6 + 6 + 5 + 8 + 1, ids.size());

        TableSpec byYear = c.table("referrals-by-year").orElseThrow();
        assertNull(byYear.rowDimension());
        assertEquals(List.of(Header.TOTAL), byYear.rows());
        assertEquals(6, byYear.columns().size());
        assertTrue(byYear.columns().get(5).partial());

        TableSpec eth = c.table("referrals-by-ethnicity").orElseThrow();
        assertEquals(Dimension.ETHNICITY, eth.rowDimension());
        assertEquals(CodeLists.ETHNICITIES.size(), eth.rows().size());
        assertEquals("WBRI", eth.rows().get(0).code());
        assertEquals("White British", eth.rows().get(0).label());
        assertEquals(List.of("2022/23", "2023/24", "2024/25"), eth.columns().stream().map(Header::code).toList());

        TableSpec outcomes = c.table("referral-outcomes-by-ethnicity-2024-25").orElseThrow();
        assertEquals(Map.of("fy", "2024/25", "partial", true), outcomes.fixed());
        assertEquals("Referral outcomes by ethnicity, 2024/25 (to date)", outcomes.title());
        assertEquals(Dimension.OUTCOME, outcomes.columnDimension());

        TableSpec age = c.table("assessments-by-age").orElseThrow();
        assertEquals(Dimension.FY, age.rowDimension());
        assertEquals(5, age.rows().size());
        assertEquals("16 years and over", age.columns().get(4).label());

        // Snapshots exist for completed years only.
        assertEquals(5, c.table("cp-plans-open-by-year").orElseThrow().columns().size());
        TableSpec caseload = c.table("caseload").orElseThrow();
        assertEquals(5, caseload.columns().size());
        assertFalse(caseload.columns().stream().anyMatch(Header::partial));
        assertFalse(caseload.rowTotals());
    }

    @Test
    void totalsOverYearsSumTheYearsShown() {
        Catalogue c = Catalogue.build("331", List.of("2021/22", "2022/23", "2023/24"), List.of("2023/24"));
        TableSpec eth = c.table("referrals-by-ethnicity").orElseThrow();
        List<CellRef> rowTotal = TableLayout.refs(eth, 0, 3);
        assertEquals(3, rowTotal.size());
        assertEquals("referrals|2021/22|ethnicity=WBRI", rowTotal.get(0).key());
        List<CellRef> columnTotal = TableLayout.refs(eth, eth.rows().size(), 1);
        assertEquals(List.of(CellRef.total(org.cscstats.contract.Measure.REFERRALS, "2022/23")), columnTotal);
        assertEquals(3, TableLayout.refs(eth, eth.rows().size(), 3).size());

        TableSpec outcomes = c.table("referral-outcomes-by-ethnicity-2022-23").orElseThrow();
        assertEquals("outcome=nfa|ethnicity=WBRI", TableLayout.refs(outcomes, 0, 1).get(0).cellKey());
        assertEquals("ethnicity=WBRI", TableLayout.refs(outcomes, 0, 6).get(0).cellKey());
        assertEquals("", TableLayout.refs(outcomes, outcomes.rows().size(), 6).get(0).cellKey());
    }
}
