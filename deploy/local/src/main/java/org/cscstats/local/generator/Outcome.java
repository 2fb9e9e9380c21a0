package org.cscstats.local.generator;

/** A referral's outcome as {@code docs/measures.md} › Referral outcome defines it: the course the simulator gives the referral. */
enum Outcome {
    NO_ASSESSMENT("no-assessment"),
    NFA("nfa"),
    STEP_DOWN("step-down"),
    CIN_PLAN("cin-plan"),
    STRATEGY_DISCUSSION("strategy-discussion"),
    OTHER("other");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    /** The {@code outcome} dimension code. */
    String code() {
        return code;
    }
}
