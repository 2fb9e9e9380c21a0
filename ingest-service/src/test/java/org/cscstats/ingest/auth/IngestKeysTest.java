package org.cscstats.ingest.auth;

import org.cscstats.contract.auth.AuthDecision;
import org.cscstats.contract.auth.BearerKeys;
import org.cscstats.contract.auth.KeyGrant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IngestKeysTest {
    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hashIsLowercaseHexSha256() throws Exception {
        assertEquals(sha256("local-dev-key"), BearerKeys.hash("local-dev-key"));
        // a published SHA-256 known answer ("abc", FIPS 180-2)
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", BearerKeys.hash("abc"));
    }

    @Test
    void decisions() throws Exception {
        BearerKeys keys = BearerKeys.parse(sha256("coventry-key") + ":331\n"
                + sha256("east-mids-key").toUpperCase() + ": 856 , 855 ;" + sha256("local-dev-key") + ":*");
        assertEquals(AuthDecision.ALLOWED, keys.authorise("coventry-key", "331"));
        assertEquals(AuthDecision.LA_NOT_ALLOWED, keys.authorise("coventry-key", "856"));
        assertEquals(AuthDecision.ALLOWED, keys.authorise("east-mids-key", List.of("856", "855")));
        assertEquals(AuthDecision.LA_NOT_ALLOWED, keys.authorise("east-mids-key", List.of("856", "331")));
        assertEquals(AuthDecision.ALLOWED, keys.authorise("local-dev-key", List.of("331", "856", "999")));
        assertEquals(AuthDecision.UNKNOWN_KEY, keys.authorise("guess", "331"));
        assertEquals(AuthDecision.UNKNOWN_KEY, keys.authorise("", "331"));
        assertEquals(AuthDecision.UNKNOWN_KEY, keys.authorise(null, "331"));
        assertEquals(AuthDecision.UNKNOWN_KEY, keys.authorise(sha256("coventry-key"), "331"), "the hash is not the key");
        assertTrue(keys.identify("coventry-key").get().fingerprint().matches("[0-9a-f]{8}"));
    }

    @Test
    void entriesMayBeNamed() throws Exception {
        BearerKeys keys = BearerKeys.parse("coventry = " + sha256("coventry-key") + ":331; " + sha256("x") + ":*");
        assertEquals(AuthDecision.ALLOWED, keys.authorise("coventry-key", "331"));
        assertEquals(AuthDecision.LA_NOT_ALLOWED, keys.authorise("coventry-key", "856"));
        assertEquals(AuthDecision.ALLOWED, keys.authorise("x", "856"));
    }

    @Test
    void noKeysConfiguredRefusesEverything() {
        assertEquals(AuthDecision.UNKNOWN_KEY, BearerKeys.parse("").authorise("anything", "331"));
        assertEquals(AuthDecision.UNKNOWN_KEY, BearerKeys.parse(null).authorise("anything", "331"));
    }

    @Test
    void badConfigurationIsRejectedClearly() throws Exception {
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> BearerKeys.parse("local-dev-key:*"));
        assertTrue(plain.getMessage().contains("64 hex digits"));
        assertFalse(plain.getMessage().contains("local-dev-key"), "never echo what may be a key");
        assertThrows(IllegalArgumentException.class, () -> BearerKeys.parse(sha256("k")));
        assertThrows(IllegalArgumentException.class, () -> BearerKeys.parse(sha256("k") + ":"));
        assertThrows(IllegalArgumentException.class, () -> BearerKeys.parse(sha256("k") + ":33"));
    }

    @Test
    void bearerHeader() {
        assertEquals(Optional.of("abc"), BearerKeys.bearerToken("Bearer abc"));
        assertEquals(Optional.of("abc"), BearerKeys.bearerToken("bearer  abc "));
        assertEquals(Optional.empty(), BearerKeys.bearerToken("Basic abc"));
        assertEquals(Optional.empty(), BearerKeys.bearerToken("Bearer "));
        assertEquals(Optional.empty(), BearerKeys.bearerToken(null));
    }
}
