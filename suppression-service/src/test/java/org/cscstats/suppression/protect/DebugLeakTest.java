package org.cscstats.suppression.protect;

import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.bench.SyntheticLa;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.policy.Policy;
import org.junit.jupiter.api.Test;

class DebugLeakTest {
    @Test
    void run() {
        Policy p = Policy.DFE;
        List<Cube> cubes = SyntheticLa.generate(new SyntheticLa.Spec("331", 7, 5, 4800, 1.0));
        Catalogue cat = Catalogue.defaultFor(cubes);
        ReleaseProtector.Run run = ReleaseProtector.run(cat, cubes, p, null);
        LinkedSystem sys = run.system();
        System.out.println("limited " + run.release().report().limited());
        String k = "referral-outcomes|2024/25|outcome=no-assessment|ethnicity=ABAN";
        int x = sys.indexOf(k);
        System.out.println(k + " v=" + sys.unknown(x).value() + " " + run.result().status()[x]);
        Protector.MAX_SCOPE = 100000;
        System.out.println("sizes " + Protector.scopeSizes(sys, p, run.result().status(), x));
        Protector.MAX_SCOPE = 1200;
        for (double tau : new double[] {-3, -1, 1, 2, 3, 4}) {
            Witness w = Protector.witnessFor(sys, p, run.result().status(), x, tau);
            System.out.println("tau " + tau + ": " + (w == null ? "none" : "found"));
            if (w != null && Math.abs(tau) >= 2) {
                for (int u : w.vars()) {
                    System.out.println("  " + sys.unknown(u).key() + " v=" + sys.unknown(u).value() + " " + run.result().status()[u] + " dev " + w.dev(u));
                }
            }
        }
        AuditReport a = Audit.run(run.release().tables(), p, c -> c.row().equals("ABAN") && c.table().contains("2024-25"));
        a.cells().forEach(System.out::println);
    }
}
