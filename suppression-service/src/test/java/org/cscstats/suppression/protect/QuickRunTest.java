package org.cscstats.suppression.protect;

import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.bench.SyntheticLa;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.support.Truth;
import org.junit.jupiter.api.Test;

class QuickRunTest {
    @Test
    void run() {
        for (Policy p : Policy.PRESETS) {
            List<Cube> cubes = SyntheticLa.generate(new SyntheticLa.Spec("331", 7, 5, 4800, 1.0));
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            Catalogue cat = Catalogue.defaultFor(cubes);
            ReleaseProtector.Run run = ReleaseProtector.run(cat, cubes, p, null);
            long c1 = mx.getCurrentThreadCpuTime();
            AuditReport a = Audit.run(run.release().tables(), p);
            long c2 = mx.getCurrentThreadCpuTime();
            Truth truth = new Truth(cat, cubes, p);
            var leaks = truth.leaks(run.release().tables(), a);
            long c3 = mx.getCurrentThreadCpuTime();
            System.out.println(p.name() + " protect cpu " + (c1 - c0) / 1e6 + " audit cpu " + (c2 - c1) / 1e6
                    + " leakcheck " + (c3 - c2) / 1e6 + " suppressed " + a.cells().size() + " narrow "
                    + a.leaks(p.protection()).size() + " leaks " + leaks + " violations " + a.violations());
        }
    }
}
