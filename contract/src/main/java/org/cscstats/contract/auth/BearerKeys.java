package org.cscstats.contract.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer keys (ingest keys, operator keys), each allowed a set of LAs. Configuration holds only SHA-256 hashes, so a leaked config file does not leak keys.
 * A presented key is hashed and compared with every configured hash in constant time (no early exit), so
 * response timing tells nothing about how close a guess was.
 *
 * <p>Configuration text: entries separated by {@code ;} or line breaks, each {@code [<name>=]<sha256-hex>:<las>}
 * where {@code <las>} is {@code *} (every LA) or comma-separated 3-digit codes, e.g.
 * {@code coventry=3f2a…e1:331; 9b0c…7d:*}. The optional name is only a reminder for whoever edits the
 * configuration. Get a hash with {@code ./hash-key} (tools) or {@code sha256sum}.
 */
public final class BearerKeys {
    private static final HexFormat HEX = HexFormat.of();

    private final List<KeyGrant> grants;

    public BearerKeys(List<KeyGrant> grants) {
        this.grants = List.copyOf(grants);
    }

    public static BearerKeys parse(String config) {
        List<KeyGrant> grants = new ArrayList<>();
        if (config != null) {
            int n = 0;
            for (String entry : config.split("[;\\r\\n]+")) {
                entry = entry.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                n++;
                int colon = entry.indexOf(':');
                int eq = entry.indexOf('=');
                if (eq >= 0 && eq < colon) {
                    entry = entry.substring(eq + 1); // drop the name
                    colon -= eq + 1;
                }
                if (colon < 0) {
                    throw new IllegalArgumentException("key entry " + n + ": expected <sha256-hex>:<las>");
                }
                String hex = entry.substring(0, colon).strip().toLowerCase();
                if (!hex.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("key entry " + n + ": the hash must be 64 hex digits "
                            + "(configure the SHA-256 of the key, not the key)");
                }
                Set<String> las = new LinkedHashSet<>();
                boolean every = false;
                for (String la : entry.substring(colon + 1).split(",")) {
                    la = la.strip();
                    if (la.equals("*")) {
                        every = true;
                    } else if (!la.isEmpty()) {
                        las.add(la);
                    }
                }
                if (!every && las.isEmpty()) {
                    throw new IllegalArgumentException("key entry " + n + ": no LA codes (use * for every LA)");
                }
                try {
                    grants.add(new KeyGrant(HEX.parseHex(hex), las, every));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("key entry " + n + ": " + e.getMessage());
                }
            }
        }
        return new BearerKeys(grants);
    }

    /** The grant of a presented key, if it is one of ours. Always compares against every grant. */
    public Optional<KeyGrant> identify(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presentedKey);
        KeyGrant match = null;
        for (KeyGrant g : grants) {
            if (MessageDigest.isEqual(g.sha256(), digest) && match == null) {
                match = g;
            }
        }
        return Optional.ofNullable(match);
    }

    public AuthDecision authorise(String presentedKey, String la) {
        return authorise(presentedKey, List.of(la));
    }

    /** For a batch mixing LAs: allowed only if the key may send every one of them. */
    public AuthDecision authorise(String presentedKey, Collection<String> las) {
        Optional<KeyGrant> grant = identify(presentedKey);
        if (grant.isEmpty()) {
            return AuthDecision.UNKNOWN_KEY;
        }
        for (String la : las) {
            if (!grant.get().allows(la)) {
                return AuthDecision.LA_NOT_ALLOWED;
            }
        }
        return AuthDecision.ALLOWED;
    }

    /** The key from an {@code Authorization} header value ({@code Bearer <key>}, scheme case-insensitive). */
    public static Optional<String> bearerToken(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() < 7
                || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String key = authorizationHeader.substring(7).strip();
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    /** The lowercase hex SHA-256 of a key, as configuration stores it. */
    public static String hash(String key) {
        return HEX.formatHex(sha256(key));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
