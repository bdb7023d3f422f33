package io.zkoam.agent.serve;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import io.prometheus.client.hotspot.StandardExports;

/**
 * The agent's own metrics on {@code /metrics}; ZooKeeper's are served by its Prometheus provider on port 7000.
 * One registry per agent (not the default registry), so several in-process agents in a test never share counters.
 */
public final class AgentMetrics {

    private final CollectorRegistry registry = new CollectorRegistry(true);

    private final Counter requests = Counter.build()
        .name("zkoam_agent_requests_total").help("HTTP requests served by the agent, by endpoint and status code.")
        .labelNames("endpoint", "code").register(registry);

    private final Histogram latency = Histogram.build()
        .name("zkoam_agent_request_duration_seconds").help("Time to answer an HTTP request, by endpoint.")
        .labelNames("endpoint")
        .buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
        .register(registry);

    private final Counter reconfigs = Counter.build()
        .name("zkoam_agent_reconfig_total").help("Membership changes asked of the agent, by action and result.")
        .labelNames("action", "result").register(registry);

    /**
     * Besides its own counters, only the process figures ({@code process_resident_memory_bytes}, CPU, file
     * descriptors): the memory-pool, GC and thread collectors load the management beans, a few MiB of a sidecar
     * whose budget is 64 MiB.
     */
    public AgentMetrics() {
        new StandardExports().register(registry);
    }

    public void request(String endpoint, int status, long nanos) {
        requests.labels(endpoint, Integer.toString(status)).inc();
        latency.labels(endpoint).observe(nanos / 1e9);
    }

    /** @param result {@code changed}, {@code unchanged}, or the error code (e.g. {@code BADVERSION}) */
    public void reconfig(String action, String result) {
        reconfigs.labels(action, result).inc();
    }

    public CollectorRegistry registry() {
        return registry;
    }
}
