package org.cscstats.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cscstats.ingest.service.RecentIds.Seen;
import org.junit.jupiter.api.Test;

/** Recent ids remember the latest content of each id, and at least the newest half of their capacity. */
class RecentIdsTest {

    @Test
    void remembersWhatWasPutAndTheLatestContent() {
        RecentIds ids = new RecentIds(1000);
        assertEquals(Seen.NEW, ids.check("331:c1:e1", "seven"));
        ids.put("331:c1:e1", "seven");
        ids.put("331:c1:e2", "eight");
        assertEquals(Seen.SAME_CONTENT, ids.check("331:c1:e1", "seven"));
        assertEquals(Seen.OTHER_CONTENT, ids.check("331:c1:e1", "eight"));
        ids.put("331:c1:e1", "nine");
        assertEquals(Seen.SAME_CONTENT, ids.check("331:c1:e1", "nine"));
        assertEquals(Seen.SAME_CONTENT, ids.check("331:c1:e2", "eight"));
        assertEquals(Seen.NEW, ids.check("856:c1:e1", "seven"));
    }

    /** "Aa" and "BB" have the same String.hashCode(), so do any two strings that differ only by swapping them. */
    @Test
    void contentsWithTheSameStringHashAreDifferent() {
        String before = "{\"source\":\"xAaBB\"}";
        String after = "{\"source\":\"xBBAa\"}";
        assertEquals(before.hashCode(), after.hashCode(), "the pair collides in String.hashCode()");
        RecentIds ids = new RecentIds(1000);
        ids.put("331:c1:e1", before);
        assertEquals(Seen.OTHER_CONTENT, ids.check("331:c1:e1", after));
    }

    @Test
    void keepsTheNewestHalfOfItsCapacityAndForgetsTheOldest() {
        RecentIds ids = new RecentIds(1000);
        for (int i = 0; i < 5000; i++) {
            ids.put("id-" + i, "content-" + i);
        }
        for (int i = 4500; i < 5000; i++) {
            assertEquals(Seen.SAME_CONTENT, ids.check("id-" + i, "content-" + i), "recent id " + i);
        }
        for (int i = 0; i < 3000; i++) {
            assertEquals(Seen.NEW, ids.check("id-" + i, "content-" + i), "old id " + i);
        }
    }

    @Test
    void anIdPutAgainAfterRotationKeepsItsNewContent() {
        RecentIds ids = new RecentIds(4);
        ids.put("a", "1");
        ids.put("b", "2"); // generation full
        ids.put("c", "3"); // a, b now previous
        ids.put("a", "4"); // a's new content in the current generation
        assertEquals(Seen.SAME_CONTENT, ids.check("a", "4"));
        assertEquals(Seen.OTHER_CONTENT, ids.check("a", "1"));
        assertEquals(Seen.SAME_CONTENT, ids.check("b", "2"));
    }
}
