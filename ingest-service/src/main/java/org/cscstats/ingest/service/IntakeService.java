package org.cscstats.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Excerpt;
import org.cscstats.contract.Json;
import org.cscstats.ingest.pseudonym.Pseudonymiser;
import org.cscstats.ingest.validation.ValidationError;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes valid events (identifiers in clear), pseudonymises them, drops those Kafka already has, and publishes
 * the rest, returning only once Kafka has acknowledged all of them.
 */
@ApplicationScoped
public class IntakeService {
    private static final ObjectMapper JSON = Json.mapper();

    private final Pseudonymiser pseudonymiser;
    private final EventPublisher publisher;
    private final RecentIds recent;

    public IntakeService(@ConfigProperty(name = "ingest.pseudonym-key") String key, EventPublisher publisher,
                         RecentIds recent) {
        this.pseudonymiser = Pseudonymiser.fromConfig(key);
        this.publisher = publisher;
        this.recent = recent;
    }

    /** How a batch went: {@code accepted + duplicates} = events given; {@code conflicts} rejected it whole. */
    public record Outcome(int accepted, int duplicates, List<ValidationError> conflicts) {
    }

    /**
     * @param events valid events in clear, each (la, childId, id) once
     * @param alreadyDuplicates identical repeats already dropped within the batch
     */
    public Outcome publish(List<CaseEvent> events, int alreadyDuplicates) throws KafkaUnavailableException {
        return publish(events, alreadyDuplicates, true);
    }

    /**
     * @param wholeOrNothing true: a conflicting repeat rejects everything (an API batch); false: the others are
     *                       still published and the conflicts reported (a census import, which reports per element)
     */
    public Outcome publish(List<CaseEvent> events, int alreadyDuplicates, boolean wholeOrNothing)
            throws KafkaUnavailableException {
        List<EventPublisher.Outgoing> out = new ArrayList<>(events.size());
        List<String> keys = new ArrayList<>(events.size());
        List<String> contents = new ArrayList<>(events.size());
        List<ValidationError> conflicts = new ArrayList<>();
        int duplicates = alreadyDuplicates;
        for (int i = 0; i < events.size(); i++) {
            CaseEvent event = pseudonymiser.pseudonymise(events.get(i));
            String json = write(event);
            String key = event.la() + ":" + event.childId() + ":" + event.id();
            RecentIds.Seen seen = recent.check(key, json);
            if (seen == RecentIds.Seen.SAME_CONTENT) {
                duplicates++;
                continue;
            }
            if (seen == RecentIds.Seen.OTHER_CONTENT) {
                conflicts.add(new ValidationError(i, "id", "the id " + Excerpt.of(events.get(i).id())
                        + " was accepted before with different content; send a new id or a retraction"));
                continue;
            }
            out.add(new EventPublisher.Outgoing(event.kafkaKey(), json));
            keys.add(key);
            contents.add(json);
        }
        if (!conflicts.isEmpty() && wholeOrNothing) {
            return new Outcome(0, 0, conflicts);
        }
        publisher.publishAll(out);
        for (int i = 0; i < keys.size(); i++) {
            recent.put(keys.get(i), contents.get(i));
        }
        return new Outcome(out.size(), duplicates, conflicts);
    }

    private static String write(CaseEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
