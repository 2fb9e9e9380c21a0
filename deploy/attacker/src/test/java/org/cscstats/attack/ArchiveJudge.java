package org.cscstats.attack;

import java.nio.file.Path;
import java.util.List;
import org.cscstats.attack.api.PublicApi;
import org.cscstats.attack.report.AttackResult;
import org.cscstats.attack.report.MarkdownReport;

/**
 * Test tool: attacks an archive of responses ({@code AttackMain --save}) and judges it against a directory of
 * true cube lists ({@code <release>.json}), without a running system: {@code ArchiveJudge DIR LA TRUTH_DIR [FROM TO]}
 * (releases FROM..TO, counted from 1, attacked jointly; all of them by default).
 */
public final class ArchiveJudge {
    private ArchiveJudge() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        var releases = new PublicApi("file:" + Path.of(args[0]).toAbsolutePath()).releases(args[1]);
        if (args.length == 5) {
            releases = releases.subList(Integer.parseInt(args[3]) - 1, Integer.parseInt(args[4]));
        }
        AttackResult attack = AttackResult.of(args[1], releases);
        System.out.println(MarkdownReport.of(attack));
        Judgement j = Judgement.of(args[1], "joint", attack, TrueCubes.fromFiles(Path.of(args[2])), List.of());
        j.rows().forEach(System.out::println);
        System.out.println("model errors: " + j.modelErrors().size() + " " + j.modelErrors().stream().limit(5).toList());
        System.out.println("false beliefs: " + j.beliefsFalse() + "; leaks " + j.leaks().size() + "; wrong " + j.wrong().size());
        j.leaks().stream().limit(40).forEach(f -> System.out.println("LEAK " + f.release() + " " + f.result().target().positions()
                + " " + f.result().target().display() + " " + f.result().interval() + " true " + f.truth()));
        System.out.printf("%.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
