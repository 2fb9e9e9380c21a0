package org.cscstats.suppression.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.protect.ProtectionReport;
import org.cscstats.suppression.protect.ReleaseProtector;

/**
 * Times protection: one Coventry-sized LA's whole release (5 years, about 5,000 referrals a year, every catalogue
 * table) under each preset, then 150 LAs of realistic sizes one after another. Wall and CPU time (the machine
 * may be shared). Writes {@code target/benchmark.md}.
 *
 * <p>Arguments (optional): number of LAs (150), years (5), output path.
 */
public final class ProtectBenchmark {

    public static void main(String[] args) throws Exception {
        int las = args.length > 0 ? Integer.parseInt(args[0]) : 150;
        int years = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path out = Path.of(args.length > 2 ? args[2] : "target/benchmark.md");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        StringBuilder md = new StringBuilder("# Protection benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Java %s, %d available processors; times are per release, after "
                + "warm-up; CPU = this thread's CPU time.%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));

        List<Cube> one = SyntheticLa.generate(new SyntheticLa.Spec("331", 1, years, 5000, 1.0));
        Catalogue cat = Catalogue.defaultFor(one);
        md.append("## One LA (").append(years).append(" years, ~5,000 referrals a year, ").append(cat.tables().size())
                .append(" tables)\n\n| policy | unknowns | constraints | primary | secondary | median wall ms | "
                        + "median CPU ms | max wall ms |\n|---|---|---|---|---|---|---|---|\n");
        for (Policy p : Policy.PRESETS) {
            for (int w = 0; w < 3; w++) {
                ReleaseProtector.run(cat, one, p, List.of()).release();
            }
            int reps = 7;
            long[] wall = new long[reps];
            long[] cpu = new long[reps];
            ProtectionReport r = null;
            for (int i = 0; i < reps; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                r = ReleaseProtector.run(cat, one, p, List.of()).release().report();
                wall[i] = System.nanoTime() - t0;
                cpu[i] = mx.getCurrentThreadCpuTime() - c0;
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.0f | %.0f | %.0f |%n", p.name(),
                    r.unknowns(), r.constraints(), r.primary(), r.secondary(), median(wall) / 1e6,
                    median(cpu) / 1e6, Arrays.stream(wall).max().getAsLong() / 1e6));
            System.out.print(md);
        }

        md.append("\n## ").append(las).append(" LAs one after another (").append(years)
                .append(" years each, referrals a year log-uniform 150–12,000)\n\n| policy | total wall s | total CPU s "
                        + "| median ms | 95th percentile ms | max ms | unprotectable cells |\n|---|---|---|---|---|---|---|\n");
        for (Policy p : Policy.PRESETS) {
            Random sizes = new Random(2024);
            long[] wall = new long[las];
            long cpuTotal = 0;
            long wallTotal = 0;
            int unprotectable = 0;
            for (int i = 0; i < las; i++) {
                int perYear = (int) Math.round(Math.exp(Math.log(150) + sizes.nextDouble() * Math.log(12000.0 / 150)));
                List<Cube> cubes = SyntheticLa.generate(new SyntheticLa.Spec(String.format("%03d", 300 + i), i,
                        years, perYear, 1.0));
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                ProtectionReport r = ReleaseProtector.protect(cubes, p, List.of()).report();
                wall[i] = System.nanoTime() - t0;
                cpuTotal += mx.getCurrentThreadCpuTime() - c0;
                wallTotal += wall[i];
                unprotectable += r.unprotectable().size();
            }
            long[] sorted = wall.clone();
            Arrays.sort(sorted);
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f | %.0f | %.0f | %d |%n", p.name(),
                    wallTotal / 1e9, cpuTotal / 1e9, sorted[las / 2] / 1e6, sorted[(int) (las * 0.95)] / 1e6,
                    sorted[las - 1] / 1e6, unprotectable));
            System.out.println(p.name() + " done");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private ProtectBenchmark() {
    }
}
