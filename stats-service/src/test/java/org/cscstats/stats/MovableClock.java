package org.cscstats.stats;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The service's clock in tests (it replaces the default {@code Clock} bean): the system clock until a test moves
 * it to a day, and back to the system clock on {@link #reset()}.
 */
@Singleton
public class MovableClock extends Clock {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private volatile Instant fixed;

    /** Noon in London on {@code day}, standing still until moved again. */
    public void moveTo(LocalDate day) {
        fixed = day.atTime(LocalTime.NOON).atZone(LONDON).toInstant();
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return LONDON;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock keeps its zone");
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }
}
