package org.cscstats.suppression.protect;

import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.bench.SyntheticLa;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.policy.Policy;
import org.junit.jupiter.api.Test;

class QuickRunTest {
    @Test
    void run() {
        for (int size : new int[] {5000}) {
            for (Policy p : Policy.PRESETS) {
                List<Cube> cubes = SyntheticLa.generate(new SyntheticLa.Spec("331", 1, 5, size, 1.0));
                Catalogue cat = Catalogue.defaultFor(cubes);
                for (int rep = 0; rep < 3; rep++) {
                    java.util.Arrays.fill(Protector.PROF, 0);
                    for (long[] l : Protector.LEVEL) java.util.Arrays.fill(l, 0);
                    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
                    long c0 = mx.getCurrentThreadCpuTime();
                    ReleaseProtector.Run run = ReleaseProtector.run(cat, cubes, p, null);
                    long c1 = mx.getCurrentThreadCpuTime();
                    var r = run.release().report();
                    long[] f = Protector.PROF;
                    if (rep == 2) {
                        System.out.printf("%d %s cpu %.0f ms; prim %d sec %d rem %d lps %d | attack %.0f ms (%d) min-attack %.0f (%d) repair %.0f (%d) limit %.0f (%d) minimise %.0f propagate %d limited %d%n",
                                size, p.name(), (c1 - c0) / 1e6, r.primary(), r.secondary(), r.secondaryRemovedByMinimisation(), r.lpSolves(),
                                f[0] / 1e6, f[1], f[2] / 1e6, f[3], f[4] / 1e6, f[5], f[6] / 1e6, f[7], f[8] / 1e6, f[9], r.limited().size());
                        for (int l = 1; l <= 3; l++) System.out.printf("   level %d: %d LPs, avg scope %d, %.0f ms%n", l, Protector.LEVEL[l][0], Protector.LEVEL[l][0] == 0 ? 0 : Protector.LEVEL[l][1] / Protector.LEVEL[l][0], Protector.LEVEL[l][2] / 1e6);
                    }
                }
            }
        }
    }
}
