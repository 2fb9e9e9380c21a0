package org.cscstats.local.generator;

import java.util.SplittableRandom;
import org.cscstats.contract.CaseEvent;

/**
 * Decides when each recorded event is sent: during its day at a random time (so children interleave), a few
 * days later (out of order), much later (late), and sometimes twice (duplicate).
 */
final class Delivery {
    static final long DAY = 86_400;
    /** A late event arrives this many days after its date, at least … */
    static final int LATE_MIN_DAYS = 30;
    /** … and at most this many more. */
    static final int LATE_SPREAD_DAYS = 700;
    /** A duplicate is a resend within a week. */
    static final int DUPLICATE_MAX_DELAY = 7 * 86_400;

    private final Messiness messiness;
    private final DeliveryQueue queue;

    Delivery(Messiness messiness, DeliveryQueue queue) {
        this.messiness = messiness;
        this.queue = queue;
    }

    /** @param rng the child's delivery stream (never the story's, so messiness leaves the story alone) */
    void schedule(CaseEvent event, long day, SplittableRandom rng) {
        long at = day * DAY + rng.nextInt((int) DAY);
        double u = rng.nextDouble();
        if (u < messiness.lateRate()) {
            at += (LATE_MIN_DAYS + rng.nextInt(LATE_SPREAD_DAYS + 1)) * DAY;
        } else if (u < messiness.lateRate() + messiness.outOfOrderRate()) {
            at += (1 + rng.nextInt(messiness.outOfOrderWindowDays())) * DAY;
        }
        queue.add(at, event);
        if (rng.nextDouble() < messiness.duplicateRate()) {
            queue.add(at + 1 + rng.nextInt(DUPLICATE_MAX_DELAY), event);
        }
    }
}
