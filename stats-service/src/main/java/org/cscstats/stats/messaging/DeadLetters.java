package org.cscstats.stats.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.cscstats.stats.model.Rejected;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Sends records that cannot be counted to the dead-letter topic, with the reason and origin in headers. */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private final Emitter<String> emitter;

    public DeadLetters(@Channel("dead-letters") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(rejected.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(Rejected r) {
        // the reason names the problem and the record's position, never its content
        LOG.warnf("dead letter: %s-%d@%d: %s", r.record().topic(), r.record().partition(), r.record().offset(), r.reason());
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", r.reason().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-origin", (r.record().topic() + "-" + r.record().partition() + "@" + r.record().offset())
                .getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(r.record().key()).withHeaders(headers).build();
        return Acknowledged.send(emitter, Message.of(r.record().value() == null ? "" : r.record().value())
                .addMetadata(metadata));
    }
}
