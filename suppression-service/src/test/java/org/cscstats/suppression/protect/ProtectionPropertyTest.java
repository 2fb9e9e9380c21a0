package org.cscstats.suppression.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.bench.SyntheticLa;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.policy.Zeros;
import org.cscstats.suppression.support.Checks;
import org.cscstats.suppression.support.Truth;

/**
 * Random LAs (from a handful of referrals a year to thousands, realistic to very sparse code frequencies), every
 * catalogue table, each policy: after protection the independent audit must find nothing narrower than p.
 */
class ProtectionPropertyTest {

    @Property(tries = 14, shrinking = ShrinkingMode.OFF, seed = "20240814")
    void protectedReleasesLeakNothing(@ForAll @IntRange(min = 1, max = 1_000_000) int seed,
            @ForAll @IntRange(min = 2, max = 4) int years, @ForAll("sizes") int size,
            @ForAll @DoubleRange(min = 1.0, max = 2.5) double skew, @ForAll("policies") Policy policy) {
        // Rounding frees every printed figure, which makes the audit's LP large: keep those LAs smaller.
        int perYear = policy.rounding() != null ? Math.min(size, 800) : size;
        List<Cube> cubes = SyntheticLa.generate(new SyntheticLa.Spec("900", seed, years, perYear, skew));
        Catalogue catalogue = Catalogue.defaultFor(cubes);
        ReleaseProtector.Run run = ReleaseProtector.run(catalogue, cubes, policy, null);
        ProtectedRelease release = run.release();
        assertEquals(List.of(), release.report().unprotectable());
        Truth truth = new Truth(catalogue, cubes, policy);
        Checks.noSmallCountShown(release.tables(), truth, policy);
        AuditReport audit = Audit.run(release.tables(), policy);
        Checks.noLeaks(release.tables(), audit, truth);
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.of(8, 40, 150, 600, 2500);
    }

    @Provide
    Arbitrary<Policy> policies() {
        return Arbitraries.of(Policy.FOI, Policy.DFE, Policy.NHS,
                Policy.of("foi-zeros-withheld", 5, Zeros.SUPPRESSED, "<5", "[c]", null));
    }
}
