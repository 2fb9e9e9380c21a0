package org.cscstats.attack.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.attack.api.ReleaseReading;
import org.cscstats.attack.api.ShownTable;
import org.cscstats.contract.Measure;

/**
 * Builds the outsider's model of every release of one LA from the tables alone. The caseload table is outside the
 * linked system and is left out. Across releases an outsider cannot tell which cells changed, so it assumes counts
 * do not shrink: each cell's variable in a later release is at least its variable in the release before.
 */
public final class ModelBuilder {
    private ModelBuilder() {
    }

    public static AttackModel build(List<ReleaseReading> releases) {
        CubeShape shape = new CubeShape();
        for (int k = 0; k < releases.size(); k++) {
            for (ShownTable t : linked(releases.get(k))) {
                for (int r = 0; r <= t.rows().size(); r++) {
                    for (int c = 0; c <= t.columns().size(); c++) {
                        if (t.at(r, c) != null) {
                            for (Cell cell : TableCells.at(t, r, c)) {
                                shape.printed(k, cell);
                            }
                        }
                    }
                }
            }
        }
        VariableSpace vars = new VariableSpace();
        CubeRelations relations = new CubeRelations(shape, vars);
        for (int k = 0; k < releases.size(); k++) {
            relations.declare(k);
        }
        List<Constraint> constraints = new ArrayList<>();
        Displays displays = new Displays(vars);
        List<NoteBound> noteBounds = new ArrayList<>();
        for (int k = 0; k < releases.size(); k++) {
            ReleaseReading release = releases.get(k);
            constraints.addAll(relations.of(k));
            for (ShownTable t : linked(release)) {
                List<NoteBound> notes = NoteReading.readAll(release.id(), t.notes(), release.policy());
                for (NoteBound n : notes) {
                    if (!noteBounds.contains(n)) {
                        noteBounds.add(n);
                    }
                }
                displays.read(k, t, release.policy(), notes);
            }
        }
        constraints.addAll(displays.constraints());
        if (!Boolean.getBoolean("attack.releasesAlone")) {
            // -Dattack.releasesAlone=true: each release attacked alone (a weaker attacker, far cheaper to solve)
            constraints.addAll(growth(vars));
        }
        return new AttackModel(releases.stream().map(ReleaseReading::id).toList(),
                releases.stream().map(ReleaseReading::policy).toList(), vars, constraints, displays.targets(),
                noteBounds);
    }

    private static List<ShownTable> linked(ReleaseReading release) {
        return release.tables().stream().filter(t -> !t.measure().equals(Measure.CASELOAD.id())).toList();
    }

    /** x(cell, later release) − x(cell, the release before that has it) ≥ 0. */
    private static List<Constraint> growth(VariableSpace vars) {
        Map<Cell, Integer> last = new HashMap<>();
        List<Constraint> out = new ArrayList<>();
        for (int v = 0; v < vars.size(); v++) {
            Integer before = last.put(vars.cell(v), v);
            if (before != null) {
                out.add(Constraint.between(new int[] {v, before}, new int[] {1, -1}, 0, Constraint.OPEN_ABOVE,
                        Constraint.Kind.GROWTH, "does not shrink: " + vars.cell(v)));
            }
        }
        return out;
    }
}
