package org.cscstats.local.generator;

import java.time.LocalDate;
import java.util.Objects;
import org.cscstats.contract.FinancialYear;

/**
 * What to generate.
 *
 * @param seed                  every random choice derives from it: same config, same events, byte for byte
 * @param las                   how many LAs, taken in {@link LocalAuthorities#CODES} order (331 Coventry first)
 * @param fromYear              first financial year, by its start year (2021 = 2021/22)
 * @param toYear                last financial year, inclusive
 * @param referralsPerLaPerYear mean referrals per LA per year over the national list (4,300 ≈ 658,000 for
 *                              England's 153 LAs); each LA is this times its size weight (Coventry ≈ 1.16)
 * @param messiness             how untidy the delivered feed is
 * @param today                 nothing is dated after it: referrals are made up to the last year's 31 March
 *                              (or today), and what follows from them is recorded up to today
 */
public record GeneratorConfig(long seed, int las, int fromYear, int toYear, double referralsPerLaPerYear,
                              Messiness messiness, LocalDate today) {

    public static final LocalDate DEFAULT_TODAY = LocalDate.of(2026, 11, 23);
    public static final double NATIONAL_MEAN_REFERRALS = 4300;

    public GeneratorConfig {
        Objects.requireNonNull(messiness, "messiness");
        Objects.requireNonNull(today, "today");
        if (las < 1 || las > LocalAuthorities.CODES.size()) {
            throw new IllegalArgumentException("las must be 1.." + LocalAuthorities.CODES.size() + ", not " + las);
        }
        if (fromYear > toYear) {
            throw new IllegalArgumentException("fromYear " + fromYear + " is after toYear " + toYear);
        }
        if (fromYear < 1990) {
            throw new IllegalArgumentException("fromYear must be 1990 or later");
        }
        if (!(referralsPerLaPerYear > 0)) {
            throw new IllegalArgumentException("referralsPerLaPerYear must be positive");
        }
        if (new FinancialYear(fromYear).firstDay().isAfter(today)) {
            throw new IllegalArgumentException("financial year " + new FinancialYear(fromYear) + " starts after today " + today);
        }
    }

    /** One LA (Coventry), 2021/22 to 2023/24 (the FOI years), national mean size, default messiness. */
    public static GeneratorConfig defaults() {
        return new GeneratorConfig(42, 1, 2021, 2023, NATIONAL_MEAN_REFERRALS, Messiness.DEFAULT, DEFAULT_TODAY);
    }

    public GeneratorConfig withSeed(long s) {
        return new GeneratorConfig(s, las, fromYear, toYear, referralsPerLaPerYear, messiness, today);
    }

    public GeneratorConfig withLas(int n) {
        return new GeneratorConfig(seed, n, fromYear, toYear, referralsPerLaPerYear, messiness, today);
    }

    public GeneratorConfig withYears(int from, int to) {
        return new GeneratorConfig(seed, las, from, to, referralsPerLaPerYear, messiness, today);
    }

    public GeneratorConfig withReferralsPerLaPerYear(double mean) {
        return new GeneratorConfig(seed, las, fromYear, toYear, mean, messiness, today);
    }

    public GeneratorConfig withMessiness(Messiness m) {
        return new GeneratorConfig(seed, las, fromYear, toYear, referralsPerLaPerYear, m, today);
    }

    public GeneratorConfig withToday(LocalDate t) {
        return new GeneratorConfig(seed, las, fromYear, toYear, referralsPerLaPerYear, messiness, t);
    }

    /** 1 April of the first year: nothing is dated before it. */
    public LocalDate periodStart() {
        return new FinancialYear(fromYear).firstDay();
    }

    /** The last day a referral (or an early-help-only child) is made: the last year's 31 March, or today. */
    public LocalDate periodEnd() {
        LocalDate end = new FinancialYear(toYear).lastDay();
        return end.isAfter(today) ? today : end;
    }

    /** The last day anything is dated: today. Assessments, plans and closures of the period's referrals run on
     *  to it, as in an extract taken today (the FOI replies were answered months after their last year). */
    public LocalDate horizon() {
        return today;
    }
}
