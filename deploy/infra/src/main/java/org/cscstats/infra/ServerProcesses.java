package org.cscstats.infra;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What every server started as its own JVM needs: the java binary, a bounded stop, and waiting between checks. */
public final class ServerProcesses {
    private ServerProcesses() {
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits for a process asked to stop; kills it if it has not stopped within the grace period. */
    public static void awaitExit(Process p, int graceSeconds) {
        try {
            if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
