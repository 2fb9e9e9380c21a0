package org.cscstats.stats.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import org.cscstats.contract.FinancialYear;

/** The financial year in progress, by the calendar of the injected clock's zone (Europe/London). */
@ApplicationScoped
public class CurrentYear {
    private final Clock clock;

    public CurrentYear(Clock clock) {
        this.clock = clock;
    }

    public FinancialYear get() {
        return FinancialYear.of(LocalDate.now(clock));
    }
}
