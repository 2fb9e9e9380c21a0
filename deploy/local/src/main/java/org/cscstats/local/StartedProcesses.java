package org.cscstats.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cscstats.infra.ServerProcesses;

/**
 * The safety net of a start-up that failed or was stopped half-way, before there is a {@link LocalSystem} to close:
 * stops every process this JVM started (Kafka, services) and the PostgreSQL of the data directory, which pg_ctl
 * detaches from us.
 */
final class StartedProcesses {
    private static final Duration GRACE = Duration.ofSeconds(20);

    private StartedProcesses() {
    }

    static void stopAll(Path data) {
        List<ProcessHandle> stopping = new ArrayList<>(ProcessHandle.current().descendants().toList());
        DataDirectoryCheck.postgresHolder(data.resolve("postgres"))
                .map(holder -> Long.parseLong(holder.replace("pid ", "")))
                .flatMap(ProcessHandle::of)
                .ifPresent(stopping::add);
        // SIGTERM first (PostgreSQL: smart shutdown once its clients, the services, are gone), then SIGKILL
        stopping.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(GRACE);
        for (ProcessHandle p : stopping) {
            while (p.isAlive() && Instant.now().isBefore(deadline)) {
                ServerProcesses.pause(100);
            }
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
