package org.cscstats.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launchers at the checkout's root run the packaged jar (manifest class path included), as a user would. */
class LauncherIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void ingestClientHelpSaysWhatItDoes() throws Exception {
        Result r = run("./ingest-client", "--help");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("POST /v1/events,") && r.output().contains("cin-census")
                && r.output().contains("Exit status"), r.output());
    }

    @Test
    void ingestClientWithoutAFileIsAUsageError() throws Exception {
        Result r = run("./ingest-client");
        assertEquals(2, r.status(), r.output());
        assertTrue(r.output().contains("Missing required parameter: 'FILE'"), r.output());
    }

    @Test
    void hashKeyHashesAKeyFromStdin() throws Exception {
        Process p = new ProcessBuilder("./hash-key", "-").directory(ROOT.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().write("my-chosen-key\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        // from: echo -n my-chosen-key | sha256sum
        assertEquals("9ae04ee5d8bdcc695478022cdbc887ea065b01e9db756942758e23b408638148", out);
    }

    private record Result(int status, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(ROOT.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish: " + out);
        return new Result(p.exitValue(), out);
    }
}
