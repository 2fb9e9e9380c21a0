package org.cscstats.stats.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.FinancialYear;
import org.junit.jupiter.api.Test;

/** Duplicates, conflicting versions and retractions: the history is a function of the set of events. */
class ChildHistoryTest {
    private static final FinancialYear CURRENT = new FinancialYear(2024);
    private static final CaseEvent REFERRAL = Ev.referral("e1", "R1", "2022-05-10", "2A").build();
    private static final CaseEvent ASSESSMENT = Ev.assessment("e2", "R1", "2022-06-01");

    static ChildHistory history(CaseEvent... events) {
        ChildHistory h = new ChildHistory("331", "X");
        for (CaseEvent e : events) {
            h.add(e);
        }
        return h;
    }

    @Test
    void theSameEventTwiceIsOneEvent() {
        ChildHistory h = history(REFERRAL);
        assertFalse(h.add(REFERRAL));
        assertEquals(List.of(REFERRAL), h.effective());
        assertEquals(1, ChildContribution.of(h, CURRENT).get(new CubeCell("referrals", "2022/23", "")));
    }

    @Test
    void ofConflictingVersionsTheOneWhoseCanonicalJsonSortsFirstStandsWhicheverArrivesFirst() {
        CaseEvent a = Ev.referral("e1", "R1", "2022-05-10", "1A").build();
        CaseEvent b = Ev.referral("e1", "R1", "2022-05-10", "2A").build();
        // the versions differ only in "referralSource": "1A" sorts before "2A"
        ChildHistory ab = history(a);
        assertFalse(ab.add(b));
        ChildHistory ba = history(b);
        assertTrue(ba.add(a));
        assertEquals(List.of(a), ab.effective());
        assertEquals(List.of(a), ba.effective());
        assertEquals(ab.stored(), ba.stored());
    }

    @Test
    void canonicalJsonSortsKeysAtEveryLevelAndOmitsNulls() {
        CaseEvent e = Ev.referral("e1", "R1", "2022-05-10", "1A").ethnicity("WBRI").born("2015-06-01").build();
        assertEquals("{\"child\":{\"birthDate\":\"2015-06-01\",\"ethnicity\":\"WBRI\"},\"childId\":\"X\","
                + "\"date\":\"2022-05-10\",\"id\":\"e1\",\"la\":\"331\",\"referralId\":\"R1\","
                + "\"referralSource\":\"1A\",\"type\":\"referral\"}", CanonicalJson.of(e));
    }

    @Test
    void aRetractionRemovesItsTargetWhicheverArrivesFirst() {
        CaseEvent retraction = Ev.retraction("t1", "2022-07-01", "e2");
        ChildHistory after = history(REFERRAL, ASSESSMENT, retraction);
        ChildHistory before = history(retraction, ASSESSMENT, REFERRAL);
        assertEquals(List.of(REFERRAL), after.effective());
        assertEquals(List.of(REFERRAL), before.effective());
        assertEquals(ChildContribution.of(history(REFERRAL), CURRENT), ChildContribution.of(before, CURRENT));
        // and permanently: the target again changes nothing
        assertFalse(before.add(ASSESSMENT));
        assertEquals(List.of(REFERRAL), before.effective());
    }

    @Test
    void aRetractedReferralTakesItsEventsWithIt() {
        ChildHistory h = history(REFERRAL, ASSESSMENT, Ev.retraction("t1", "2022-07-01", "e1"));
        assertEquals(ChildContribution.EMPTY, ChildContribution.of(h, CURRENT));
    }

    @Test
    void aRetractionCannotBeRetracted() {
        ChildHistory h = history(REFERRAL, ASSESSMENT, Ev.retraction("t1", "2022-07-01", "e2"),
                Ev.retraction("t2", "2022-07-02", "t1"));
        assertEquals(List.of(REFERRAL), h.effective());
    }

    @Test
    void aRetractionOfAnUnknownIdOrItselfChangesNothingCounted() {
        ChildHistory h = history(REFERRAL, Ev.retraction("t1", "2022-07-01", "nope"),
                Ev.retraction("t2", "2022-07-01", "t2"));
        assertEquals(List.of(REFERRAL), h.effective());
        assertEquals(3, h.stored().size());
    }

    @Test
    void storedIsTheSameWhateverTheArrivalOrder() {
        CaseEvent r = Ev.retraction("t1", "2022-07-01", "e2");
        assertEquals(history(REFERRAL, ASSESSMENT, r).stored(), history(r, ASSESSMENT, REFERRAL).stored());
        assertEquals(history(REFERRAL, ASSESSMENT).stored(),
                ChildHistory.of("331", "X", List.of(ASSESSMENT, REFERRAL, ASSESSMENT)).stored());
    }

    @Test
    void anotherChildsEventIsRefused() {
        ChildHistory h = history(REFERRAL);
        assertThrows(IllegalArgumentException.class, () -> h.add(Ev.forChild(ASSESSMENT, "Y")));
    }
}
