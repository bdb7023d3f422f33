package io.zkoam.zkprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real ZooKeeper server as its own OS process:
 * {@code java -cp CP [jvm options] [-Dk=v...] org.apache.zookeeper.server.quorum.QuorumPeerMain zoo.cfg}, the main
 * class the official image runs. Standard output and error go to one log file per server (appended across
 * restarts); the process runs in its own working directory.
 *
 * <p>A separate process (rather than {@code ZooKeeperServerEmbedded}) keeps JVM-wide ZooKeeper state apart: system
 * properties read from zoo.cfg, the 4lw whitelist, the super digest, metrics. And {@link #kill()} is a real
 * {@code kill -9}.
 */
public final class ZooKeeperProcess implements AutoCloseable {

    /** The main class of the official image's {@code zkServer.sh start-foreground}. */
    public static final String MAIN_CLASS = "org.apache.zookeeper.server.quorum.QuorumPeerMain";

    /**
     * JVM options for servers in tests and the sandbox: a small heap, one GC thread, C1 only (a server starts in
     * about a second instead of three) and IPv4 so loopback addresses 127.x.y.z are used as given.
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of(
        "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Djava.net.preferIPv4Stack=true");

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperProcess.class);

    private final String name;
    private final Path configFile;
    private final Path workDir;
    private final Path logFile;
    private final List<String> command;
    private Process process;

    private ZooKeeperProcess(Builder builder) {
        this.name = builder.name;
        this.configFile = builder.configFile.toAbsolutePath();
        this.workDir = (builder.workDir != null ? builder.workDir : configFile.getParent()).toAbsolutePath();
        this.logFile = (builder.logFile != null ? builder.logFile : workDir.resolve("zookeeper.log")).toAbsolutePath();
        List<String> cmd = new ArrayList<>();
        cmd.add(builder.javaExecutable.toString());
        cmd.add("-cp");
        cmd.add(builder.classpath);
        cmd.addAll(builder.jvmOptions);
        if (builder.hostsFile != null) {
            cmd.add("-D" + HostsFile.SYSTEM_PROPERTY + "=" + builder.hostsFile.toAbsolutePath());
        }
        builder.systemProperties.forEach((key, value) -> cmd.add("-D" + key + "=" + value));
        cmd.add(MAIN_CLASS);
        cmd.add(configFile.toString());
        this.command = List.copyOf(cmd);
    }

    /**
     * @param name       a label for logs and thread names, e.g. the simulated pod's name
     * @param configFile the static zoo.cfg the server boots from
     */
    public static Builder builder(String name, Path configFile) {
        return new Builder(name, configFile);
    }

    /** Starts the server process; a no-op when it is already running. */
    public synchronized ZooKeeperProcess start() {
        if (isAlive()) {
            return this;
        }
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.getParent());
            PidFile pidFile = new PidFile(workDir, configFile);
            pidFile.killLeftover(name);
            Files.writeString(logFile, "=== " + Instant.now() + " starting " + name + ": " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            process = builder.start();
            LiveProcesses.register(process);
            pidFile.write(process.pid());
            LOG.info("started ZooKeeper {} (pid {}) from {}", name, process.pid(), configFile);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ZooKeeper " + name, e);
        }
    }

    /**
     * Graceful stop: SIGTERM, then SIGKILL if the process has not exited within {@code grace}. Returns once the
     * process is gone. A no-op when it is not running.
     */
    public synchronized void stop(Duration grace) {
        if (!isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(grace)) {
            LOG.warn("ZooKeeper {} (pid {}) ignored SIGTERM for {}; killing it", name, process.pid(), grace);
            kill();
        } else {
            LOG.info("stopped ZooKeeper {} (pid {})", name, process.pid());
        }
    }

    /** A real {@code kill -9}; returns once the process is gone. A no-op when it is not running. */
    public synchronized void kill() {
        if (!isAlive()) {
            return;
        }
        process.destroyForcibly();
        if (!awaitExit(Duration.ofSeconds(10))) {
            throw new WaitTimeoutException("ZooKeeper " + name + " (pid " + process.pid() + ") survived SIGKILL for 10 s");
        }
        LOG.info("killed ZooKeeper {} (pid {})", name, process.pid());
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The pid of the current (or last) process. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("ZooKeeper " + name + " was never started");
        }
        return process.pid();
    }

    /** Exit code of the last process, empty while it runs or before the first start. */
    public synchronized Optional<Integer> exitCode() {
        return process == null || process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /**
     * Waits until {@code address} (e.g. the server's client port) accepts connections; fails at once, with the end
     * of the log, when the process exits first.
     */
    public void awaitPort(InetSocketAddress address, Duration timeout) {
        try {
            TcpPort.awaitAccepting(address, timeout, () -> isAlive() ? null : "ZooKeeper " + name + " exited with " + exitCode().orElse(-1));
        } catch (WaitTimeoutException e) {
            throw new WaitTimeoutException(e.getMessage() + "\n--- last lines of " + logFile + ":\n" + logTail(40));
        }
    }

    /** The last {@code lines} lines of the server's log file, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public Path configFile() {
        return configFile;
    }

    /** The full command line, for logs and for tests that check the flags. */
    public List<String> command() {
        return command;
    }

    /** Kills the process if it still runs; tests call this from {@code @AfterAll} whatever happened. */
    @Override
    public void close() {
        kill();
    }

    private boolean awaitExit(Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Options of one server process; only the name and config file are required. */
    public static final class Builder {
        private final String name;
        private final Path configFile;
        private Path workDir;
        private Path logFile;
        private Path hostsFile;
        private String classpath;
        private Path javaExecutable = JavaClasspath.javaExecutable();
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private final Map<String, String> systemProperties = new LinkedHashMap<>();

        private Builder(String name, Path configFile) {
            this.name = Objects.requireNonNull(name, "name");
            this.configFile = Objects.requireNonNull(configFile, "configFile");
        }

        /** Working directory of the process; default: the config file's directory. */
        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** Where stdout and stderr go (appended); default: {@code zookeeper.log} in the working directory. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** Makes the server resolve names only from this file ({@code -Djdk.net.hosts.file}). */
        public Builder hostsFile(Path hostsFile) {
            this.hostsFile = hostsFile;
            return this;
        }

        /** The classpath; default: the running JVM's {@code java.class.path}. */
        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        public Builder javaExecutable(Path javaExecutable) {
            this.javaExecutable = javaExecutable;
            return this;
        }

        /** Replaces {@link #DEFAULT_JVM_OPTIONS} (heap, GC, ...). */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /** Adds {@code -Dkey=value}, e.g. {@code logback.configurationFile}. */
        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        public ZooKeeperProcess build() {
            if (classpath == null) {
                classpath = JavaClasspath.ofRunningJvm();
            }
            return new ZooKeeperProcess(this);
        }
    }
}
