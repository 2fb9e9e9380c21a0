package org.cscstats.stats.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import org.cscstats.contract.FinancialYear;
import org.cscstats.stats.model.ChildKey;
import org.cscstats.stats.repository.ChildStateRepository;
import org.cscstats.stats.repository.CubeRepository;
import org.cscstats.stats.repository.RecountRepository;
import org.cscstats.stats.repository.RecountRepository.Status;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Recounts every stored child when the year in progress changes (1 April): ages, "open on 31 March" snapshots,
 * caseloads and which years are partial all depend on it ({@link org.cscstats.stats.counting.ChildContribution#of}).
 *
 * <p>Children are recounted in pages, in key order. Each page is one transaction: the page's children are locked
 * ({@code SELECT … FOR UPDATE}, key order), recounted against the new year, and their new state, the cube deltas
 * (which bump the changed cubes' versions, so the outbox publishes them) and the cursor in {@code recount} commit
 * together. A crash therefore loses at most the page in flight, and the next check resumes after the last page
 * committed; a page done twice changes nothing, because a child already counted against the year has nothing
 * to add.
 *
 * <p>Events keep being counted meanwhile, with no pause: the consumer locks the children of its batch with the
 * same row locks, in the same key order, so a child is never recounted by both at once (one waits for the other's
 * commit and then starts from the state it wrote), and the two cannot deadlock. The consumer reads the year only
 * once it holds its locks, and this job starts only once the clock has passed into the new year, so whatever
 * the consumer writes after the recount passed a child is already counted against the new year. Each of them
 * adds the difference between the child's stored contribution and its new one, so the aggregates stay the sum
 * of the stored contributions whichever runs first. The recount row's lock makes replicas take turns.
 *
 * <p>Trigger: a check every {@code stats.recount.check-every} (a minute) compares the year in progress with the
 * one recorded in {@code counting_state}; an operator forces a full recount by deleting that row.
 */
@ApplicationScoped
public class YearTurnRecount {
    private static final Logger LOG = Logger.getLogger(YearTurnRecount.class);

    private final Pool pool;
    private final ChildStateRepository children;
    private final CubeRepository cubes;
    private final RecountRepository recounts;
    private final CountingEngine engine;
    private final CurrentYear currentYear;
    private final int pageSize;

    public YearTurnRecount(Pool pool, ChildStateRepository children, CubeRepository cubes, RecountRepository recounts,
                           CountingEngine engine, CurrentYear currentYear,
                           @ConfigProperty(name = "stats.recount.page-size", defaultValue = "500") int pageSize) {
        this.pool = pool;
        this.children = children;
        this.cubes = cubes;
        this.recounts = recounts;
        this.engine = engine;
        this.currentYear = currentYear;
        this.pageSize = pageSize;
    }

    /** What one run did. */
    public record Outcome(YearTurn.Action action, FinancialYear fy, long pages, boolean finished) {
    }

    /** What one page transaction did. */
    private record PageDone(int children, boolean finished) {
    }

    @Scheduled(every = "${stats.recount.check-every}", delayed = "${stats.recount.check-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return run(Long.MAX_VALUE)
                .invoke(o -> {
                    if (o.action() != YearTurn.Action.NOTHING) {
                        LOG.infof("recount to %s: %s, %d pages, %s", o.fy(), o.action(), o.pages(),
                                o.finished() ? "finished" : "not finished");
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("recount failed, will resume at the next check: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Starts or resumes the recount to the year in progress and runs at most {@code maxPages} pages of it (tests
     * stop early to play a crash); does nothing when every child is counted against the year in progress.
     */
    public Uni<Outcome> run(long maxPages) {
        FinancialYear year = currentYear.get();
        return pool.withTransaction(tx -> recounts.lock(tx).chain(status -> {
                    YearTurn.Action action = YearTurn.decide(status.counted(), status.underWay(), year);
                    Uni<Void> begun = switch (action) {
                        case START, RESTART -> recounts.start(tx, year);
                        case CONTINUE, NOTHING -> Uni.createFrom().voidItem();
                    };
                    if (action != YearTurn.Action.NOTHING) {
                        LOG.infof("recount to %s: %s (children counted against %s; %s)", year, action,
                                status.counted() == null ? "a year never recorded" : status.counted(),
                                status.underWay() == null ? "none under way"
                                        : "under way to " + status.underWay().fy() + " after " + status.underWay().lastDone());
                    }
                    return begun.replaceWith(action);
                }))
                .chain(action -> action == YearTurn.Action.NOTHING
                        ? Uni.createFrom().item(new Outcome(action, year, 0, true))
                        : pages(year, maxPages).map(p -> new Outcome(action, year, p.pages(), p.finished())));
    }

    private record Pages(long pages, boolean finished) {
    }

    /** Page after page, each its own transaction, until done, stopped by another year, or maxPages. */
    private Uni<Pages> pages(FinancialYear year, long maxPages) {
        AtomicLong done = new AtomicLong();
        // repeating rather than recursing: no nesting that grows with the number of pages
        return Multi.createBy().repeating().uni(() -> page(year).invoke(p -> done.incrementAndGet()))
                .whilst(p -> !p.finished() && done.get() < maxPages)
                .collect().last()
                .map(last -> new Pages(done.get(), last != null && last.finished()));
    }

    private Uni<PageDone> page(FinancialYear year) {
        return pool.withTransaction(tx -> recounts.lock(tx).chain(status -> {
            if (status.underWay() == null || !status.underWay().fy().equals(year)) {
                // finished by another replica, or restarted for another year: nothing more to do here
                return Uni.createFrom().item(new PageDone(0, true));
            }
            return children.page(tx, status.underWay().lastDone(), pageSize).chain(page -> {
                if (page.isEmpty()) {
                    return finish(tx, status, year);
                }
                YearTurn.Page recounted = YearTurn.recount(engine, page, year);
                ChildKey last = page.get(page.size() - 1).key();
                return children.save(tx, recounted.changed())
                        .chain(() -> cubes.apply(tx, recounted.deltas()))
                        .chain(() -> recounts.advance(tx, last, page.size()))
                        .invoke(() -> LOG.debugf("recount to %s: %d children (%d changed) up to %s", year,
                                page.size(), recounted.changed().size(), last))
                        .replaceWith(new PageDone(page.size(), false));
            });
        }));
    }

    private Uni<PageDone> finish(SqlClient tx, Status status, FinancialYear year) {
        return cubes.touchYears(tx, YearTurn.yearsToRepublish(status.counted(), year))
                .chain(() -> recounts.finish(tx, year))
                .invoke(() -> LOG.infof("recount to %s finished: %d children", year, status.childrenDone()))
                .replaceWith(new PageDone(0, true));
    }

    /** For tests and operators: the state of the recount table. */
    public Uni<Status> status() {
        return pool.withTransaction(recounts::lock);
    }
}
