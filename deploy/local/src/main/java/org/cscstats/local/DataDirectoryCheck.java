package org.cscstats.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Before the local run starts anything: is its data directory still held by a Kafka or PostgreSQL of another
 * instance (a run still going, or one killed without stopping its servers)? Then say so at once, with what to do,
 * rather than wait for a broker that cannot take its lock.
 */
final class DataDirectoryCheck {
    private DataDirectoryCheck() {
    }

    /** @throws IllegalStateException naming the holder and what to do */
    static void ensureFree(Path data) {
        kafkaHolder(data.resolve("kafka")).ifPresent(holder -> {
            throw inUse(data.resolve("kafka"), "Kafka", holder);
        });
        postgresHolder(data.resolve("postgres")).ifPresent(holder -> {
            throw inUse(data.resolve("postgres"), "PostgreSQL", holder);
        });
    }

    private static IllegalStateException inUse(Path dir, String server, String holder) {
        return new IllegalStateException(dir + " is in use by another running " + server + " (" + holder
                + "): another local run has it, or an earlier one was killed without stopping its servers. Stop that run"
                + " (Ctrl-C in its terminal) or the process, or start this one with --data OTHER_DIR");
    }

    /** Kafka holds an exclusive lock on {@code .lock} in its log directory while it runs. */
    static Optional<String> kafkaHolder(Path kafkaDir) {
        Path lockFile = kafkaDir.resolve(".lock");
        if (!Files.exists(lockFile)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.of("its lock file " + lockFile + " cannot be opened: " + e.getMessage());
        }
        return Optional.of(processesNaming(kafkaDir).stream().findFirst().map(pid -> "pid " + pid).orElse("pid unknown"));
    }

    /** PostgreSQL writes its pid as the first line of {@code postmaster.pid} and removes the file when it stops. */
    static Optional<String> postgresHolder(Path pgDir) {
        Path pidFile = pgDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            // a stale file of a killed server names a pid that is gone or reused by something else
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true))
                    .map(p -> "pid " + pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Processes whose command line names the directory (Linux /proc; empty elsewhere). */
    private static List<Long> processesNaming(Path dir) {
        String wanted = dir.toAbsolutePath().normalize().toString();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> commandLine(p).contains(wanted))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .filter(pid -> pid != ProcessHandle.current().pid())
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String commandLine(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
