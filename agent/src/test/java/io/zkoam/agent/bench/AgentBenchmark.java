package io.zkoam.agent.bench;

import io.zkoam.agent.AgentJvmFlags;
import io.zkoam.agent.testing.AgentProcess;
import io.zkoam.agent.testing.LoopbackEnsemble;
import io.zkoam.agent.testing.SimulatedPod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the agent as shipped: the jar started with {@link AgentJvmFlags#RECOMMENDED} against a real ZooKeeper
 * server on loopback; {@code /status} at a fixed rate (open loop: each request is sent on schedule, whether or not
 * the previous one answered, and timed from its scheduled send); then the agent's RSS from
 * {@code /proc/<pid>/status}. Prints the figures next to the goals; asserts nothing about speed.
 *
 * <p>Run: {@code mvn -B -pl zookeeper-process,agent -am -Pbench -DskipTests verify} (docs/agent.md), or this main
 * with the agent's test classpath from the agent module directory after {@code mvn package}.
 * System properties: {@code bench.seconds} (30), {@code bench.rate} (100 req/s), {@code bench.warmup} (5 s), and for
 * experiments {@code bench.jvmFlags} (space-separated, replaces the shipped flags; the report then names them).
 */
public final class AgentBenchmark {

    static final long RSS_GOAL_MIB = 64;
    static final double P99_GOAL_MS = 20;

    private AgentBenchmark() {
    }

    /** What one run measured. */
    public record Result(String flags, long rssKib, long peakRssKib, double p50Ms, double p99Ms, double maxMs, int requests, int errors,
                         int rate, int seconds) {

        String report() {
            return String.format(
                "agent RSS: %d MiB (peak %d MiB) with %s and %s (goal <= %d MiB)%n"
                    + "/status p50 %.1f ms p99 %.1f ms (max %.1f ms) at %d req/s for %d s, %d requests, %d errors (goal p99 <= %.0f ms)%n",
                rssKib / 1024, peakRssKib / 1024, flags, AgentJvmFlags.ENVIRONMENT, RSS_GOAL_MIB,
                p50Ms, p99Ms, maxMs, rate, seconds, requests, errors, P99_GOAL_MS);
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.print(run().report());
    }

    public static Result run() throws Exception {
        List<String> flags = System.getProperty("bench.jvmFlags") == null ? AgentJvmFlags.RECOMMENDED
            : List.of(System.getProperty("bench.jvmFlags").trim().split("\\s+"));
        int seconds = Integer.getInteger("bench.seconds", 30);
        int rate = Integer.getInteger("bench.rate", 100);
        int warmup = Integer.getInteger("bench.warmup", 5);
        try (LoopbackEnsemble zk = LoopbackEnsemble.create("AgentBenchmark", 99)) {
            zk.bootstrap(1, Duration.ofSeconds(60));
            SimulatedPod pod = zk.pod(0);
            Map<String, String> env = new java.util.HashMap<>(AgentJvmFlags.ENVIRONMENT);
            env.putAll(Map.of("POD_NAME", pod.name(), "POD_IP", pod.address(), "ZKOAM_SECRET_DIR", zk.secretDir().toString()));
            // RSS is read after the /status load and after /get and /del, the path that loads the ZooKeeper client
            try (AgentProcess agent = AgentProcess.start(flags, List.of("serve"), env, zk.baseDir().resolve("agent.log"))) {
                agent.awaitHealthy(pod.agentAddress(), Duration.ofSeconds(30));
                URI status = URI.create("http://" + pod.address() + ":" + pod.agentAddress().getPort() + "/status");
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                load(client, status, rate, warmup);
                double[] latencies = load(client, status, rate, seconds);
                int errors = (int) Arrays.stream(latencies).filter(Double::isNaN).count();
                errors += exerciseZooKeeperClientPath(client, pod, zk.agentToken());
                double[] ok = Arrays.stream(latencies).filter(l -> !Double.isNaN(l)).sorted().toArray();
                Result result = new Result(String.join(" ", flags), agent.memoryKib("VmRSS"), agent.memoryKib("VmHWM"),
                    percentile(ok, 50), percentile(ok, 99), ok.length == 0 ? Double.NaN : ok[ok.length - 1],
                    latencies.length, errors, rate, seconds);
                Path report = Path.of("target", "bench", "agent-bench.txt");
                Files.createDirectories(report.getParent());
                Files.writeString(report, result.report(), StandardCharsets.UTF_8);
                return result;
            }
        }
    }

    /**
     * Sends {@code rate * seconds} GETs, one every {@code 1/rate} s on a fixed schedule, and returns each one's latency
     * in ms from its scheduled start (NaN for a failure or a status other than 200).
     */
    static double[] load(HttpClient client, URI uri, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        double[] latencies = new double[total];
        ConcurrentLinkedQueue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int index = i;
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                latencies[index] = failure == null && response.statusCode() == 200
                    ? (System.nanoTime() - scheduled) / 1e6 : Double.NaN;
                done.incrementAndGet();
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(30, java.util.concurrent.TimeUnit.SECONDS);
        return latencies;
    }

    /**
     * The controllers also call {@code /get} and, rarely, {@code /add} {@code /del}: those load the ZooKeeper client,
     * so RSS is read only after they ran too. Returns the number of failed calls.
     */
    static int exerciseZooKeeperClientPath(HttpClient client, SimulatedPod pod, String token) throws Exception {
        String base = "http://" + pod.address() + ":" + pod.agentAddress().getPort();
        int errors = 0;
        for (int i = 0; i < 50; i++) {
            HttpRequest get = HttpRequest.newBuilder(URI.create(base + "/get")).timeout(Duration.ofSeconds(10)).GET().build();
            errors += client.send(get, HttpResponse.BodyHandlers.ofString()).statusCode() == 200 ? 0 : 1;
        }
        for (int i = 0; i < 5; i++) {
            // an idempotent removal of an absent id: authenticates as super and reads, changes nothing
            HttpRequest del = HttpRequest.newBuilder(URI.create(base + "/del")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("{\"id\":7}")).build();
            errors += client.send(del, HttpResponse.BodyHandlers.ofString()).statusCode() == 200 ? 0 : 1;
        }
        return errors;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
