package org.cscstats.ingest.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.cscstats.ingest.census.CinCensusReader;
import org.cscstats.ingest.validation.BatchValidator;
import org.cscstats.ingest.validation.EventValidator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the framework-free validators into CDI. */
@ApplicationScoped
public class ValidationBeans {

    @Produces
    @ApplicationScoped
    EventValidator eventValidator() {
        return new EventValidator(Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    CinCensusReader censusReader(EventValidator validator) {
        return new CinCensusReader(validator);
    }

    @Produces
    @ApplicationScoped
    BatchValidator batchValidator(EventValidator validator,
                                  @ConfigProperty(name = "ingest.events.max-batch") int maxBatch) {
        return new BatchValidator(validator, maxBatch);
    }
}
