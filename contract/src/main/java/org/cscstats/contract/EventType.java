package org.cscstats.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The event types of {@code docs/events.md} › Event types; referral-scoped ones carry a {@code referralId}. */
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

    /** Looked up for every event counted: a map, not a scan of the values. */
    private static final Map<String, EventType> BY_WIRE = new HashMap<>();

    static {
        for (EventType t : values()) {
            BY_WIRE.put(t.wire, t);
        }
    }

    public static Optional<EventType> fromWire(String wire) {
        return Optional.ofNullable(wire == null ? null : BY_WIRE.get(wire));
    }
}
