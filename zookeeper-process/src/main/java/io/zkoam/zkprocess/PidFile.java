package io.zkoam.zkprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <workDir>/zookeeper.pid}: the pid and config file of the server last started from a work directory. A JVM
 * killed with -9 cannot run its shutdown hook; its servers keep running and hold their ports. The next start from
 * the same work directory finds them here.
 */
final class PidFile {

    static final String NAME = "zookeeper.pid";

    private static final Logger LOG = LoggerFactory.getLogger(PidFile.class);

    private final Path file;
    private final Path configFile;

    PidFile(Path workDir, Path configFile) {
        this.file = workDir.resolve(NAME);
        this.configFile = configFile;
    }

    void write(long pid) throws IOException {
        Files.writeString(file, pid + "\n" + configFile + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Kills the process the file names, but only if that pid still runs {@code QuorumPeerMain} with this very config
     * file: an unrelated process that reused the pid is never touched.
     */
    void killLeftover(String name) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Files.delete(file);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(handle -> handle.info().commandLine()
                .map(cmd -> cmd.contains(ZooKeeperProcess.MAIN_CLASS) && cmd.contains(configFile.toString())).orElse(false));
        if (leftover.isEmpty()) {
            return;
        }
        LOG.warn("killing leftover ZooKeeper {} (pid {}) from an earlier run of {}", name, pid, file.getParent());
        leftover.get().destroyForcibly();
        try {
            leftover.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new WaitTimeoutException("leftover ZooKeeper pid " + pid + " did not exit: " + e);
        }
    }
}
