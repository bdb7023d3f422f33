package io.zkoam.agent.testing;

import io.zkoam.agent.init.InitCommand;
import io.zkoam.agent.init.InitCommand.InitResult;
import io.zkoam.agent.init.InitException;
import io.zkoam.agent.init.InitOptions;
import io.zkoam.agent.serve.AgentHttpServer;
import io.zkoam.agent.serve.ServeOptions;
import io.zkoam.agent.zk.FourLetterWords;
import io.zkoam.agent.zk.Ports;
import io.zkoam.agent.zk.WordAnswers;
import io.zkoam.zkprocess.TcpPort;
import io.zkoam.zkprocess.ZooKeeperProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One simulated ZooKeeper pod on its own loopback address: a data volume (directory), the real {@code init} code,
 * a real server process started from init's files, and optionally an in-process agent bound to the pod address.
 */
public final class SimulatedPod implements AutoCloseable {

    private final LoopbackEnsemble ensemble;
    private final int ordinal;
    private final String address;
    private ZooKeeperProcess server;
    private AgentHttpServer agent;

    SimulatedPod(LoopbackEnsemble ensemble, int ordinal, String address) {
        this.ensemble = ensemble;
        this.ordinal = ordinal;
        this.address = address;
    }

    public int ordinal() {
        return ordinal;
    }

    public int serverId() {
        return ordinal + 1;
    }

    /** {@code <cluster>-N}. */
    public String name() {
        return ensemble.cluster() + "-" + ordinal;
    }

    /** The headless-Service DNS name, resolved to {@link #address()} by the ensemble's hosts file. */
    public String host() {
        return name() + "." + ensemble.cluster() + "-hs." + ensemble.namespace() + ".svc.cluster.local";
    }

    /** The pod IP: 127.0.k.(ordinal+1). */
    public String address() {
        return address;
    }

    /** The pod's data volume. */
    public Path dataDir() {
        return ensemble.baseDir().resolve("volumes").resolve(name());
    }

    public Path confDir() {
        return dataDir().resolve("conf");
    }

    public InetSocketAddress clientAddress() {
        return new InetSocketAddress(address, Ports.CLIENT);
    }

    public InetSocketAddress agentAddress() {
        return new InetSocketAddress(address, Ports.AGENT);
    }

    /** The flags a pod spec would pass to {@code init} (metrics off: the provider jar is not on a Maven classpath). */
    public String[] initArgs() {
        return new String[] {
            "--pod-name=" + name(),
            "--namespace=" + ensemble.namespace(),
            "--pod-ip=" + address,
            "--data-dir=" + dataDir(),
            "--config-in=" + ensemble.configMapDir(),
            "--secret-dir=" + ensemble.secretDir(),
            "--metrics-port=0",
        };
    }

    /** Runs the real init code for this pod, exactly as the init container would. */
    public InitResult init() throws InitException {
        return InitCommand.run(InitOptions.from(io.zkoam.agent.cli.Flags.parse(initArgs(), java.util.Map.of())));
    }

    /** Starts the server process from the files init wrote (zoo.cfg in the volume's conf dir) and waits for its client port. */
    public SimulatedPod startServer() {
        launchServer();
        server.awaitPort(clientAddress(), Duration.ofSeconds(30));
        return this;
    }

    /** Starts the server process without waiting, so several can boot in parallel. */
    public SimulatedPod launchServer() {
        if (server == null) {
            server = ZooKeeperProcess.builder(name(), confDir().resolve("zoo.cfg"))
                .workDir(ensemble.baseDir().resolve("work").resolve(name()))
                .hostsFile(ensemble.hostsFile())
                .jvmOptions(ensemble.serverJvmOptions())
                .systemProperty("logback.configurationFile", confDir().resolve("logback.xml").toString())
                .build();
        }
        server.start();
        return this;
    }

    /** Init then start: what a pod (re)start does. */
    public SimulatedPod initAndStart() throws InitException {
        init();
        return startServer();
    }

    /** Graceful stop (SIGTERM), as on pod deletion. */
    public void stopServer() {
        if (server != null) {
            server.stop(Duration.ofSeconds(15));
            TcpPort.awaitClosed(clientAddress(), Duration.ofSeconds(10));
        }
    }

    /** kill -9. */
    public void killServer() {
        if (server != null) {
            server.kill();
            TcpPort.awaitClosed(clientAddress(), Duration.ofSeconds(10));
        }
    }

    public boolean serverAlive() {
        return server != null && server.isAlive();
    }

    /**
     * Starts an agent in this JVM bound to the pod address, talking to this pod's server. Its ZooKeeper timeout is
     * 3 s instead of the shipped 5 s: calls on a healthy loopback server take milliseconds, and tests that cut off the
     * quorum wait out the bounded retries.
     */
    public SimulatedPod startAgent() {
        if (agent == null) {
            try {
                agent = AgentHttpServer.start(new ServeOptions(agentAddress(), clientAddress(), ensemble.secretDir(),
                    serverId(), Duration.ofSeconds(3), Duration.ofSeconds(2), 4));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    public void stopAgent() {
        if (agent != null) {
            agent.close(0);
            agent = null;
        }
    }

    public AgentHttpServer agentServer() {
        return agent;
    }

    /** A client for this pod's agent holding the ensemble's agent token. */
    public AgentClient agent() {
        return new AgentClient(agentAddress(), ensemble.agentToken());
    }

    /** A four-letter word on this pod's server; the answer, or "(error ...)" when it does not answer. */
    public String fourLetterWord(String word) {
        try {
            return new FourLetterWords(clientAddress(), Duration.ofSeconds(1), Duration.ofSeconds(2)).send(word);
        } catch (IOException e) {
            return "(error " + e + ")";
        }
    }

    /** The server's mode (leader, follower, observer) once it serves, waiting at most {@code timeout}. */
    public String awaitServing(Duration timeout) {
        return Deadline.await(name() + " serving", timeout,
            () -> WordAnswers.srvr(fourLetterWord("srvr")).get("Mode"),
            () -> fourLetterWord("srvr") + (server != null ? "\n--- " + server.logFile() + ":\n" + server.logTail(30) : ""));
    }

    /** The end of the server's log, for failure messages. */
    public String serverLogTail(int lines) {
        return server == null ? "(never started)" : server.logTail(lines);
    }

    @Override
    public void close() {
        stopAgent();
        if (server != null) {
            server.close();
        }
    }
}
