package org.cscstats.stats.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.Cube;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Json;
import org.cscstats.contract.Measure;
import org.cscstats.stats.counting.CaseloadStatistics;
import org.cscstats.stats.repository.CubeRepository;
import org.cscstats.stats.repository.CubeRepository.StoredCube;
import org.cscstats.stats.service.CurrentYear;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The outbox relay: publishes every cube whose version is newer than the one last published, and marks it
 * published only after Kafka acknowledged it. A crash in between publishes the same version again, which the
 * compacted topic and the suppression service (keeping the highest version) absorb.
 */
@ApplicationScoped
public class CubePublisher {
    private static final Logger LOG = Logger.getLogger(CubePublisher.class);
    private static final ObjectMapper JSON = Json.mapper();
    /** LAs per publishing transaction. */
    private static final int PAGE = 20;

    private final Pool pool;
    private final CubeRepository cubes;
    private final Emitter<Record<String, String>> emitter;
    private final CurrentYear currentYear;

    public CubePublisher(Pool pool, CubeRepository cubes, @Channel("cubes") Emitter<Record<String, String>> emitter,
                         CurrentYear currentYear) {
        this.pool = pool;
        this.cubes = cubes;
        this.emitter = emitter;
        this.currentYear = currentYear;
    }

    @Scheduled(every = "${stats.publish-interval}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publishChanged() {
        return publishPage().onFailure().invoke(e -> LOG.warnf("publishing cubes failed, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Publishes pages of changed cubes until none is left. */
    public Uni<Integer> publishPage() {
        return pool.withTransaction(tx -> cubes.unpublished(tx, PAGE)
                .chain(refs -> refs.isEmpty() ? Uni.createFrom().item(List.<StoredCube>of()) : cubes.load(tx, refs))
                .chain(loaded -> send(tx, loaded)))
                .chain(n -> n > 0 ? publishPage().map(m -> n + m) : Uni.createFrom().item(n));
    }

    private Uni<Integer> send(SqlClient tx, List<StoredCube> loaded) {
        if (loaded.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        FinancialYear current = currentYear.get();
        List<Uni<Void>> sends = new ArrayList<>();
        List<String> las = loaded.stream().map(c -> c.ref().la()).distinct().toList();
        return Uni.join().all(las.stream().map(la -> cubes.firstReferralYear(tx, la).map(fy -> new String[] {la, fy}))
                        .toList()).andFailFast()
                .chain(firsts -> {
                    Map<String, String> first = new HashMap<>();
                    firsts.forEach(f -> first.put(f[0], f[1]));
                    for (StoredCube c : loaded) {
                        String firstYear = first.get(c.ref().la());
                        // years before the LA's first referral are not part of its figures: send a tombstone
                        boolean inRange = firstYear != null && c.ref().fy().compareTo(firstYear) >= 0;
                        sends.add(send(c, inRange, current));
                    }
                    return Uni.join().all(sends).andFailFast();
                })
                .chain(() -> cubes.markPublished(tx, loaded))
                .map(x -> loaded.size());
    }

    private Uni<Void> send(StoredCube c, boolean inRange, FinancialYear current) {
        String key = Cube.key(c.ref().la(), c.ref().measure(), c.ref().fy());
        String value;
        if (!inRange) {
            value = null;
        } else {
            Measure measure = Measure.byId(c.ref().measure());
            boolean partial = FinancialYear.parse(c.ref().fy()).equals(current);
            Cube cube = new Cube(c.ref().la(), c.ref().measure(), c.ref().fy(), partial, c.version(),
                    measure == Measure.CASELOAD ? CaseloadStatistics.publish(c.cells()) : c.cells());
            try {
                value = JSON.writeValueAsString(cube);
            } catch (JsonProcessingException e) {
                return Uni.createFrom().failure(e);
            }
        }
        String payload = value;
        return Acknowledged.send(emitter, Message.of(Record.of(key, payload)));
    }
}
