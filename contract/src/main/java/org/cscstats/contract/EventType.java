package org.cscstats.contract;

import java.util.Optional;

/** The event types of {@code events.md}; referral-scoped ones carry a {@code referralId}. */
public enum EventType {
    REFERRAL("referral", true),
    CHILD_DETAILS("child-details", false),
    ASSESSMENT("assessment", true),
    STRATEGY_DISCUSSION("strategy-discussion", true),
    SECTION47("section47", true),
    CIN_PLAN("cin-plan", true),
    CP_PLAN("cp-plan", true),
    STEP_DOWN("step-down", true),
    CLOSURE("closure", true),
    EARLY_HELP_ASSESSMENT("early-help-assessment", false),
    ALLOCATION("allocation", false),
    RETRACTION("retraction", false);

    private final String wire;
    private final boolean referralScoped;

    EventType(String wire, boolean referralScoped) {
        this.wire = wire;
        this.referralScoped = referralScoped;
    }

    public String wire() {
        return wire;
    }

    public boolean referralScoped() {
        return referralScoped;
    }

    public static Optional<EventType> fromWire(String wire) {
        for (EventType t : values()) {
            if (t.wire.equals(wire)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
