package org.cscstats.suppression.protect;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.service.AuditedProtection;
import org.cscstats.suppression.service.EarlierRelease;
import org.cscstats.suppression.service.ReleaseProtection;
import org.cscstats.suppression.support.Checks;
import org.cscstats.suppression.support.LaHistory;

/**
 * Random LAs (a few hundred to about 15,000 children a year; realistic to very sparse codes) and sequences of
 * releases with new, late, corrected and retracted records between them: every release is made as the service
 * makes it (protection, escalation, the audit it must pass), and then checked from outside with every release read
 * together by the carry-over attacker (docs/disclosure.md), with the truth as the oracle.
 */
class ReleaseSequencePropertyTest {

    /** Small and very sparse LAs, where most cells are small counts, over 4 releases (4–8 with the long run). */
    @Property(tries = 1, shrinking = ShrinkingMode.OFF, seed = "20261203")
    void everyReleaseOfALongSequenceLeaksNothing(@ForAll @IntRange(min = 1, max = 1_000_000) int seed,
            @ForAll("smallSizes") int referralsPerYear, @ForAll("skews") double skew,
            @ForAll("longRuns") int releases, @ForAll("policies") Policy policy) {
        sequence(seed, referralsPerYear, skew, releases, policy);
    }

    /** LAs up to about 15,000 children, over 2 releases in the build (4–8 with the long run). */
    @Property(tries = 2, shrinking = ShrinkingMode.OFF, seed = "20261202")
    void everyReleaseOfASequenceLeaksNothing(@ForAll @IntRange(min = 1, max = 1_000_000) int seed,
            @ForAll("sizes") int referralsPerYear, @ForAll("skews") double skew,
            @ForAll("shortRuns") int releases, @ForAll("policies") Policy policy) {
        sequence(seed, referralsPerYear, skew, releases, policy);
    }

    private static void sequence(int seed, int referralsPerYear, double skew, int releases, Policy policy) {
        LaHistory history = new LaHistory("900", seed, 3, referralsPerYear, skew);
        List<EarlierRelease> made = new ArrayList<>();
        AuditedProtection protection = new AuditedProtection(); // one per service, as the bean is
        for (int k = 1; k <= releases; k++) {
            long t0 = System.nanoTime();
            List<Cube> cubes = history.cubes();
            String id = "900-" + k;
            ReleaseProtection.Protected release = protection.protect("900", id, cubes, policy, made);
            Checks.noSmallCountShown(release.tables(), cubes, policy);
            made.add(new EarlierRelease(id, policy, release.tables(), cubes));
            history.advance(0.12);
            System.out.printf("sequence: %d referrals a year, skew %.1f, %s, release %d: %d ms%n", referralsPerYear, skew,
                    policy.name(), k, (System.nanoTime() - t0) / 1_000_000);
        }
        Checks.noLeaksAcross(made);
    }

    /**
     * The cost of a release grows with the LA and the releases before it (docs/disclosure.md › Cost), so the build
     * runs 4 releases of small LAs and 2 of larger ones; {@code -Dsequence.long=true} runs the full range
     * (4–8 releases at every size, up to about 15,000 children) for a statistician checking our work (an hour or
     * more on 2 cores).
     */
    private static final boolean LONG = Boolean.getBoolean("sequence.long");

    @Provide
    Arbitrary<Integer> longRuns() {
        return LONG ? Arbitraries.integers().between(4, 8) : Arbitraries.just(4);
    }

    @Provide
    Arbitrary<Integer> shortRuns() {
        return LONG ? Arbitraries.integers().between(4, 8) : Arbitraries.just(2);
    }

    @Provide
    Arbitrary<Integer> smallSizes() {
        return Arbitraries.of(60, 150);
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.of(400, 1500, 5000);
    }

    @Provide
    Arbitrary<Double> skews() {
        return Arbitraries.of(1.0, 2.0);
    }

    @Provide
    Arbitrary<Policy> policies() {
        return Arbitraries.of(Policy.FOI, Policy.DFE);
    }
}
