package org.cscstats.suppression.service;

import static org.cscstats.suppression.service.Await.await;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.protect.InconsistentCubesException;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.model.Release;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.repository.CubeStore;
import org.cscstats.suppression.repository.ReleaseRepository;
import org.jboss.logging.Logger;

/**
 * Makes releases: freezes an LA's cubes at a cut-off, protects every table of the LA as one system (with the
 * previous release as known to the reader), audits it, and stores it, numbered and immutable. One LA's releases
 * are made one at a time across every pod (a PostgreSQL advisory lock per LA), so numbers have no gaps or twins.
 */
@ApplicationScoped
public class ReleaseService {
    private static final Logger LOG = Logger.getLogger(ReleaseService.class);

    private final CubeStore cubes;
    private final ReleaseRepository releases;
    private final ReleaseProtection protection;
    private final PolicyConfig policy;
    private final Counter refused;

    public ReleaseService(CubeStore cubes, ReleaseRepository releases, ReleaseProtection protection, PolicyConfig policy,
                          MeterRegistry metrics) {
        this.cubes = cubes;
        this.releases = releases;
        this.protection = protection;
        this.policy = policy;
        this.refused = Counter.builder("suppression_releases_refused")
                .description("releases refused because the independent audit did not pass (fail closed)")
                .register(metrics);
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
        return make(la, null);
    }

    /**
     * Makes a release unless one is being made (by this pod or another: the lock is PostgreSQL's, per LA, so a second
     * request anywhere gets 409 as before) or, for the cadence, one was already made since {@code madeSince}.
     */
    Optional<Release> make(String la, Instant madeSince) {
        try (ReleaseRepository.ReleaseLock lock = await(releases.lock(la))) {
            if (!lock.acquired()) {
                throw new ReleaseInProgressException(la);
            }
            // read under the lock: the previous release is whatever the last holder committed
            Optional<Release> prior = await(releases.find(la, "latest"));
            if (madeSince != null && prior.isPresent() && !prior.get().createdAt().isBefore(madeSince)) {
                LOG.debugf("LA %s: release %s already made for this firing (by another pod)", la, prior.get().id());
                return Optional.empty();
            }
            Policy p = policy.get();
            List<EarlierRelease> earlier = earlier(la);
            String id = Release.id(la, prior.map(r -> r.number() + 1).orElse(1));
            long start = System.nanoTime();
            Instant cutoff = null;
            ReleaseProtection.Protected made = null;
            List<Cube> frozen = null;
            // Cubes arrive one by one; a cut taken while an update is half-delivered breaks the relations between
            // measures (e.g. outcomes vs referrals), which protection refuses. Such a cut is retried, never published.
            for (int attempt = 1; made == null; attempt++) {
                cutoff = Instant.now();
                frozen = await(cubes.forLa(la));
                if (frozen.isEmpty()) {
                    return Optional.empty();
                }
                try {
                    made = protection.protect(la, id, frozen, p, earlier);
                } catch (InconsistentCubesException e) {
                    if (attempt >= CONSISTENCY_ATTEMPTS) {
                        throw new FiguresInFlightException(la, e.getMessage());
                    }
                    LOG.debugf("cubes of LA %s not yet consistent (%s); retrying", la, e.getMessage());
                    sleep(500);
                } catch (ReleaseRefusedException e) {
                    refused.increment();
                    LOG.errorf("release %s NOT published (fail closed): %s", id, e.getMessage());
                    throw e;
                }
            }
            List<PublishedTable> tables = made.tables();
            Release release = await(lock.insert(cutoff, policy.describe(), tables, made.audit(), frozen));
            LOG.infof("release %s: %d tables protected and audited in %d ms", release.id(), tables.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return Optional.of(release);
        }
    }

    /**
     * The cadence (docs/disclosure.md › Policy: quarterly by default): a release of every LA with figures. Every pod's scheduler
     * fires; the lock keeps them from making one LA's release at once, and an LA whose release another pod already
     * made for this firing (created since a minute before it, allowing for clocks) is skipped: one release each.
     */
    @Scheduled(cron = "${suppression.release-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        Instant since = execution.getScheduledFireTime().minus(CLOCK_SKEW);
        for (String la : await(cubes.las())) {
            try {
                make(la, since);
            } catch (ReleaseInProgressException e) {
                LOG.infof("scheduled release of LA %s: another pod is making it", la);
            } catch (RuntimeException e) {
                LOG.errorf("scheduled release of LA %s failed: %s", la, e.getMessage());
            }
        }
    }

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /** Every release of the LA so far, oldest first, as readers hold it, with the cubes it was made from. */
    private List<EarlierRelease> earlier(String la) {
        List<EarlierRelease> out = new ArrayList<>();
        for (Release r : await(releases.forLa(la))) {
            out.add(0, new EarlierRelease(r.id(), PolicyConfig.parse(r.policy()), await(releases.tables(r.id())),
                    await(releases.input(r.id()))));
        }
        return out;
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
