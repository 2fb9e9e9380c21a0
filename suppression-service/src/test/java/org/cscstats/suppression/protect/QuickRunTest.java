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
        for (int rep = 0; rep < 1; rep++) {
            for (Policy p : Policy.PRESETS) {
                List<Cube> cubes = SyntheticLa.generate(new SyntheticLa.Spec("331", 7, 5, 4800, 1.0));
                var mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                ReleaseProtector.Run run = ReleaseProtector.run(Catalogue.defaultFor(cubes), cubes, p, null);
                System.out.println(p.name() + " " + run.release().report().toString().replaceAll("limited=\\[[^]]*\\]", "limited=" + run.release().report().limited().size()) + " " + (System.nanoTime() - t0) / 1e6 + " ms wall, cpu " + (mx.getCurrentThreadCpuTime() - c0) / 1e6 + " ms");
                PerturbationSolver.stats.forEach((k, v) -> System.out.println("  " + k + " n=" + v[0] + " ms=" + v[1] / 1e6 + " rows=" + v[2] / v[0] + " iters=" + v[3] / v[0]));
                PerturbationSolver.stats.clear();
            }
        }
    }
}
