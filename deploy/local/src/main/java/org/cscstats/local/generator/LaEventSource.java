package org.cscstats.local.generator;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.FinancialYear;

/**
 * One LA's events in delivery order, generated lazily day by day. New children arrive each day (Poisson), each
 * child's whole history goes into the {@link DeliveryQueue}, and an event is released once no child still to be
 * generated could be sent before it. Only the LA's not-yet-due events are ever held.
 * <p>
 * Children start arriving five years before the period, so that re-referrals (a chain can span years) are in
 * steady state when it begins; referrals before the period are not recorded, nor anything of their episodes.
 * Those early children cost little: no event of theirs is built until one falls inside the period.
 */
final class LaEventSource implements Iterator<CaseEvent> {
    private static final int WARM_UP_DAYS = 5 * 365;

    private final LaContext ctx;
    private final int firstYear;
    private final SplittableRandom arrivals;
    private final DeliveryQueue queue;
    private final long lastDay;
    private long day;
    private long children;
    private CaseEvent next;

    LaEventSource(LaProfile la, GeneratorConfig config) {
        long laSeed = Seeds.mix(config.seed(), Long.parseLong(la.code()));
        long from = config.periodStart().toEpochDay();
        this.day = from - WARM_UP_DAYS;
        this.queue = new DeliveryQueue(day);
        this.ctx = new LaContext(la, laSeed, from, config.periodEnd().toEpochDay(), config.horizon().toEpochDay(),
                config.messiness(), new Delivery(config.messiness(), queue));
        this.firstYear = config.fromYear();
        this.arrivals = new SplittableRandom(Seeds.mix(laSeed, -1));
        this.lastDay = ctx.referralEnd();
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public CaseEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CaseEvent e = next;
        next = null;
        return e;
    }

    /** Events not yet sent: a measure of the memory held. */
    int pending() {
        return queue.size();
    }

    private CaseEvent advance() {
        while (true) {
            CaseEvent e = queue.pollBefore(day);
            if (e != null) {
                return e;
            }
            if (day > lastDay) {
                return queue.poll();
            }
            generate(day++);
        }
    }

    /** The children whose first event falls on {@code d}. */
    private void generate(long d) {
        int year = FinancialYear.of(LocalDate.ofEpochDay(d)).startYear();
        double referralsPerDay = ctx.la().referralsIn(firstYear, year) / 365.25;
        int chains = poisson(referralsPerDay / ChildSimulator.REFERRALS_PER_CHAIN);
        for (int i = 0; i < chains; i++) {
            new ChildSimulator(ctx, ++children).referralChain(d);
        }
        int earlyHelpOnly = poisson(referralsPerDay * ChildSimulator.EARLY_HELP_ONLY_PER_REFERRAL);
        for (int i = 0; i < earlyHelpOnly; i++) {
            long childNo = ++children;
            if (d >= ctx.from()) {
                new ChildSimulator(ctx, childNo).earlyHelpChain(d);
            }
        }
    }

    /** Knuth's method, splitting large means so e^-λ stays representable. */
    private int poisson(double mean) {
        if (mean > 30) {
            return poisson(mean / 2) + poisson(mean / 2);
        }
        double limit = StrictMath.exp(-mean); // StrictMath: identical on every JVM
        double p = arrivals.nextDouble();
        int n = 0;
        while (p > limit) {
            p *= arrivals.nextDouble();
            n++;
        }
        return n;
    }
}
