package org.cscstats.suppression.audit;

import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.bench.SyntheticLa;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.protect.ReleaseProtector;
import org.junit.jupiter.api.Test;

class AuditSpeedTest {
    @Test
    void run() {
        for (Policy p : Policy.PRESETS) {
            List<Cube> cubes = SyntheticLa.generate(new SyntheticLa.Spec("331", 7, 5, 4800, 1.0));
            var rel = ReleaseProtector.protect(Catalogue.defaultFor(cubes), cubes, p, null);
            for (int rep = 0; rep < 2; rep++) {
                long t0 = System.nanoTime();
                AuditReport a = Audit.run(rel.tables(), p);
                System.out.println(p.name() + " full audit: " + (System.nanoTime() - t0) / 1e6 + " ms; " + a.cells().size() + " cells, narrow " + a.leaks(p.protection()).size());
            }
        }
    }
}
