package org.cscstats.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.cscstats.infra.FreePorts;
import org.cscstats.infra.ServerProcesses;

/** One of the three services, run from its built Quarkus application as its own JVM, configured by environment. */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final String portVariable;
    /** Health and metrics are on the service's management port (issue 16), one of its own per process. */
    private final int managementPort = FreePorts.next();
    private final Map<String, String> env;
    private final Path log;
    /** Volatile: the supervisor's thread restarts it while others read it. */
    private volatile Process process;
    private volatile Instant startedAt = Instant.EPOCH;

    /** @param portVariable the environment variable the service reads its HTTP port from */
    public ServiceProcess(String name, Path jar, int port, String portVariable, Map<String, String> env, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.portVariable = portVariable;
        this.env = env;
        this.log = log;
    }

    public String name() {
        return name;
    }

    /** The JVM's process id while it runs (for memory readings). */
    public OptionalLong pid() {
        return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The last process's exit status, or -1 if it runs or never ran. */
    public int exitStatus() {
        Process p = process;
        return p == null || p.isAlive() ? -1 : p.exitValue();
    }

    /** When the current (or last) process was started. */
    public Instant startedAt() {
        return startedAt;
    }

    /** Graceful stop then start again with the same configuration; waits until ready. */
    public void restart(Duration readyWithin) {
        close();
        start();
        awaitReady(readyWithin);
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** Where the service serves /q/health and /q/metrics (not on {@link #url()}). */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public void start() {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        try {
            Files.createDirectories(log.getParent());
            List<String> cmd = new ArrayList<>(List.of(ServerProcesses.javaBinary(),
                    "-Xms64m", "-Xmx768m", "-XX:+UseG1GC"));
            String jfrDir = System.getenv("CSCSTATS_JFR_DIR");
            if (jfrDir != null && !jfrDir.isBlank()) {
                // a CPU profile of each service for the benchmark's "where the time goes" (jfr print / JMC)
                cmd.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                        + Path.of(jfrDir).toAbsolutePath().resolve(name + "-" + System.nanoTime() + ".jfr"));
            }
            cmd.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            pb.environment().put(portVariable, Integer.toString(port));
            // INGEST_HTTP_PORT → INGEST_MANAGEMENT_PORT, and so on for each service
            pb.environment().put(portVariable.replace("_HTTP_PORT", "_MANAGEMENT_PORT"), Integer.toString(managementPort));
            process = pb.start();
            startedAt = Instant.now();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200 (every connection of the service is up). */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new IllegalStateException(name + " exited" + (p == null ? "" : " with status " + p.exitValue())
                        + "; see " + log);
            }
            if (ready()) {
                return;
            }
            ServerProcesses.pause(300);
        }
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    public boolean ready() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: the crash a test may inflict. */
    public void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            ServerProcesses.awaitExit(p, 20);
        }
    }

    @Override
    public void close() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            ServerProcesses.awaitExit(p, 20);
        }
    }
}
