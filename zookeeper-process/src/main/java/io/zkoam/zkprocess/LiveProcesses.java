package io.zkoam.zkprocess;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every server process this JVM started and has not yet seen exit. One shutdown hook kills them all, so a test
 * JVM that ends abnormally (a failed assertion before {@code close()}, Ctrl-C, surefire's fork timeout) leaves no
 * orphaned ZooKeeper behind. A {@code kill -9} of this JVM cannot run hooks; {@link ZooKeeperProcess} therefore
 * also writes a pid file ({@link PidFile}) and kills a leftover from an earlier run of the same work directory on the next start.
 * Other child processes of tests (e.g. an agent started from its jar) can be registered too.
 */
public final class LiveProcesses {

    private static final Set<Process> PROCESSES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LiveProcesses::killAll, "zookeeper-process-reaper"));
    }

    private LiveProcesses() {
    }

    /** Kills {@code process} when this JVM shuts down, unless it exited before. */
    public static void register(Process process) {
        PROCESSES.add(process);
        process.onExit().thenRun(() -> PROCESSES.remove(process));
    }

    private static void killAll() {
        for (Process process : PROCESSES) {
            process.destroyForcibly();
        }
    }
}
