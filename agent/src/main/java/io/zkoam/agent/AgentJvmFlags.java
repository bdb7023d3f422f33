package io.zkoam.agent;

import java.util.List;
import java.util.Map;

/**
 * How the agent JVM is meant to run: the workload controller puts {@link #RECOMMENDED} into the agent container's
 * {@code JAVA_TOOL_OPTIONS} (or command line) and {@link #ENVIRONMENT} into its env; the benchmark measures RSS with
 * exactly these (docs/agent.md has the figures and what the rest of the memory is).
 * <ul>
 *   <li>SerialGC, 8-24 MiB heap: the live set is about 5 MiB (each request holds a few KiB);</li>
 *   <li>C1 only, one compiler thread, and compile thresholds ten times the default, so only the really hot code
 *       (the probe and status path) is compiled: less code cache and fewer compiler arenas, which are most of a
 *       small JVM's native memory;</li>
 *   <li>256 KiB thread stacks, capped metaspace and direct memory;</li>
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
        "-XX:Tier3InvocationThreshold=2000",
        "-XX:Tier3MinInvocationThreshold=1000",
        "-XX:Tier3CompileThreshold=20000",
        "-XX:Tier3BackEdgeThreshold=200000",
        "-XX:MaxDirectMemorySize=8m",
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
