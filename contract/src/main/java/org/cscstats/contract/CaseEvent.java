package org.cscstats.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/**
 * A validated case event as it travels on {@link Topics#CASE_EVENTS}: the fields of {@code docs/events.md}, every
 * identifier already replaced by its pseudonym. Fields a type does not use are null (and omitted in JSON).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseEvent(
        String id,
        String type,
        String la,
        String childId,
        String referralId,
        LocalDate date,
        String source,
        String referralSource,
        Child child,
        String assessmentId,
        LocalDate startDate,
        List<String> factors,
        String enquiryId,
        String planId,
        String action,
        String category,
        String to,
        String reason,
        String workerId,
        String eventId) {

    /** The recorded characteristics of a child; any field may be absent ("unknown"). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Child(LocalDate birthDate, LocalDate expectedBirthDate, String sex, String ethnicity) {
    }

    public EventType eventType() {
        return EventType.fromWire(type).orElseThrow(() -> new IllegalArgumentException("unknown type '" + type + "'"));
    }

    /** The Kafka record key: one child's events stay in order on one partition. */
    public String kafkaKey() {
        return la + ":" + childId;
    }
}
