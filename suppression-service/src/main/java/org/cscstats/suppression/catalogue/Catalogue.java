package org.cscstats.suppression.catalogue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cscstats.contract.Code;
import org.cscstats.contract.Cube;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Measure;

/**
 * The tables of one LA's release: the default catalogue of {@code docs/api.md} › Catalogue, built from which years the LA's
 * cubes cover and which of them is in progress. Table ids are stable across releases.
 */
public record Catalogue(String la, List<String> years, List<String> partialYears, List<TableSpec> tables) {

    static final List<Measure> BY_AGE = List.of(Measure.ASSESSMENTS, Measure.EARLY_HELP_ASSESSMENTS,
            Measure.CLOSURES_AFTER_ASSESSMENT, Measure.REREFERRALS_AFTER_CLOSURE, Measure.STEP_DOWNS);
    static final List<Measure> BY_YEAR = List.of(Measure.REREFERRALS, Measure.SECTION47_ENQUIRIES,
            Measure.CP_PLANS_STARTED, Measure.CP_PLANS_ENDED, Measure.CP_PLANS_OPEN, Measure.CHILDREN_IN_NEED,
            Measure.CHILDREN_IN_NEED_STARTED, Measure.CHILDREN_IN_NEED_ENDED);

    public Catalogue {
        years = List.copyOf(years);
        partialYears = List.copyOf(partialYears);
        tables = List.copyOf(tables);
    }

    public Optional<TableSpec> table(String id) {
        return tables.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /**
     * The default catalogue for one LA. Its years are those of its {@code referrals} cubes (every year with a
     * referral, up to the year in progress), or of any cube if there are none; a year is partial if a cube for
     * it says so.
     */
    public static Catalogue defaultFor(Collection<Cube> cubes) {
        if (cubes.isEmpty()) {
            throw new IllegalArgumentException("no cubes");
        }
        String la = cubes.iterator().next().la();
        TreeMap<FinancialYear, Boolean> yearPartial = new TreeMap<>();
        boolean anyReferrals = cubes.stream().anyMatch(c -> c.measure().equals(Measure.REFERRALS.id()));
        for (Cube c : cubes) {
            if (!c.la().equals(la)) {
                throw new IllegalArgumentException("cubes of several LAs");
            }
            if (!anyReferrals || c.measure().equals(Measure.REFERRALS.id())) {
                yearPartial.merge(FinancialYear.parse(c.fy()), c.partial(), Boolean::logicalOr);
            }
        }
        for (Cube c : cubes) {
            if (c.partial() && yearPartial.containsKey(FinancialYear.parse(c.fy()))) {
                yearPartial.put(FinancialYear.parse(c.fy()), true);
            }
        }
        List<String> years = yearPartial.keySet().stream().map(FinancialYear::label).toList();
        List<String> partial = yearPartial.entrySet().stream().filter(e -> e.getValue())
                .map(e -> e.getKey().label()).toList();
        return build(la, years, partial);
    }

    /** The default catalogue for the given years (oldest first) of which {@code partialYears} are in progress. */
    public static Catalogue build(String la, List<String> years, List<String> partialYears) {
        List<String> ys = new ArrayList<>(new TreeSet<>(years));
        List<String> completed = ys.stream().filter(y -> !partialYears.contains(y)).toList();
        List<TableSpec> t = new ArrayList<>();
        t.add(byYear("referrals-by-year", Measure.REFERRALS, ys, partialYears));
        t.add(byEthnicity("referrals-by-ethnicity", Measure.REFERRALS, latest(ys, 3), partialYears));
        t.add(byEthnicity("referrals-assessed-by-ethnicity", Measure.REFERRALS_ASSESSED, latest(ys, 3),
                partialYears));
        for (String y : ys) {
            t.add(outcomes(Dimension.ETHNICITY, "ethnicity", y, partialYears.contains(y)));
        }
        for (String y : ys) {
            t.add(outcomes(Dimension.REFERRAL_SOURCE, "source", y, partialYears.contains(y)));
        }
        for (Measure m : BY_AGE) {
            t.add(byAge(m, latest(ys, 5), partialYears));
        }
        for (Measure m : BY_YEAR) {
            List<String> shown = m.snapshot() ? completed : ys;
            if (!shown.isEmpty()) {
                t.add(byYear(m.id() + "-by-year", m, shown, partialYears));
            }
        }
        if (!completed.isEmpty()) {
            t.add(caseload(completed));
        }
        return new Catalogue(la, ys, partialYears.stream().filter(ys::contains).toList(), t);
    }

    private static List<String> latest(List<String> years, int n) {
        return years.subList(Math.max(0, years.size() - n), years.size());
    }

    private static String span(List<String> years) {
        return years.size() == 1 ? years.get(0) : years.get(0) + " to " + years.get(years.size() - 1);
    }

    private static List<Header> yearHeaders(List<String> years, List<String> partial) {
        return years.stream().map(y -> new Header(y, y, partial.contains(y))).toList();
    }

    private static List<Header> headers(Dimension d) {
        return d.codes().stream().map((Code c) -> new Header(c.code(), c.label())).toList();
    }

    private static TableSpec byYear(String id, Measure m, List<String> years, List<String> partial) {
        return new TableSpec(id, m, m.title() + ", " + span(years), null, Dimension.FY, null, false,
                List.of(Header.TOTAL), yearHeaders(years, partial), true, false, false);
    }

    private static TableSpec byEthnicity(String id, Measure m, List<String> years, List<String> partial) {
        return new TableSpec(id, m, m.title() + " by ethnicity, " + span(years), Dimension.ETHNICITY, Dimension.FY,
                null, false, headers(Dimension.ETHNICITY), yearHeaders(years, partial), true, true, true);
    }

    private static TableSpec outcomes(Dimension rows, String slug, String year, boolean partial) {
        Measure m = Measure.REFERRAL_OUTCOMES;
        String id = m.id() + "-by-" + slug + "-" + FinancialYear.parse(year).slug();
        String title = m.title() + " by " + rows.label().toLowerCase() + ", " + year + (partial ? " (to date)" : "");
        return new TableSpec(id, m, title, rows, Dimension.OUTCOME, year, partial, headers(rows),
                headers(Dimension.OUTCOME), true, true, true);
    }

    private static TableSpec byAge(Measure m, List<String> years, List<String> partial) {
        return new TableSpec(m.id() + "-by-age", m, m.title() + " by age band, " + span(years), Dimension.FY,
                Dimension.AGE_BAND, null, false, yearHeaders(years, partial), headers(Dimension.AGE_BAND),
                true, true, true);
    }

    private static TableSpec caseload(List<String> completed) {
        Measure m = Measure.CASELOAD;
        return new TableSpec("caseload", m, m.title() + ", " + span(completed), Dimension.STATISTIC, Dimension.FY,
                null, false, headers(Dimension.STATISTIC), yearHeaders(completed, List.of()), false, false, false);
    }
}
