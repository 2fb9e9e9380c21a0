package org.cscstats.stats.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.cscstats.stats.service.CountingService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Feeds batches of {@code case-events} to the counting service, one batch at a time. */
@ApplicationScoped
public class CaseEventConsumer {
    private final CountingService counting;
    private final String topic;

    public CaseEventConsumer(CountingService counting,
                             @ConfigProperty(name = "mp.messaging.incoming.case-events.topic") String topic) {
        this.counting = counting;
        this.topic = topic;
    }

    @Incoming("case-events")
    public Uni<Void> consume(ConsumerRecords<String, String> batch) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>(batch.count());
        batch.forEach(records::add);
        // The counting service retries a batch until it commits (a database outage heals on its own); only what
        // escapes that fails the channel (failure-strategy=fail), and with offsets in the database a restart
        // resumes exactly where the last committed batch ended.
        return counting.apply(topic, records);
    }
}
