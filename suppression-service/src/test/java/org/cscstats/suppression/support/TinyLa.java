package org.cscstats.suppression.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.Cube;

/**
 * Hand-sized LAs for worked examples: per year, referrals by ethnicity (every one aged 5-9, female, from source 2A,
 * ending without an assessment), as consistent referral and referral-outcome cubes. Codes not given are 0.
 */
public final class TinyLa {
    private TinyLa() {
    }

    public static List<Cube> year(String la, String fy, boolean partial, Map<String, Long> byEthnicity) {
        long total = byEthnicity.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> referrals = new HashMap<>();
        Map<String, Long> outcomes = new HashMap<>();
        for (Map<String, Long> m : List.of(referrals, outcomes)) {
            m.put("", total);
            m.put("age-band=5-9", total);
            m.put("referral-source=2A", total);
        }
        referrals.put("sex=F", total);
        outcomes.put("outcome=no-assessment", total);
        outcomes.put("outcome=no-assessment|age-band=5-9", total);
        outcomes.put("outcome=no-assessment|referral-source=2A", total);
        byEthnicity.forEach((e, n) -> {
            String g = "ethnic-group=" + CodeLists.ethnicGroup(e);
            for (Map<String, Long> m : List.of(referrals, outcomes)) {
                m.put("ethnicity=" + e, n);
                m.merge(g, n, Long::sum);
            }
            outcomes.put("outcome=no-assessment|ethnicity=" + e, n);
            outcomes.merge("outcome=no-assessment|" + g, n, Long::sum);
        });
        List<Cube> out = new ArrayList<>();
        out.add(new Cube(la, "referrals", fy, partial, 1, referrals));
        out.add(new Cube(la, "referral-outcomes", fy, partial, 1, outcomes));
        out.add(new Cube(la, "referrals-assessed", fy, partial, 1, Map.of()));
        return out;
    }

    /**
     * As {@link #year}, each ethnicity's referrals split over their outcomes ({@code outcome code -> count}); no
     * referral is assessed, so only outcomes a referral can have without an assessment belong here.
     */
    public static List<Cube> outcomes(String la, String fy, boolean partial,
            Map<String, Map<String, Long>> byEthnicity) {
        Map<String, Long> counts = new HashMap<>();
        byEthnicity.forEach((e, o) -> counts.put(e, o.values().stream().mapToLong(Long::longValue).sum()));
        List<Cube> out = new ArrayList<>(year(la, fy, partial, counts));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> outcomes = new HashMap<>();
        for (String key : List.of("", "age-band=5-9", "referral-source=2A")) {
            outcomes.put(key, total);
        }
        byEthnicity.forEach((e, o) -> {
            String g = "ethnic-group=" + CodeLists.ethnicGroup(e);
            outcomes.put("ethnicity=" + e, counts.get(e));
            outcomes.merge(g, counts.get(e), Long::sum);
            o.forEach((code, n) -> {
                String oc = "outcome=" + code;
                outcomes.merge(oc, n, Long::sum);
                outcomes.merge(oc + "|age-band=5-9", n, Long::sum);
                outcomes.merge(oc + "|referral-source=2A", n, Long::sum);
                outcomes.put(oc + "|ethnicity=" + e, n);
                outcomes.merge(oc + "|" + g, n, Long::sum);
            });
        });
        out.set(1, new Cube(la, "referral-outcomes", fy, partial, 1, outcomes));
        return out;
    }

    public static List<Cube> years(List<List<Cube>> years) {
        List<Cube> out = new ArrayList<>();
        years.forEach(out::addAll);
        return out;
    }
}
