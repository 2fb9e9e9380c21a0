package org.cscstats.suppression.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.audit.AuditCell;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.audit.ReleaseHistory;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.service.AuditedProtection;
import org.cscstats.suppression.support.Oracle;
import org.junit.jupiter.api.Test;

/**
 * Ours against the common manual practice (withhold the smallest other figure of any row or column with a
 * single withheld figure, table by table; zeros shown, {@code [c]} for secondary cells) on the same generated
 * releases: what each withholds and what the independent integer audit then recovers. No cell is excused: every
 * small count narrower than p is a leak. Writes {@code target/baseline-comparison.md}.
 */
class BaselineComparisonTest {

    record Case(String name, SyntheticLa.Spec spec) {
    }

    static final List<Case> CASES = List.of(
            new Case("small LA, 3 years, ~150 referrals/year", new SyntheticLa.Spec("901", 1, 3, 150, 1.0)),
            new Case("medium LA, 3 years, ~1,200 referrals/year", new SyntheticLa.Spec("902", 2, 3, 1200, 1.0)),
            new Case("Coventry-sized LA, 3 years, ~5,000 referrals/year", new SyntheticLa.Spec("903", 3, 3, 5000, 1.0)),
            new Case("sparse LA, 4 years, ~600 referrals/year, rare codes rarer", new SyntheticLa.Spec("904", 4, 4, 600, 1.8)));

    record Tally(int withheld, long hidden, int primary, int exact, int narrowed) {
    }

    @Test
    void oursLeaksNothingTheBaselineLeaks() throws IOException {
        StringBuilder md = new StringBuilder("# Secondary suppression: ours against the row/column baseline\n\n");
        md.append("Same generated releases (every linked catalogue table); counts are printed table positions "
                + "(a figure printed in two tables counts twice). *Leaked* = small counts the independent integer "
                + "audit narrows below p; *exact* = recovered exactly.\n\n| release | policy | method | withheld | "
                + "of which primary | value hidden | leaked | exact |\n|---|---|---|---|---|---|---|---|\n");
        int baselineLeaks = 0;
        for (Policy policy : List.of(Policy.FOI, Policy.DFE)) {
            for (Case c : CASES) {
                List<Cube> cubes = SyntheticLa.generate(c.spec());
                Catalogue catalogue = Catalogue.defaultFor(cubes);
                List<PublishedTable> ours = new AuditedProtection().protect(c.spec().la(), c.spec().la() + "-1",
                        cubes, policy, List.of()).tables().stream().filter(t -> !t.measure().equals("caseload")).toList();
                List<PublishedTable> baseline = RowColumnBaseline.protect(catalogue, cubes, policy);
                Tally o = tally(ours, cubes, policy);
                Tally b = tally(baseline, cubes, policy);
                assertEquals(0, o.narrowed(), c.name() + " " + policy.name());
                baselineLeaks += b.narrowed();
                row(md, c.name(), policy, "ours", o);
                if (policy.groupDisclosure() > 0) {
                    // What the group rule costs: the same release with small counts alone protected.
                    Policy small = policy.withGroupDisclosure(0);
                    List<PublishedTable> alone = new AuditedProtection().protect(c.spec().la(), c.spec().la() + "-1",
                            cubes, small, List.of()).tables().stream().filter(t -> !t.measure().equals("caseload"))
                            .toList();
                    row(md, c.name(), policy, "ours without the group rule", tally(alone, cubes, small));
                }
                row(md, c.name(), policy, "row/column baseline", b);
            }
        }
        assertTrue(baselineLeaks > 0, "the baseline should leak somewhere");
        Path out = Path.of("target", "baseline-comparison.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    private static void row(StringBuilder md, String name, Policy p, String method, Tally t) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %d | %d |%n", name, p.name(), method,
                t.withheld(), t.primary(), t.hidden(), t.narrowed(), t.exact()));
    }

    private static Tally tally(List<PublishedTable> tables, List<Cube> cubes, Policy policy) {
        Oracle truth = new Oracle(tables, cubes);
        int withheld = 0;
        int primary = 0;
        long hidden = 0;
        for (PublishedTable t : tables) {
            for (int r = 0; r <= t.rows().size(); r++) {
                for (int c = 0; c <= t.columns().size(); c++) {
                    PublishedCell cell = t.at(r, c);
                    if (cell != null && cell.isSuppressed()) {
                        withheld++;
                        long v = truth.value(t, r, c);
                        hidden += v;
                        primary += policy.isPrimary(v) ? 1 : 0;
                    }
                }
            }
        }
        AuditReport audit = Audit.run(List.of(new Audit.Release("r", tables, policy)), ReleaseHistory.SINGLE,
                c -> policy.isPrimary(truth.value(c)), policy.protection());
        List<AuditCell> leaks = audit.leaks(policy.protection());
        int exact = (int) leaks.stream().filter(AuditCell::recovered).count();
        return new Tally(withheld, hidden, primary, exact, leaks.size());
    }
}
