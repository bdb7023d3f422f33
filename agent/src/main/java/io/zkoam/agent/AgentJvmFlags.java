package io.zkoam.agent;

import java.util.List;
import java.util.Map;

/**
 * How the agent JVM is meant to run: the workload controller puts {@link #RECOMMENDED} into the agent container's
 * {@code JAVA_TOOL_OPTIONS} (or command line) and {@link #ENVIRONMENT} into its env; the benchmark measures RSS with
 * exactly these (docs/agent.md has the figures and what the rest of the memory is).
 * <ul>
 *   <li>SerialGC, 8-24 MiB heap: the live set is about 5 MiB (each request holds a few KiB);</li>
 *   <li>C1 only with one compiler thread and a small code cache: no C2 compiler arena, which is most of a
 *       small JVM's native memory. (Raising the compile thresholds saved 1-2 MiB more but kept the request path
 *       interpreted for half a minute; under load its p99 went from tens to hundreds of milliseconds.)</li>
 *   <li>256 KiB thread stacks, capped metaspace and direct memory;</li>
 *   <li>give freed native memory (compiler arenas, JSSE start-up) back to the OS every 5 s
 *       ({@code TrimNativeHeapInterval}, experimental, JDK 17.0.9+ and 21+; an older JVM refuses to start with it);</li>
 *   <li>exit on OutOfMemoryError so Kubernetes restarts the container instead of leaving it half alive;</li>
 *   <li>{@code MALLOC_ARENA_MAX=2}: glibc otherwise keeps a malloc arena per thread, holding freed native memory.</li>
 * </ul>
 */
public final class AgentJvmFlags {

    public static final List<String> RECOMMENDED = List.of(
        "-XX:+UseSerialGC",
        "-Xms8m",
        "-Xmx24m",
        "-Xss256k",
        "-XX:MaxMetaspaceSize=48m",
        "-XX:TieredStopAtLevel=1",
        "-XX:CICompilerCount=1",
        "-XX:ReservedCodeCacheSize=16m",
        "-XX:MaxDirectMemorySize=8m",
        "-XX:+UnlockExperimentalVMOptions",
        "-XX:TrimNativeHeapInterval=5000",
        "-XX:+ExitOnOutOfMemoryError",
        "-Djava.net.preferIPv4Stack=true");

    /** Environment of the agent container besides the flags. */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private AgentJvmFlags() {
    }

    /** The flags as one string for {@code JAVA_TOOL_OPTIONS}. */
    public static String asString() {
        return String.join(" ", RECOMMENDED);
    }
}
