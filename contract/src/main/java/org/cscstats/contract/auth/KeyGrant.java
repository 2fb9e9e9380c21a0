package org.cscstats.contract.auth;

import java.util.HexFormat;
import java.util.Set;

/**
 * One configured key: the SHA-256 of the key (never the key itself) and the LA codes it may send, or every LA.
 * {@link #fingerprint()} names the key in logs without revealing anything usable.
 */
public record KeyGrant(byte[] sha256, Set<String> las, boolean everyLa) {

    public KeyGrant {
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("a key hash must be 32 bytes (64 hex digits)");
        }
        sha256 = sha256.clone();
        las = Set.copyOf(las);
        for (String la : las) {
            if (!la.matches("\\d{3}")) {
                throw new IllegalArgumentException("an LA code must be 3 digits");
            }
        }
    }

    public boolean allows(String la) {
        return everyLa || las.contains(la);
    }

    /** The first 8 hex digits of the hash. */
    public String fingerprint() {
        return HexFormat.of().formatHex(sha256, 0, 4);
    }
}
