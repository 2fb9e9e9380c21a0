package org.cscstats.suppression.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a true zero is printed as 0 (and never suppressed) or treated as a small count. */
public enum Zeros {
    SHOWN("shown"), SUPPRESSED("suppressed");

    private final String id;

    Zeros(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static Zeros byId(String id) {
        for (Zeros z : values()) {
            if (z.id.equals(id)) {
                return z;
            }
        }
        throw new IllegalArgumentException("zeros must be 'shown' or 'suppressed', not '" + id + "'");
    }
}
