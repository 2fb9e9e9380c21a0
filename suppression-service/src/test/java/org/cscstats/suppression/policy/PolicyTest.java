package org.cscstats.suppression.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PolicyTest {

    @Test
    void presetsAreAsSpecified() {
        assertEquals(5, Policy.FOI.threshold());
        assertEquals("<5", Policy.FOI.primarySymbol());
        assertEquals("[c]", Policy.FOI.secondarySymbol());
        assertEquals(Zeros.SHOWN, Policy.FOI.zeros());
        assertEquals(3, Policy.FOI.protection());
        assertNull(Policy.FOI.rounding());
        assertTrue(Policy.FOI.symbolsDistinct());

        assertEquals(6, Policy.DFE.threshold());
        assertEquals("[c]", Policy.DFE.primarySymbol());
        assertEquals("[c]", Policy.DFE.secondarySymbol());
        assertEquals(4, Policy.DFE.protection());
        assertFalse(Policy.DFE.symbolsDistinct());

        assertEquals(8, Policy.NHS.threshold());
        assertEquals(5, Policy.NHS.rounding());
        assertEquals(6, Policy.NHS.protection());
        assertEquals(Cadence.QUARTERLY, Policy.NHS.cadence());
    }

    @Test
    void defaultProtectionIsTheWholeRangeOfTheSymbol() {
        assertEquals(3, Policy.defaultProtection(5, Zeros.SHOWN));
        assertEquals(4, Policy.defaultProtection(5, Zeros.SUPPRESSED));
        Policy p = Policy.of("strict", 5, Zeros.SUPPRESSED, "<5", "[c]", null);
        assertEquals(4, p.protection());
        assertTrue(p.isPrimary(0));
        assertFalse(Policy.FOI.isPrimary(0));
        assertTrue(Policy.FOI.isPrimary(1));
        assertTrue(Policy.FOI.isPrimary(4));
        assertFalse(Policy.FOI.isPrimary(5));
    }

    @Test
    void roundsHalfUpToTheBase() {
        Policy nhs = Policy.NHS;
        assertEquals(0, nhs.publishedValue(0));
        assertEquals(10, nhs.publishedValue(8));
        assertEquals(10, nhs.publishedValue(12));
        assertEquals(15, nhs.publishedValue(13));
        assertEquals(15, nhs.publishedValue(17));
        assertEquals(20, nhs.publishedValue(18));
        assertEquals(2, nhs.roundingBelow());
        assertEquals(2, nhs.roundingAbove());
        Policy ten = Policy.of("ten", 8, Zeros.SHOWN, "[c]", "[c]", 10);
        assertEquals(20, ten.publishedValue(15));
        assertEquals(10, ten.publishedValue(14));
        assertEquals(5, ten.roundingBelow());
        assertEquals(4, ten.roundingAbove());
        assertEquals(37, Policy.FOI.publishedValue(37));
    }

    @Test
    void notesExplainEverySymbol() {
        assertTrue(Policy.FOI.notes().stream().anyMatch(n -> n.equals("<5: a small number, from 1 to 4.")));
        // [c] states no bound (a note is attacker knowledge): it may hide 0 and small numbers.
        assertTrue(Policy.FOI.notes().stream().anyMatch(n -> n.startsWith("[c]:") && n.contains("including 0")));
        assertFalse(Policy.FOI.notes().stream().anyMatch(n -> n.contains("or more") || n.contains("never withheld")));
        assertTrue(Policy.DFE.notes().stream().anyMatch(n -> n.startsWith("[c]:") && n.contains("from 1 to 5")));
        assertTrue(Policy.NHS.notes().stream().anyMatch(n -> n.contains("rounded to the nearest 5")));
        assertTrue(Policy.FOI.notes().stream().anyMatch(n -> n.startsWith("0:")));
    }

    @Test
    void rejectsPoliciesThatCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> Policy.FOI.withProtection(4));
        assertThrows(IllegalArgumentException.class, () -> Policy.of("x", 5, Zeros.SHOWN, "5", "[c]", null));
        assertThrows(IllegalArgumentException.class, () -> Policy.of("x", 5, Zeros.SHOWN, "<5", "[c]", 20));
        assertEquals(Policy.DFE, Policy.byName("dfe"));
        assertEquals(Zeros.SUPPRESSED, Zeros.byId("suppressed"));
    }
}
