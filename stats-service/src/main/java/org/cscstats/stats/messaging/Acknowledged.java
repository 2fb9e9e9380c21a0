package org.cscstats.stats.messaging;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The one bridge from an emitter's ack/nack to a {@link Uni}: done once Kafka has the record, failed if it refused. */
final class Acknowledged {
    private Acknowledged() {
    }

    static <T> Uni<Void> send(Emitter<T> emitter, Message<T> message) {
        return Uni.createFrom().emitter(e -> emitter.send(message
                .withAck(() -> {
                    e.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(t -> {
                    e.fail(t);
                    return CompletableFuture.completedFuture(null);
                })));
    }
}
