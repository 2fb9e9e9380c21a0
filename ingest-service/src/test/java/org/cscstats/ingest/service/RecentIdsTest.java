package org.cscstats.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Recent ids remember the latest content of each id, and at least the newest half of their capacity. */
class RecentIdsTest {

    @Test
    void remembersWhatWasPutAndTheLatestContent() {
        RecentIds ids = new RecentIds(1000);
        assertNull(ids.get("331:c1:e1"));
        ids.put("331:c1:e1", 7);
        ids.put("331:c1:e2", 8);
        assertEquals(7, ids.get("331:c1:e1"));
        ids.put("331:c1:e1", 9);
        assertEquals(9, ids.get("331:c1:e1"));
        assertEquals(8, ids.get("331:c1:e2"));
        assertNull(ids.get("856:c1:e1"));
    }

    @Test
    void keepsTheNewestHalfOfItsCapacityAndForgetsTheOldest() {
        RecentIds ids = new RecentIds(1000);
        for (int i = 0; i < 5000; i++) {
            ids.put("id-" + i, i);
        }
        for (int i = 4500; i < 5000; i++) {
            assertEquals(i, ids.get("id-" + i), "recent id " + i);
        }
        for (int i = 0; i < 3000; i++) {
            assertNull(ids.get("id-" + i), "old id " + i);
        }
    }

    @Test
    void anIdPutAgainAfterRotationKeepsItsNewContent() {
        RecentIds ids = new RecentIds(4);
        ids.put("a", 1);
        ids.put("b", 2); // generation full
        ids.put("c", 3); // a, b now previous
        ids.put("a", 4); // a's new content in the current generation
        assertEquals(4, ids.get("a"));
        assertEquals(2, ids.get("b"));
    }
}
