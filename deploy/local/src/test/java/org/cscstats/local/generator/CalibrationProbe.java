package org.cscstats.local.generator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.FinancialYear;

/** Prints the figures of a generated Coventry, for tuning by eye (not a test). */
public final class CalibrationProbe {
    public static void main(String[] args) {
        GeneratorConfig config = GeneratorConfig.defaults();
        long t0 = System.nanoTime();
        List<CaseEvent> events = new CaseHistoryGenerator(config).toList();
        System.out.printf("%d events in %d ms%n", events.size(), (System.nanoTime() - t0) / 1_000_000);
        Map<String, Long> types = events.stream().collect(Collectors.groupingBy(CaseEvent::type, TreeMap::new, Collectors.counting()));
        System.out.println(types);
        Figures f = new Figures(events);
        for (int y = config.fromYear(); y <= config.toYear(); y++) {
            FinancialYear fy = new FinancialYear(y);
            List<Figures.Referral> rs = f.referralsIn(fy);
            int n = rs.size();
            System.out.printf("%s referrals %d assessed %.3f rereferrals %.3f%n", fy, n,
                    rs.stream().filter(Figures.Referral::assessed).count() / (double) n,
                    f.rereferrals().getOrDefault(fy, 0) / (double) n);
            System.out.println("  outcomes " + share(rs, Figures.Referral::outcome));
            System.out.println("  age " + share(rs, r -> f.ageBand(r.childId(), r.date())));
            System.out.println("  eth " + share(rs, r -> f.ethnicityOf(r.childId())));
            System.out.printf("  EH %d  assessed children %d  RC8/9 %d  step-down/RC9 children %d %n",
                    f.childrenWith(fy, "early-help-assessment", null), f.childrenWith(fy, "assessment", null),
                    f.childrenWith(fy, "closure", Set.of("RC8", "RC9")), f.childrenWith(fy, "step-down", null));
            System.out.printf("  s47 %d cp %d%n", f.childrenWith(fy, "section47", null), f.childrenWith(fy, "cp-plan", null));
            int[] c = f.caseload(fy);
            System.out.printf("  caseload open %d workers %d mean %.2f highest %d unallocated %d%n", c[0], c[1],
                    (c[0] - c[3]) / (double) c[1], c[2], c[3]);
        }
    }

    private static Map<String, String> share(List<Figures.Referral> rs, Function<Figures.Referral, String> key) {
        return rs.stream().collect(Collectors.groupingBy(key, TreeMap::new,
                Collectors.collectingAndThen(Collectors.counting(), c -> String.format("%.3f", c / (double) rs.size()))));
    }
}
