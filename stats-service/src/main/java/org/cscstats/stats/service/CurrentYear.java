package org.cscstats.stats.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.cscstats.contract.FinancialYear;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The financial year in progress, by the calendar of Europe/London. */
@ApplicationScoped
public class CurrentYear {
    private final Clock clock;

    public CurrentYear(@ConfigProperty(name = "stats.time-zone", defaultValue = "Europe/London") String zone) {
        this.clock = Clock.system(ZoneId.of(zone));
    }

    public FinancialYear get() {
        return FinancialYear.of(LocalDate.now(clock));
    }
}
