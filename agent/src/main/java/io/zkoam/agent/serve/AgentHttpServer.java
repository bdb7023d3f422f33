package io.zkoam.agent.serve;

import com.sun.net.httpserver.HttpServer;
import io.prometheus.client.exporter.HTTPServer;
import io.zkoam.agent.zk.AdminSession;
import io.zkoam.agent.zk.FourLetterWords;
import io.zkoam.agent.zk.ZooKeeperUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code serve} mode: the agent's HTTP API on the pod IP (docs/agent.md). A JDK {@link HttpServer} with a small
 * fixed pool: the agent must stay small (it runs in every ZooKeeper pod), and every handler is bounded by the
 * ZooKeeper and probe timeouts, so a few threads suffice.
 */
public final class AgentHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentHttpServer.class);
    /** Requests waiting for a worker; beyond it, back-pressure. */
    static final int QUEUE_CAPACITY = 64;

    private final HttpServer server;
    private final List<ExecutorService> executors;
    private final AgentMetrics metrics;

    private AgentHttpServer(HttpServer server, List<ExecutorService> executors, AgentMetrics metrics) {
        this.server = server;
        this.executors = executors;
        this.metrics = metrics;
    }

    public static AgentHttpServer start(ServeOptions options) throws IOException {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the client's
        // delayed ACK add ~40 ms to every small response on a kept-alive connection. Read once, when the server
        // implementation first loads, so it must be set before HttpServer.create.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        AgentMetrics metrics = new AgentMetrics();
        FourLetterWords words = new FourLetterWords(options.zooKeeper(), options.probeTimeout(), options.probeTimeout());
        ExecutorService probeHelper = boundedPool(2, "agent-probe-");
        ServerProbe probe = new ServerProbe(words, options.serverId(), probeHelper, options.probeTimeout());
        BearerAuth auth = new BearerAuth(options.secretDir());
        MembershipChanger changer = new MembershipChanger(options);

        Router router = new Router(metrics)
            .route("GET", "/health", request -> Reply.json(200, Map.of("status", "UP")))
            .route("GET", "/runok", request -> {
                ServerProbe.RunOk runOk = probe.runOk();
                return Reply.json(runOk.ok() ? 200 : 503, runOk);
            })
            .route("GET", "/status", request -> Reply.json(200, probe.status()))
            .route("GET", "/get", request -> readConfig(options))
            .route("POST", "/add", MembershipEndpoint.add(auth, changer, metrics))
            .route("POST", "/del", MembershipEndpoint.del(auth, changer, metrics))
            .raw("GET", "/metrics", new HTTPServer.HTTPMetricHandler(metrics.registry()));

        HttpServer server = HttpServer.create(options.listen(), 64);
        // Bounded: under overload the dispatcher thread runs the request itself and so stops accepting new ones,
        // instead of queueing exchanges until the 24 MiB heap runs out.
        ExecutorService executor = boundedPool(options.httpThreads(), "agent-http-");
        server.setExecutor(executor);
        server.createContext("/", router);
        server.start();
        LOG.info("agent listening on {}, local ZooKeeper at {}", server.getAddress(), options.connectString());
        return new AgentHttpServer(server, List.of(executor, probeHelper), metrics);
    }

    /**
     * {@code GET /get}: the committed config as the local server sees it after {@code sync}; no authentication.
     * Transient failures are retried for one ZooKeeper timeout.
     */
    private static Reply readConfig(ServeOptions options) {
        try {
            return Reply.json(200, ConfigView.of(TransientRetry.within(options.zkTimeout(), () -> {
                try (AdminSession session = AdminSession.open(options.connectString(), options.zkTimeout(), options.zkTimeout(), Optional.empty())) {
                    return session.readConfig();
                }
            })));
        } catch (KeeperException e) {
            return Reply.error(503, e.code().name(), e.getMessage());
        } catch (ZooKeeperUnavailableException e) {
            return Reply.error(503, "UNAVAILABLE", e.getMessage());
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public AgentMetrics metrics() {
        return metrics;
    }

    /** Stops accepting, gives running requests a second, then stops the threads. */
    @Override
    public void close() {
        close(1);
    }

    /**
     * @param graceSeconds how long running requests may finish; the JDK server waits that long whenever a
     *                     keep-alive connection is open, so tests that stop many agents pass 0
     */
    public void close(int graceSeconds) {
        server.stop(graceSeconds);
        executors.forEach(ExecutorService::shutdownNow);
        try {
            for (ExecutorService executor : executors) {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A fixed pool of daemon threads with a bounded queue; when it is full the submitting thread runs the task. */
    private static ExecutorService boundedPool(int threads, String namePrefix) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, namePrefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            factory, new ThreadPoolExecutor.CallerRunsPolicy());
    }
}
