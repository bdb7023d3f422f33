package io.zkoam.agent.zk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * One short-lived client session on the local server, used for one agent request. Every call is asynchronous
 * underneath and waited for with {@code callTimeout}, so no request can hang on ZooKeeper: a server that does not
 * answer in time becomes {@link ZooKeeperUnavailableException}. A session per request costs a few milliseconds and
 * never leaves the agent holding a session that the server expired or that points at a removed server.
 */
public final class AdminSession implements AutoCloseable {

    private static final String ROOT = "/";
    private static final int SESSION_TIMEOUT_MILLIS = 10_000;

    private final ZooKeeperAdmin admin;
    private final String connectString;
    private final Duration callTimeout;

    private AdminSession(ZooKeeperAdmin admin, String connectString, Duration callTimeout) {
        this.admin = admin;
        this.connectString = connectString;
        this.callTimeout = callTimeout;
    }

    /**
     * Connects to {@code connectString} (the local server only) and, when a password is given, authenticates as
     * the super user. The digest travels in plain text, which is why the agent only ever talks to its own pod's server.
     */
    public static AdminSession open(String connectString, Duration connectTimeout, Duration callTimeout,
                                    Optional<String> superPassword) throws ZooKeeperUnavailableException {
        ZKClientConfig clientConfig = new ZKClientConfig();
        // No Kerberos here; without this the client logs a SASL warning and retries for nothing on each connect.
        clientConfig.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
        CountDownLatch connected = new CountDownLatch(1);
        Watcher watcher = event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        };
        ZooKeeperAdmin admin;
        try {
            admin = new ZooKeeperAdmin(connectString, SESSION_TIMEOUT_MILLIS, watcher, clientConfig);
        } catch (IOException e) {
            throw new ZooKeeperUnavailableException("cannot create a client for " + connectString + ": " + e.getMessage());
        }
        AdminSession session = new AdminSession(admin, connectString, callTimeout);
        try {
            if (!connected.await(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                session.close();
                throw new ZooKeeperUnavailableException("no session with ZooKeeper at " + connectString + " within " + connectTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            session.close();
            throw new ZooKeeperUnavailableException("interrupted while connecting to " + connectString);
        }
        superPassword.ifPresent(password -> admin.addAuthInfo("digest", SuperDigest.authData(password)));
        return session;
    }

    /**
     * The committed config as this server knows it after catching up with the leader: {@code sync} first, because a
     * follower's view can lag, then {@code getConfig}.
     */
    public DynamicConfig readConfig() throws KeeperException, ZooKeeperUnavailableException {
        CompletableFuture<Void> synced = new CompletableFuture<>();
        admin.sync(ROOT, (rc, path, ctx) -> complete(synced, rc, path, null), null);
        await(synced, "sync");
        CompletableFuture<byte[]> config = new CompletableFuture<>();
        admin.getConfig(false, (rc, path, ctx, data, stat) -> complete(config, rc, path, data), null);
        return DynamicConfig.parse(new String(await(config, "getConfig"), StandardCharsets.UTF_8));
    }

    /**
     * An incremental, conditional reconfig: it applies only if the current config version is still
     * {@code fromVersion}, so two concurrent changes cannot both apply.
     *
     * @param joining comma-separated {@code server.N=...} lines, or null
     * @param leaving comma-separated ids, or null
     * @return the new config, as the leader answered it
     */
    public DynamicConfig reconfigure(String joining, String leaving, long fromVersion)
        throws KeeperException, ZooKeeperUnavailableException {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        admin.reconfigure(joining, leaving, null, fromVersion,
            (rc, path, ctx, data, stat) -> complete(result, rc, path, data), null);
        return DynamicConfig.parse(new String(await(result, "reconfig"), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            admin.close(Math.toIntExact(callTimeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> void complete(CompletableFuture<T> future, int rc, String path, T value) {
        KeeperException.Code code = KeeperException.Code.get(rc);
        if (code == KeeperException.Code.OK) {
            future.complete(value);
        } else {
            future.completeExceptionally(KeeperException.create(code, path));
        }
    }

    private <T> T await(CompletableFuture<T> future, String what) throws KeeperException, ZooKeeperUnavailableException {
        try {
            return future.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ZooKeeperUnavailableException(what + " on " + connectString + " got no answer within " + callTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZooKeeperUnavailableException("interrupted during " + what);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KeeperException keeperException) {
                throw keeperException;
            }
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }
}
