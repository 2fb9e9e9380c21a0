package org.cscstats.stats.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cscstats.contract.Json;
import org.cscstats.stats.counting.CubeCell;
import org.junit.jupiter.api.Test;

/** The hand-written contribution JSON reads back as the map it was written from, whatever the cell keys hold. */
class ContributionEncodingTest {

    @Test
    void encodedContributionIsTheJsonObjectOfItsCells() throws Exception {
        Map<CubeCell, Long> contribution = new LinkedHashMap<>();
        contribution.put(new CubeCell("referrals", "2024/25", ""), 2L);
        contribution.put(new CubeCell("referrals", "2024/25", "ethnicity=WBRI|age-band=10-15"), -1L);
        contribution.put(new CubeCell("odd", "2024/25", "quote\"back\\slash\u0001"), Long.MAX_VALUE);

        String json = ChildStateRepository.encode(contribution);

        Map<String, Long> read = Json.mapper().readValue(json, new TypeReference<Map<String, Long>>() {
        });
        assertEquals(Map.of(
                "referrals|2024/25|", 2L,
                "referrals|2024/25|ethnicity=WBRI|age-band=10-15", -1L,
                "odd|2024/25|quote\"back\\slash\u0001", Long.MAX_VALUE), read);
        assertEquals("{}", ChildStateRepository.encode(Map.of()));
    }
}
