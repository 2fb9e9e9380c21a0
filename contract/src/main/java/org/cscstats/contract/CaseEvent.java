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

    /** An event built by field name; what is not set stays null, as the type's unused fields must. */
    public static Builder builder() {
        return new Builder();
    }

    /** This event's fields in a builder: a copy with some of them changed (pseudonyms, test variations). */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .type(type)
                .la(la)
                .childId(childId)
                .referralId(referralId)
                .date(date)
                .source(source)
                .referralSource(referralSource)
                .child(child)
                .assessmentId(assessmentId)
                .startDate(startDate)
                .factors(factors)
                .enquiryId(enquiryId)
                .planId(planId)
                .action(action)
                .category(category)
                .to(to)
                .reason(reason)
                .workerId(workerId)
                .eventId(eventId);
    }

    /**
     * Twenty positional components, most of them null for any one type, are easy to get out of order: events are
     * built by naming the fields they carry instead.
     */
    public static final class Builder {
        private String id;
        private String type;
        private String la;
        private String childId;
        private String referralId;
        private LocalDate date;
        private String source;
        private String referralSource;
        private Child child;
        private String assessmentId;
        private LocalDate startDate;
        private List<String> factors;
        private String enquiryId;
        private String planId;
        private String action;
        private String category;
        private String to;
        private String reason;
        private String workerId;
        private String eventId;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The type by its wire name, as read (it may be one the contract does not know). */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder type(EventType type) {
            this.type = type.wire();
            return this;
        }

        public Builder la(String la) {
            this.la = la;
            return this;
        }

        public Builder childId(String childId) {
            this.childId = childId;
            return this;
        }

        public Builder referralId(String referralId) {
            this.referralId = referralId;
            return this;
        }

        public Builder date(LocalDate date) {
            this.date = date;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder referralSource(String referralSource) {
            this.referralSource = referralSource;
            return this;
        }

        public Builder child(Child child) {
            this.child = child;
            return this;
        }

        public Builder assessmentId(String assessmentId) {
            this.assessmentId = assessmentId;
            return this;
        }

        public Builder startDate(LocalDate startDate) {
            this.startDate = startDate;
            return this;
        }

        public Builder factors(List<String> factors) {
            this.factors = factors;
            return this;
        }

        public Builder enquiryId(String enquiryId) {
            this.enquiryId = enquiryId;
            return this;
        }

        public Builder planId(String planId) {
            this.planId = planId;
            return this;
        }

        public Builder action(String action) {
            this.action = action;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder to(String to) {
            this.to = to;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder workerId(String workerId) {
            this.workerId = workerId;
            return this;
        }

        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public CaseEvent build() {
            return new CaseEvent(id, type, la, childId, referralId, date, source, referralSource, child, assessmentId,
                    startDate, factors, enquiryId, planId, action, category, to, reason, workerId, eventId);
        }
    }
}
