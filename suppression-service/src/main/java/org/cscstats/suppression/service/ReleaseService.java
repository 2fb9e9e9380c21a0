package org.cscstats.suppression.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.mapping.Release;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.repository.CubeStore;
import org.cscstats.suppression.repository.ReleaseRepository;
import org.jboss.logging.Logger;

/**
 * Makes releases: freezes an LA's cubes at a cut-off, protects every table of the LA as one system (with the
 * previous release as known to the reader), audits it, and stores it, numbered and immutable.
 */
@ApplicationScoped
public class ReleaseService {
    private static final Logger LOG = Logger.getLogger(ReleaseService.class);

    private final CubeStore cubes;
    private final ReleaseRepository releases;
    private final ReleaseProtection protection;
    private final PolicyConfig policy;
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

    public ReleaseService(CubeStore cubes, ReleaseRepository releases, ReleaseProtection protection, PolicyConfig policy) {
        this.cubes = cubes;
        this.releases = releases;
        this.protection = protection;
        this.policy = policy;
    }

    /** Another release of this LA is being made: the caller answers 409. */
    public static class ReleaseInProgressException extends RuntimeException {
        public ReleaseInProgressException(String la) {
            super("a release of LA " + la + " is being made; try again shortly");
        }
    }

    /** The cubes of an LA did not agree with each other for as long as we waited: the caller answers 503. */
    public static class FiguresInFlightException extends RuntimeException {
        public FiguresInFlightException(String la, String detail) {
            super("the figures of LA " + la + " are still arriving (" + detail + "); try again in a few seconds");
        }
    }

    /** Makes a release now; empty when the LA has no figures yet. */
    public Optional<Release> make(String la) {
        if (!inProgress.add(la)) {
            throw new ReleaseInProgressException(la);
        }
        try {
            Policy p = policy.get();
            Optional<Release> prior = releases.find(la, "latest");
            List<PublishedTable> previous = prior.map(r -> releases.tables(r.id())).orElse(List.of());
            List<Cube> previousCubes = prior.map(r -> releases.input(r.id())).orElse(List.of());
            long start = System.nanoTime();
            Instant cutoff = null;
            List<PublishedTable> tables = null;
            List<Cube> frozen = null;
            // Cubes arrive one by one; a cut taken while an update is half-delivered breaks the relations between
            // measures (e.g. outcomes vs referrals), which protection refuses. Such a cut is retried, never published.
            for (int attempt = 1; tables == null; attempt++) {
                cutoff = Instant.now();
                frozen = cubes.forLa(la).await().indefinitely();
                if (frozen.isEmpty()) {
                    return Optional.empty();
                }
                try {
                    tables = protection.protect(la, frozen, p, previous, previousCubes);
                } catch (IllegalStateException e) {
                    if (attempt >= CONSISTENCY_ATTEMPTS) {
                        throw new FiguresInFlightException(la, e.getMessage());
                    }
                    LOG.debugf("cubes of LA %s not yet consistent (%s); retrying", la, e.getMessage());
                    sleep(500);
                }
            }
            Object audit = protection.audit(tables, p);
            Release release = releases.insert(la, cutoff, policy.describe(), tables, audit, frozen);
            LOG.infof("release %s: %d tables protected and audited in %d ms", release.id(), tables.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return Optional.of(release);
        } finally {
            inProgress.remove(la);
        }
    }

    /** The cadence (disclosure.md: quarterly by default): a release of every LA with figures. */
    @Scheduled(cron = "${suppression.release-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        for (String la : cubes.las().await().indefinitely()) {
            try {
                make(la);
            } catch (RuntimeException e) {
                LOG.errorf("scheduled release of LA %s failed: %s", la, e.getMessage());
            }
        }
    }

    private static final int CONSISTENCY_ATTEMPTS = 20;

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> policyDescription() {
        return policy.describe();
    }
}
