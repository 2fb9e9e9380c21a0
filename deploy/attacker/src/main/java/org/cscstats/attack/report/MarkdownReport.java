package org.cscstats.attack.report;

import java.util.List;
import org.cscstats.attack.model.Constraint;
import org.cscstats.attack.model.NoteBound;
import org.cscstats.attack.model.Position;
import org.cscstats.attack.solve.TargetResult;

/** The attack as Markdown: per-release figures, the note bounds found, and every figure narrower than p. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String of(AttackResult a) {
        StringBuilder md = new StringBuilder();
        md.append("# Outsider's integer attack on LA ").append(a.la()).append("\n\n");
        md.append("Every release read through the public API; one integer variable per cube cell per release; ")
                .append("every relation of docs/measures.md; the bounds the displays and notes state; counts assumed ")
                .append("not to shrink between releases.\n\n");
        md.append("| release | p | withheld | narrower than p | exact | undecided | contradicted |\n|---|---|---|---|---|---|---|\n");
        for (ReleaseFigures f : a.figures()) {
            md.append("| ").append(f.release()).append(" | ").append(f.protection()).append(" | ").append(f.withheld())
                    .append(" | ").append(f.narrowerThanP()).append(" | ").append(f.exact()).append(" | ")
                    .append(f.undecided()).append(" | ").append(f.contradicted()).append(" |\n");
        }
        var e = a.effort();
        md.append("\n").append(e.variables()).append(" variables, ").append(e.unknowns()).append(" not pinned by ")
                .append("propagation, in ").append(e.components()).append(" components (largest ")
                .append(e.largestComponent()).append("); ").append(e.beliefsDropped())
                .append(" beliefs contradicted by the displays and dropped (a count that shrank, or a false note); ")
                .append(e.componentsWithoutGrowth()).append(" components infeasible with \"counts do not shrink\" even after that, so ")
                .append("attacked without it (a count shrank, e.g. a retraction; the largest has ")
                .append(e.largestWithoutGrowth()).append(" unknowns), ").append(e.componentsWithoutNotes())
                .append(" also without the notes' claims; ").append(e.solves()).append(" solves, ").append(e.points())
                .append(" checked integer points, ").append(e.integerSolves()).append(" integer solves (LP optimum not ")
                .append("whole), ").append(e.lpFallbacks()).append(" figures without a checked integer optimum; ").append(e.millis()).append(" ms.\n");
        if (!e.contradictions().isEmpty()) {
            md.append("\nDisplays contradicting the published relations (").append(e.contradictions().size()).append("):\n\n");
            e.contradictions().stream().limit(20).forEach(c -> md.append("- ").append(c.why()).append("\n"));
        }
        List<NoteBound> notes = a.model().noteBounds().stream().filter(NoteBound::beyondSpec).toList();
        md.append("\n## Bounds the table notes state beyond docs/disclosure.md\n\n");
        if (notes.isEmpty()) {
            md.append("None.\n");
        } else {
            notes.stream().map(n -> n.symbol() + " in [" + n.lower() + ", "
                            + (n.upper() == Constraint.OPEN_ABOVE ? "∞" : n.upper()) + "]: \"" + n.note() + "\"")
                    .distinct().forEach(s -> md.append("- ").append(s).append("\n"));
        }
        md.append("\n## Withheld figures narrower than p, and undecided ones\n\n| release | table | row | column | shown | interval |\n|---|---|---|---|---|---|\n");
        for (TargetResult r : a.results()) {
            int p = a.model().policies().get(r.target().release()).protection();
            if (r.interval() != null && (r.interval().narrowerThan(p) || r.interval().undecided())) {
                Position where = r.target().positions().get(0);
                md.append("| ").append(a.model().releases().get(r.target().release())).append(" | ").append(where.table())
                        .append(" | ").append(where.rowLabel()).append(" | ").append(where.columnLabel()).append(" | `")
                        .append(r.target().display()).append("` | ").append(r.interval()).append(" |\n");
            }
        }
        return md.toString();
    }
}
