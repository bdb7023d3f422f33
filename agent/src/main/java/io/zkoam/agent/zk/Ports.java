package io.zkoam.agent.zk;

/** The fixed ports of every zkoam ZooKeeper pod (docs/agent.md). Every pod has its own IP, so they never clash. */
public final class Ports {

    public static final int CLIENT = 2181;
    public static final int QUORUM = 2888;
    public static final int ELECTION = 3888;
    /** ZooKeeper's own Prometheus metrics provider. */
    public static final int METRICS = 7000;
    /** The agent's HTTP API. */
    public static final int AGENT = 8081;

    private Ports() {
    }
}
