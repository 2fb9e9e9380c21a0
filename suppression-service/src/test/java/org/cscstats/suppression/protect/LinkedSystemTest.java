package org.cscstats.suppression.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.bench.SyntheticLa;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.catalogue.TableSpec;
import org.junit.jupiter.api.Test;

class LinkedSystemTest {

    static final List<Cube> CUBES = SyntheticLa.generate(new SyntheticLa.Spec("331", 3, 3, 400, 1.0));

    static LinkedSystem system(List<Cube> cubes) {
        Catalogue c = Catalogue.defaultFor(cubes);
        return LinkedSystemBuilder.build(c.tables().stream().filter(TableSpec::linked).toList(),
                new CubeValues(cubes));
    }

    @Test
    void aFigureInSeveralTablesIsOneUnknown() {
        LinkedSystem sys = system(CUBES);
        int wbri = sys.indexOf("referrals|2023/24|ethnicity=WBRI");
        // Relation 2 makes referrals and referral outcomes of one ethnicity the same figure.
        assertEquals(wbri, (int) sys.indexOf("referral-outcomes|2023/24|ethnicity=WBRI"));
        int tables = 0;
        for (LinkedSystem.Binding b : sys.bindings()) {
            for (int u : b.unknowns()) {
                if (u == wbri) {
                    tables++;
                    break;
                }
            }
        }
        assertEquals(2, tables, "printed in referrals-by-ethnicity and the 2023/24 outcomes table");
        assertTrue(sys.unknown(wbri).published());
    }

    @Test
    void everyKnownRelationIsAConstraint() {
        LinkedSystem sys = system(CUBES);
        List<String> origins = sys.constraints().stream().map(Constraint::origin).toList();
        assertTrue(origins.stream().anyMatch(o -> o.startsWith("ethnicity sums to total in referrals|2022/23|")));
        assertTrue(origins.stream().anyMatch(o -> o.startsWith("outcome sums to total in referral-outcomes|2023/24|ethnicity=CHNE")));
        assertTrue(origins.stream().anyMatch(o -> o.startsWith("years sum to the total of referrals|2022/23+2023/24+2024/25|ethnicity=CHNE")));
        assertTrue(origins.stream().anyMatch(o -> o.startsWith("assessed-at-most-referrals-less-no-assessment for 2023/24 ethnicity=REFU")));
        assertTrue(origins.stream().anyMatch(o -> o.startsWith("assessed-at-least-nfa-plus-other for 2024/25 ethnicity=WBRI")));
        assertTrue(origins.stream().anyMatch(o -> o.startsWith("age-band sums to total in assessments|2022/23|")));
        // Breakdowns nobody prints are not pulled in.
        assertFalse(origins.stream().anyMatch(o -> o.contains("sex sums")));
        for (int k = 0; k < sys.constraints().size(); k++) {
            Constraint c = sys.constraints().get(k);
            long slack = sys.trueSlack(k);
            assertTrue(switch (c.sense()) {
                case EQ -> slack == 0;
                case LE -> slack >= 0;
                case GE -> slack <= 0;
            }, c.origin());
        }
    }

    @Test
    void inconsistentCubesAreRejectedWithoutValues() {
        List<Cube> broken = new ArrayList<>();
        for (Cube c : CUBES) {
            if (c.measure().equals("referrals") && c.fy().equals("2023/24")) {
                Map<String, Long> cells = new HashMap<>(c.cells());
                cells.merge("ethnicity=WBRI", 1L, Long::sum);
                broken.add(new Cube(c.la(), c.measure(), c.fy(), c.partial(), c.version(), cells));
            } else {
                broken.add(c);
            }
        }
        InconsistentCubesException e = assertThrows(InconsistentCubesException.class, () -> system(broken));
        assertTrue(e.getMessage().startsWith("the cubes are inconsistent"));
        // Names the relation, never a count.
        assertFalse(e.getMessage().replaceAll("\\d{4}/\\d{2}", "").matches(".*\\d.*"), e.getMessage());
    }
}
