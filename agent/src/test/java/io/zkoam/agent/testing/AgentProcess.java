package io.zkoam.agent.testing;

import io.zkoam.zkprocess.JavaClasspath;
import io.zkoam.zkprocess.LiveProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The shipped agent jar run as its own process ({@code java <flags> -jar zkoam-agent.jar <mode> ...}), as in a pod. */
public final class AgentProcess implements AutoCloseable {

    private final Process process;
    private final Path logFile;

    private AgentProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /** {@code agent/target/zkoam-agent.jar}, built by the shade plugin in the package phase. */
    public static Path shadedJar() {
        Path jar = Path.of("target", "zkoam-agent.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; run through `mvn verify` (the package phase builds it)");
        }
        return jar;
    }

    /** Starts the jar with {@code jvmFlags} and {@code args}; the environment is the caller's plus {@code env}. */
    public static AgentProcess start(List<String> jvmFlags, List<String> args, Map<String, String> env, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(JavaClasspath.javaExecutable().toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(shadedJar().toString());
        command.addAll(args);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            LiveProcesses.register(process);
            return new AgentProcess(process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to end; its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("agent process still running after " + timeout + "; output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Waits until {@code GET /health} answers 200. */
    public void awaitHealthy(InetSocketAddress agent, Duration timeout) {
        AgentClient client = new AgentClient(agent, null);
        Deadline.await("agent " + agent + " healthy", timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("agent process exited with " + process.exitValue() + "; output:\n" + output());
            }
            try {
                return client.get("/health").status() == 200 ? Boolean.TRUE : null;
            } catch (UncheckedIOException e) {
                return null;
            }
        }, this::output);
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size from {@code /proc/<pid>/status}: {@code VmRSS} (now) or {@code VmHWM} (peak), in KiB. */
    public long memoryKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(field + " not found for pid " + process.pid());
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + logFile + ")";
        }
    }

    /** SIGTERM, as Kubernetes stops a container; its exit code. */
    public int stop(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
