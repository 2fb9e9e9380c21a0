package org.cscstats.stats.service;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The wall clock in the statistics' time zone; a bean so that tests can move it (their own {@code Clock} wins). */
@Singleton
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(@ConfigProperty(name = "stats.time-zone", defaultValue = "Europe/London") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
