package org.cscstats.local.generator;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.cscstats.contract.CaseEvent;

/**
 * Command line: generate synthetic case events and write them as NDJSON, send them to an ingest service, or
 * just count them (to time the generator). Progress and totals go to stderr.
 */
public final class GenerateMain {
    private static final String USAGE = """
            usage: GenerateMain [options] (--out FILE | --out - | --send URL --key KEY | --count)
              --las N              LAs, in order 331 Coventry, 856 Leicester, 201, 202, … (default 1, max 153)
              --from YYYY          first financial year by start year, 2021 = 2021/22 (default 2021)
              --to YYYY            last financial year (default 2023)
              --seed S             (default 42)
              --referrals MEAN     mean referrals per LA per year (default 4300; Coventry is 1.16 × this)
              --today YYYY-MM-DD   nothing is dated after it (default 2026-11-23)
              --clean              no messiness at all
              --duplicates R  --late R  --out-of-order R  --window DAYS  --corrections R  --retractions R
                                   messiness rates (defaults 0.01, 0.005, 0.05, 7, 0.05, 0.005)
              --concurrency N      requests in flight when sending (default 4)
              --batch N            events per request when sending (default 1000)
            """;
    private static final Set<String> FLAGS = Set.of("--clean", "--count", "--help");
    private static final Set<String> VALUED = Set.of("--las", "--from", "--to", "--seed", "--referrals", "--today",
            "--duplicates", "--late", "--out-of-order", "--window", "--corrections", "--retractions",
            "--concurrency", "--batch", "--out", "--send", "--key");

    private GenerateMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.err));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
    }

    /** @return the exit code */
    static int run(String[] args, PrintStream log) {
        Map<String, String> opts = parse(args);
        if (opts.containsKey("--help")) {
            log.print(USAGE);
            return 0;
        }
        GeneratorConfig config = config(opts);
        CaseHistoryGenerator generator = new CaseHistoryGenerator(config);
        for (LaProfile la : generator.las()) {
            log.printf("LA %s (%s): ~%,.0f referrals/year, %d workers%n", la.code(), la.source(),
                    la.referralsPerYear().stream().mapToDouble(Double::doubleValue).average().orElse(0),
                    la.workers().size());
        }
        if (opts.containsKey("--send")) {
            String key = opts.get("--key");
            if (key == null) {
                throw new IllegalArgumentException("--send needs --key");
            }
            IngestSender sender = new IngestSender(URI.create(opts.get("--send")), key,
                    integer(opts, "--concurrency", IngestSender.DEFAULT_CONCURRENCY),
                    integer(opts, "--batch", IngestSender.DEFAULT_BATCH));
            try {
                SendReport report = sender.send(generator.iterator(), r -> log.println("… " + r));
                log.println(report);
                return 0;
            } catch (IngestSender.IngestException e) {
                log.println("send failed: " + e.getMessage());
                return 1;
            }
        }
        long start = System.nanoTime();
        long count;
        if (opts.containsKey("--out")) {
            count = write(generator.iterator(), opts.get("--out"));
        } else if (opts.containsKey("--count")) {
            count = generator.forEach(e -> {
            });
        } else {
            throw new IllegalArgumentException("say where the events go: --out, --send or --count");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log.printf("%,d events in %.2f s: %,.0f events/s%n", count, seconds, count / seconds);
        return 0;
    }

    private static long write(Iterator<CaseEvent> events, String target) {
        if (!target.equals("-")) {
            return NdjsonWriter.write(events, Path.of(target));
        }
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        try (NdjsonWriter w = new NdjsonWriter(out)) {
            events.forEachRemaining(w::write);
            return w.count();
        }
    }

    static GeneratorConfig config(Map<String, String> o) {
        Messiness d = o.containsKey("--clean") ? Messiness.NONE : Messiness.DEFAULT;
        Messiness messiness = new Messiness(
                decimal(o, "--duplicates", d.duplicateRate()), decimal(o, "--late", d.lateRate()),
                decimal(o, "--out-of-order", d.outOfOrderRate()), integer(o, "--window", d.outOfOrderWindowDays()),
                decimal(o, "--corrections", d.ethnicityCorrectionRate()),
                decimal(o, "--retractions", d.retractionRate()));
        GeneratorConfig base = GeneratorConfig.defaults();
        return new GeneratorConfig(
                o.containsKey("--seed") ? Long.parseLong(o.get("--seed")) : base.seed(),
                integer(o, "--las", base.las()),
                integer(o, "--from", base.fromYear()),
                integer(o, "--to", base.toYear()),
                decimal(o, "--referrals", base.referralsPerLaPerYear()),
                messiness,
                o.containsKey("--today") ? date(o.get("--today")) : base.today());
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (FLAGS.contains(a)) {
                opts.put(a, "true");
            } else if (!VALUED.contains(a)) {
                throw new IllegalArgumentException("unknown option " + a);
            } else if (i + 1 < args.length) {
                opts.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException(a + " needs a value");
            }
        }
        return opts;
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--today must be a date YYYY-MM-DD");
        }
    }

    private static int integer(Map<String, String> o, String name, int fallback) {
        try {
            return o.containsKey(name) ? Integer.parseInt(o.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    private static double decimal(Map<String, String> o, String name, double fallback) {
        try {
            return o.containsKey(name) ? Double.parseDouble(o.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }
}
