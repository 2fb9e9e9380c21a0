package org.cscstats.stats.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the counting itself: DOWN while the batch in hand keeps failing (it is retried until it commits),
 * with the last error, so an outage or a batch that cannot be counted shows without failing the channel.
 */
@Readiness
@ApplicationScoped
public class CountingHealth implements HealthCheck {
    private record Failure(String error, Instant since) {
    }

    private volatile Failure failing;

    public void failed(Throwable e) {
        Failure f = failing;
        failing = new Failure(String.valueOf(e.getMessage()), f == null ? Instant.now() : f.since());
    }

    public void succeeded() {
        failing = null;
    }

    @Override
    public HealthCheckResponse call() {
        Failure f = failing;
        if (f == null) {
            return HealthCheckResponse.up("case-events counting");
        }
        return HealthCheckResponse.named("case-events counting").down()
                .withData("failing-since", f.since().toString())
                .withData("last-error", f.error())
                .build();
    }
}
