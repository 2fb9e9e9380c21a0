package org.cscstats.local;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the local run's services up, as a platform would on a council's single server: a service that exits is
 * started again after a back-off (1 s, doubling to 30 s while it keeps failing), and the console says so.
 */
public final class ServiceSupervisor implements AutoCloseable {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A service that stayed up this long is healthy again: its next failure starts from the first back-off. */
    static final Duration STABLE_AFTER = Duration.ofSeconds(60);
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final long POLL_MILLIS = 200;

    private final PrintStream console;
    private final Object lock = new Object();
    private final List<Thread> watchers = new ArrayList<>();
    private volatile boolean stopping;

    private ServiceSupervisor(PrintStream console) {
        this.console = console;
    }

    /** Starts watching every service (one thread each, so one slow restart does not delay another). */
    public static ServiceSupervisor watch(List<ServiceProcess> services, PrintStream console) {
        ServiceSupervisor supervisor = new ServiceSupervisor(console);
        for (ServiceProcess s : services) {
            Thread t = new Thread(() -> supervisor.keepUp(s), "supervise-" + s.name());
            t.setDaemon(true);
            supervisor.watchers.add(t);
            t.start();
        }
        return supervisor;
    }

    private void keepUp(ServiceProcess service) {
        Duration backoff = FIRST_BACKOFF;
        try {
            while (!stopping) {
                if (service.alive()) {
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                Duration upFor = Duration.between(service.startedAt(), Instant.now());
                backoff = upFor.compareTo(STABLE_AFTER) >= 0 ? FIRST_BACKOFF : backoff;
                // a Ctrl-C reaches the services too: wait a moment so that their exit is not taken for a crash
                Thread.sleep(Math.min(backoff.toMillis(), FIRST_BACKOFF.toMillis()));
                if (stopping) {
                    return;
                }
                say(service.name() + " exited with status " + service.exitStatus() + " after " + upFor.toSeconds()
                        + " s; starting it again in " + backoff.toSeconds() + " s (log: " + service.log() + ")");
                Thread.sleep(Math.max(0, backoff.toMillis() - FIRST_BACKOFF.toMillis()));
                Instant restart = Instant.now();
                synchronized (lock) {
                    if (stopping) {
                        return;
                    }
                    service.start();
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                try {
                    service.awaitReady(READY_WITHIN);
                    say(service.name() + " is back: ready " + Duration.between(restart, Instant.now()).toSeconds()
                            + " s after its restart");
                } catch (IllegalStateException notReady) {
                    if (!stopping) {
                        say(service.name() + " did not come back: " + notReady.getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopping) {
                say("stopped supervising " + service.name() + ": " + e.getMessage());
            }
        }
    }

    private void say(String line) {
        console.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
    }

    /** Stops restarting; a restart already under way finishes first, so the caller can then stop every service. */
    @Override
    public void close() {
        synchronized (lock) {
            stopping = true;
        }
        for (Thread t : watchers) {
            t.interrupt();
        }
        for (Thread t : watchers) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
