package org.cscstats.suppression.scratch;

import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.bench.SyntheticLa;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.service.AuditedProtection;
import org.cscstats.suppression.service.ReleaseProtection;
import org.junit.jupiter.api.Test;

class AuditSpeedScratch {
    @Test
    void speed() {
        for (int size : new int[] {150, 5000}) {
            List<Cube> cubes = SyntheticLa.generate(new SyntheticLa.Spec("331", 1, 5, size, 1.0));
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                ReleaseProtection.Protected p = new AuditedProtection().protect("331", "331-1", cubes, Policy.FOI, List.of());
                long t1 = System.nanoTime();
                System.out.printf("size %d: protect+audit %d ms checked %s escalations %s%n", size, (t1 - t0) / 1000000,
                    p.audit().get("checked"), p.audit().get("escalations"));
            }
        }
    }
}
