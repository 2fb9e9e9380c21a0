package org.cscstats.suppression.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.bench.SyntheticLa;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.foi.CoventryReply;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.protect.ReleaseProtector;
import org.junit.jupiter.api.Test;

/** The audit's fast warm-started simplex and ojAlgo's LP must give the same intervals and the same violations. */
class AuditEngineCrossCheckTest {

    @Test
    void coventry() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/foi/coventry-FOI633495667.md")) {
            List<PublishedTable> tables = CoventryReply.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            same(tables, Policy.FOI);
        }
    }

    @Test
    void protectedReleases() {
        List<Cube> cubes = SyntheticLa.generate(new SyntheticLa.Spec("331", 9, 2, 80, 1.2));
        for (Policy p : Policy.PRESETS) {
            same(ReleaseProtector.protect(cubes, p, null).tables(), p);
        }
    }

    private static void same(List<PublishedTable> tables, Policy policy) {
        AuditReport fast = Audit.runReleases(List.of(tables), policy, c -> true, Audit.Engine.SIMPLEX);
        AuditReport oj = Audit.runReleases(List.of(tables), policy, c -> true, Audit.Engine.OJALGO);
        assertEquals(oj.violations(), fast.violations());
        assertEquals(oj.cells().size(), fast.cells().size());
        for (int i = 0; i < oj.cells().size(); i++) {
            AuditCell a = oj.cells().get(i);
            AuditCell b = fast.cells().get(i);
            assertEquals(a.table() + a.row() + a.column(), b.table() + b.row() + b.column());
            assertEquals(a.min(), b.min(), 1e-6, a.toString());
            if (a.max() == null) {
                assertEquals(null, b.max(), a.toString());
            } else {
                assertEquals(a.max(), b.max(), 1e-6, a.toString());
            }
        }
    }
}
