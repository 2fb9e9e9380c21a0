package org.cscstats.suppression.foi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.audit.AuditCell;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit on Coventry's reply FOI633495667: what its linked tables give away. */
class CoventryAuditTest {

    static List<PublishedTable> tables;
    static AuditReport report;

    @BeforeAll
    static void audit() throws IOException {
        try (InputStream in = CoventryAuditTest.class.getResourceAsStream("/foi/coventry-FOI633495667.md")) {
            assertNotNull(in, "test resource missing");
            tables = CoventryReply.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        report = Audit.run(tables, Policy.FOI);
        Path out = Path.of("target", "coventry-leaks.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, LeakList.markdown("Coventry FOI633495667: cells the reply gives away", tables, report,
                Policy.FOI.protection()));
    }

    @Test
    void parsesEveryTable() {
        assertEquals(7, tables.size());
        PublishedTable q2 = tables.get(1);
        assertEquals(21, q2.rows().size());
        assertEquals(3, q2.columns().size());
        assertEquals(6, tables.get(4).columns().size());
    }

    @Test
    void chineseChildInNeedPlan2022IsRecoveredAsOne() {
        AuditCell cell = find("coventry-referral-outcomes-by-ethnicity-2022-23", "CHNE", "cin-plan");
        assertEquals(1.0, cell.min(), 1e-6);
        assertEquals(1.0, cell.max(), 1e-6);
        assertTrue(cell.exact());
    }

    @Test
    void notStated2021ContradictionIsReported() {
        assertTrue(report.violations().stream().anyMatch(v -> v.relation().contains("2021/22")
                && v.relation().contains("not-stated")), () -> report.violations().toString());
    }

    @Test
    void manyCellsLeak() {
        assertTrue(report.exact().size() > 10, "exact recoveries: " + report.exact().size());
        System.out.println("Coventry: " + report.cells().size() + " withheld, " + report.exact().size() + " exact, "
                + report.narrowed(3).size() + " narrowed, " + report.violations().size() + " violations");
    }

    private static AuditCell find(String table, String row, String column) {
        return report.cells().stream().filter(c -> c.table().equals(table) && c.row().equals(row)
                && c.column().equals(column)).findFirst().orElseThrow();
    }
}
