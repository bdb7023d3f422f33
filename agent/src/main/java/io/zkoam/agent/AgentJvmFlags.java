package io.zkoam.agent;

import java.util.List;

/**
 * The JVM flags the agent ships with: the workload controller puts {@link #RECOMMENDED} into the agent container's
 * {@code JAVA_TOOL_OPTIONS} (or command line), and the benchmark measures RSS with exactly these.
 * <ul>
 *   <li>SerialGC, 16-32 MiB heap: the agent holds almost nothing (one request at a time per thread);</li>
 *   <li>C1 only with one compiler thread and a small code cache: no C2 compiler arena, which is most of a
 *       small JVM's native memory;</li>
 *   <li>256 KiB thread stacks, capped metaspace and direct memory;</li>
 *   <li>exit on OutOfMemoryError so Kubernetes restarts the container instead of leaving it half alive.</li>
 * </ul>
 */
public final class AgentJvmFlags {

    public static final List<String> RECOMMENDED = List.of(
        "-XX:+UseSerialGC",
        "-Xms16m",
        "-Xmx32m",
        "-Xss256k",
        "-XX:MaxMetaspaceSize=48m",
        "-XX:TieredStopAtLevel=1",
        "-XX:CICompilerCount=1",
        "-XX:ReservedCodeCacheSize=16m",
        "-XX:MaxDirectMemorySize=8m",
        "-XX:+ExitOnOutOfMemoryError",
        "-Djava.net.preferIPv4Stack=true");

    private AgentJvmFlags() {
    }

    /** The flags as one string for {@code JAVA_TOOL_OPTIONS}. */
    public static String asString() {
        return String.join(" ", RECOMMENDED);
    }
}
