package org.cscstats.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.cscstats.local.LocalSystem;

/**
 * Command line of the benchmarks; run through {@code ./bench.sh}. Results go to stderr as it runs, then as
 * Markdown to stdout and to the --out file.
 */
public final class BenchMain {
    private static final String USAGE = """
            usage: bench.sh national [--las 150] [--year 2025] [--batch 1000] [--concurrency 4]
                                     [--freshness-seconds 60] [--freshness-rate 2000] [--api-seconds 20] [--polls 200]
                                     [--out FILE] [--data DIR]
                   bench.sh soak     [--seconds 600] [--rate 2000] [--polls 200] [--release-every 120]
                                     [--out FILE] [--data DIR]
            """;

    private BenchMain() {
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // stops every helper thread; LocalSystem's processes were closed on the way out
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("national") || args[0].equals("soak"))) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.print(USAGE);
                System.exit(2);
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        Path root = LocalSystem.projectRoot();
        Path data = Files.createTempDirectory(Path.of(opts.getOrDefault("data", System.getProperty("java.io.tmpdir"))), "cscstats-bench-");
        String command = "./bench.sh " + String.join(" ", args);
        Report report;
        Path out;
        if (args[0].equals("national")) {
            report = new Report("National-scale benchmark", command);
            out = root.resolve(opts.getOrDefault("out", "deploy/bench/target/national.md"));
            new NationalRun(new NationalRun.Options(
                    intOpt(opts, "las", 150), intOpt(opts, "year", 2025), intOpt(opts, "batch", 1000),
                    intOpt(opts, "concurrency", 4), intOpt(opts, "freshness-seconds", 60),
                    intOpt(opts, "freshness-rate", 2000), intOpt(opts, "api-seconds", 20), intOpt(opts, "polls", 200),
                    data), report).run();
        } else {
            report = new Report("Soak run", command);
            out = root.resolve(opts.getOrDefault("out", "deploy/bench/target/soak.md"));
            SoakRun.Result r = new SoakRun(new SoakRun.Options(intOpt(opts, "seconds", 600), intOpt(opts, "rate", 2000),
                    intOpt(opts, "polls", 200), Duration.ofSeconds(intOpt(opts, "release-every", 120)), data), report).run();
            report.note("Verdict: " + (r.nothingLost() ? "nothing lost" : "EVENTS LOST") + ", "
                    + (r.apiErrors() == 0 ? "no API errors" : r.apiErrors() + " API ERRORS") + ", "
                    + (r.memoryFlat() ? "memory flat" : "MEMORY GROWING") + ".");
        }
        report.write(out);
        System.out.println(report.markdown());
        System.err.println("Written to " + out + " (run data in " + data + ")");
    }

    private static int intOpt(Map<String, String> opts, String name, int dflt) {
        return opts.containsKey(name) ? Integer.parseInt(opts.get(name)) : dflt;
    }
}
