package org.cscstats.stats.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Json;
import org.cscstats.stats.counting.CubeCell;
import org.cscstats.stats.health.CountingHealth;
import org.cscstats.stats.messaging.DeadLetters;
import org.cscstats.stats.model.ChildKey;
import org.cscstats.stats.model.ChildState;
import org.cscstats.stats.model.Rejected;
import org.cscstats.stats.repository.ChildStateRepository;
import org.cscstats.stats.repository.CubeRepository;
import org.cscstats.stats.repository.CubeRepository.CubeCellDelta;
import org.cscstats.stats.repository.OffsetRepository;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Applies a batch of case events: for every child in the batch, merge the new events into its history,
 * recompute what the child contributes to every cube, and add the difference to the aggregates. The children's
 * state, the cube deltas and the consumer offsets commit in one transaction.
 */
@ApplicationScoped
public class CountingService {
    private static final Logger LOG = Logger.getLogger(CountingService.class);
    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);

    private final Pool pool;
    private final ChildStateRepository children;
    private final CubeRepository cubes;
    private final OffsetRepository offsets;
    private final CountingEngine engine;
    private final DeadLetters deadLetters;
    private final CurrentYear currentYear;
    private final CountingHealth health;

    public CountingService(Pool pool, ChildStateRepository children, CubeRepository cubes, OffsetRepository offsets,
                           CountingEngine engine, DeadLetters deadLetters, CurrentYear currentYear,
                           @Readiness CountingHealth health) {
        this.pool = pool;
        this.children = children;
        this.cubes = cubes;
        this.offsets = offsets;
        this.engine = engine;
        this.deadLetters = deadLetters;
        this.currentYear = currentYear;
        this.health = health;
    }

    public Uni<Void> apply(String topic, List<ConsumerRecord<String, String>> batch) {
        Map<ChildKey, List<CaseEvent>> byChild = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        Map<Integer, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<String, String> record : batch) {
            nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
            try {
                CaseEvent event = parse(record);
                byChild.computeIfAbsent(new ChildKey(event.la(), event.childId()), k -> new ArrayList<>()).add(event);
            } catch (RuntimeException e) {
                rejected.add(new Rejected(record, e.getMessage()));
            }
        }
        // dead letters go out (and are acknowledged) before the offsets that skip them commit
        return deadLetters.send(rejected)
                .chain(() -> count(topic, byChild, nextOffsets)
                        .onFailure().invoke(e -> {
                            health.failed(e);
                            LOG.warnf("counting a batch of %d records failed, retrying it: %s", batch.size(),
                                    e.getMessage());
                        })
                        // The batch's transaction rolled back, so it is simply tried again, with a back-off, until
                        // it commits: a database outage (or failover) then needs no restart, the consumer keeps its
                        // partitions (polling goes on, paused) and nothing is counted twice. Meanwhile readiness
                        // reports the failure (CountingHealth) instead of the channel failing for good.
                        .onFailure().retry().withBackOff(RETRY_FIRST, RETRY_MAX).indefinitely()
                        .invoke(health::succeeded))
                .invoke(() -> LOG.debugf("counted %d records (%d children, %d dead letters)", batch.size(),
                        byChild.size(), rejected.size()));
    }

    /** One transaction: the children's new state, the cube deltas and the offsets after the batch. */
    private Uni<Void> count(String topic, Map<ChildKey, List<CaseEvent>> byChild, Map<Integer, Long> nextOffsets) {
        return pool.withTransaction(tx -> children.load(tx, byChild.keySet())
                        .chain(existing -> {
                            // the year is read once the children are locked: a year-turn recount that already
                            // passed one of them started after the clock turned, so this reads the new year too
                            // (YearTurnRecount)
                            FinancialYear year = currentYear.get();
                            Map<CubeCellDelta, Long> deltas = new HashMap<>();
                            List<ChildState> changed = new ArrayList<>();
                            byChild.forEach((key, events) -> {
                                ChildState before = existing.getOrDefault(key, ChildState.empty(key));
                                ChildState after = engine.recount(before, events, year);
                                if (after != null) {
                                    changed.add(after);
                                    addDelta(deltas, key.la(), before.contribution(), after.contribution());
                                }
                            });
                            return children.save(tx, changed)
                                    .chain(() -> cubes.apply(tx, deltas))
                                    .chain(() -> offsets.save(tx, topic, nextOffsets));
                        }));
    }

    public static void addDelta(Map<CubeCellDelta, Long> deltas, String la, Map<CubeCell, Long> before,
                                Map<CubeCell, Long> after) {
        after.forEach((cell, v) -> {
            long d = v - before.getOrDefault(cell, 0L);
            if (d != 0) {
                deltas.merge(new CubeCellDelta(la, cell.measure(), cell.fy(), cell.cell()), d, Long::sum);
            }
        });
        before.forEach((cell, v) -> {
            if (!after.containsKey(cell) && v != 0) {
                deltas.merge(new CubeCellDelta(la, cell.measure(), cell.fy(), cell.cell()), -v, Long::sum);
            }
        });
    }

    private static CaseEvent parse(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("empty record");
        }
        CaseEvent event;
        try {
            event = JSON.readValue(record.value(), CaseEvent.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a case event: " + firstLine(e.getMessage()));
        }
        if (event.la() == null || event.childId() == null || event.id() == null || event.type() == null
                || event.date() == null) {
            throw new IllegalArgumentException("case event lacks la, childId, id, type or date");
        }
        event.eventType();
        return event;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
