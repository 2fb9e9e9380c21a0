package org.cscstats.attack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.cscstats.attack.api.PublicApi;
import org.cscstats.attack.report.AttackResult;
import org.cscstats.attack.report.MarkdownReport;

/**
 * Command line: attack every release of one LA through a running system's public API and print the Markdown
 * report ({@code --url http://localhost:8080 --la 331 [--out report.md] [--save DIR]}; {@code --url file:DIR}
 * attacks the responses an earlier {@code --save} kept). Exit code 1 if any withheld figure is
 * narrower than its release's protection p, 3 if none is but some are undecided.
 */
public final class AttackMain {
    private static final String USAGE = "usage: AttackMain --url http://localhost:8080 --la 331 [--out FILE] [--save DIR]\n"
            + "  --url file:DIR reads the responses an earlier --save DIR kept";

    private AttackMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        if (!opts.containsKey("--url") || !opts.containsKey("--la") || args.length % 2 != 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        PublicApi api = new PublicApi(opts.get("--url"));
        if (opts.containsKey("--save")) {
            api = api.archivingTo(Path.of(opts.get("--save")));
        }
        AttackResult result = AttackResult.of(opts.get("--la"), api.releases(opts.get("--la")));
        String md = MarkdownReport.of(result);
        System.out.print(md);
        if (opts.containsKey("--out")) {
            Files.writeString(Path.of(opts.get("--out")), md, StandardCharsets.UTF_8);
        }
        boolean narrow = result.figures().stream().anyMatch(f -> f.narrowerThanP() > 0);
        boolean undecided = result.figures().stream().anyMatch(f -> f.undecided() > 0);
        // undecided is not a pass: a figure the solver could neither show wide nor narrow
        System.exit(narrow ? 1 : undecided ? 3 : 0);
    }
}
