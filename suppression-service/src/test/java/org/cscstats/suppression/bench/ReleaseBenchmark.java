package org.cscstats.suppression.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.service.AuditedProtection;
import org.cscstats.suppression.service.EarlierRelease;
import org.cscstats.suppression.service.ReleaseProtection;
import org.cscstats.suppression.support.LaHistory;

/**
 * Times what making a release costs the service: protection, escalation and the independent integer audit (the
 * new release with the one before, and what older ones implied carried per figure). First one small, sparse LA (400 referrals a year) over {@code earlier + 2}
 * releases, then one Coventry-sized LA (5 years, about 5,000 referrals a year, every catalogue table) with its
 * earlier releases; then {@code las} LAs of realistic sizes, each with {@code earlier}
 * releases before the one timed (new, late, corrected and retracted records between them). Writes
 * {@code target/release-benchmark.md}.
 *
 * <p>Run: {@code ./mvnw -q -pl suppression-service test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/cp.txt}, then in {@code suppression-service/}: {@code java -cp
 * target/test-classes:target/classes:$(cat target/cp.txt) org.cscstats.suppression.bench.ReleaseBenchmark 150 4}.
 */
public final class ReleaseBenchmark {

    public static void main(String[] args) throws Exception {
        int las = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int earlier = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Policy policy = Policy.FOI;
        StringBuilder md = new StringBuilder("# Release benchmark: protection + integer audit\n\n");
        md.append(String.format(Locale.ROOT, "Java %s, %d processors, policy %s; each release is protected and "
                + "audited jointly with every earlier release of its LA.%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), policy.name()));
        md.append("## One small LA (5 years, 400 referrals a year, sparse)\n\n| release | ms |\n|---|---|\n");
        long[] small = sequence("331", 7, 5, 400, earlier + 2, policy);
        for (int k = 0; k < small.length; k++) {
            md.append("| ").append(k + 1).append(" | ").append(small[k] / 1_000_000).append(" |\n");
        }
        md.append("\n## One Coventry-sized LA (5 years, ~5,000 referrals a year)\n\n| release | ms |\n|---|---|\n");
        long[] coventry = sequence("331", 1, 5, 5000, earlier + 1, policy);
        for (int k = 0; k < coventry.length; k++) {
            md.append("| ").append(k + 1).append(" | ").append(coventry[k] / 1_000_000).append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "%n## %d LAs (5 years, referrals a year log-uniform 150–12,000), the "
                + "release after %d earlier ones%n%n", las, earlier));
        Random sizes = new Random(2024);
        long[] last = new long[las];
        long total = 0;
        for (int i = 0; i < las; i++) {
            int perYear = (int) Math.round(Math.exp(Math.log(150) + sizes.nextDouble() * Math.log(12000.0 / 150)));
            long[] t = sequence(String.format(Locale.ROOT, "%03d", 300 + i), i, 5, perYear, earlier + 1, policy);
            last[i] = t[t.length - 1];
            total += last[i];
            System.out.printf(Locale.ROOT, "LA %d (%d referrals a year): %d ms%n", i + 1, perYear, last[i] / 1_000_000);
        }
        long[] sorted = last.clone();
        Arrays.sort(sorted);
        if (las > 0) { // 0 LAs: the first two sections only
            md.append(String.format(Locale.ROOT, "| total s | median ms | 95th percentile ms | max ms |%n"
                    + "|---|---|---|---|%n| %.1f | %d | %d | %d |%n", total / 1e9, sorted[las / 2] / 1_000_000,
                    sorted[(int) (las * 0.95)] / 1_000_000, sorted[las - 1] / 1_000_000));
        }
        Path out = Path.of("target", "release-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    /** Wall time of each release of one LA, in nanoseconds. */
    private static long[] sequence(String la, long seed, int years, int perYear, int releases, Policy policy) {
        LaHistory history = new LaHistory(la, seed, years, perYear, 1.0);
        List<EarlierRelease> made = new ArrayList<>();
        AuditedProtection protection = new AuditedProtection(); // one per service, as the bean is
        long[] wall = new long[releases];
        for (int k = 0; k < releases; k++) {
            List<Cube> cubes = history.cubes();
            String id = la + "-" + (k + 1);
            long t0 = System.nanoTime();
            ReleaseProtection.Protected r = protection.protect(la, id, cubes, policy, made);
            wall[k] = System.nanoTime() - t0;
            System.out.printf(Locale.ROOT, "%s release %d (%d referrals a year): %d ms%n", la, k + 1, perYear,
                    wall[k] / 1_000_000);
            made.add(new EarlierRelease(id, policy, r.tables(), cubes));
            history.advance(0.12);
        }
        return wall;
    }

    private ReleaseBenchmark() {
    }
}
