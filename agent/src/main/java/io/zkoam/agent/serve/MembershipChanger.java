package io.zkoam.agent.serve;

import io.zkoam.agent.SecretFile;
import io.zkoam.agent.zk.AdminSession;
import io.zkoam.agent.zk.DynamicConfig;
import io.zkoam.agent.zk.ServerLine;
import io.zkoam.agent.zk.ZooKeeperUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.zookeeper.KeeperException;

/**
 * Performs one membership change through {@code ZooKeeperAdmin}, authenticated as the super user:
 * read the committed config ({@code sync} + {@code getConfig}); answer "unchanged" when it already holds; otherwise
 * an incremental reconfig conditional on the version just read (or the caller's {@code fromVersion}), so of two
 * concurrent changes at most one applies; then re-read to confirm the change is what the local server now sees.
 */
final class MembershipChanger {

    static final String SUPER_PASSWORD_FILE = "super-password";
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final ServeOptions options;

    MembershipChanger(ServeOptions options) {
        this.options = options;
    }

    /**
     * One change: what it asks of ZooKeeper and how to tell it holds.
     *
     * @param joining the reconfig's joining line, or null
     * @param leaving the reconfig's leaving id, or null
     * @param holds   true when a config already has the wanted shape (idempotence and confirmation)
     */
    record Change(String action, int id, String joining, String leaving, Long fromVersion, Predicate<DynamicConfig> holds) {

        static Change add(MembershipRequests.Add request) {
            ServerLine wanted = ServerLine.standard(request.id(), request.host(), request.role());
            return new Change("add", request.id(), wanted.line(), null, request.fromVersion(),
                config -> wanted.equals(config.member(request.id())));
        }

        static Change del(MembershipRequests.Del request) {
            return new Change("del", request.id(), null, Integer.toString(request.id()), request.fromVersion(),
                config -> !config.contains(request.id()));
        }
    }

    /**
     * The HTTP reply plus what the audit line needs.
     *
     * @param result  {@code changed}, {@code unchanged}, or an error code such as {@code BADVERSION}
     * @param before  the version read before the change, null if it could not be read
     * @param after   the version after it, null unless changed or unchanged
     */
    record Outcome(Reply reply, String result, String before, String after) {
    }

    /** {@code /add} and {@code /del}'s success body. */
    record ChangeResult(String action, int id, boolean changed, boolean confirmed, String versionBefore, String versionAfter,
                        ConfigView config) {
    }

    /** {@code /add} and {@code /del}'s error body: ZooKeeper's code and reason, and the version the agent had read. */
    record ChangeError(String error, String reason, String action, int id, String versionBefore) {
    }

    Outcome apply(Change change) {
        String password;
        try {
            password = SecretFile.read(secretDir().resolve(SUPER_PASSWORD_FILE));
        } catch (IOException e) {
            return failure(change, 500, "NO_SUPER_PASSWORD", "the agent cannot read its super-user password: " + e.getMessage(), null);
        }
        DynamicConfig before = null;
        try (AdminSession session = open(password)) {
            before = session.readConfig();
            if (change.holds().test(before)) {
                return success(change, before, before, false, true);
            }
            long fromVersion = change.fromVersion() != null ? change.fromVersion() : before.version();
            DynamicConfig returned;
            try {
                returned = session.reconfigure(change.joining(), change.leaving(), fromVersion);
            } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
                // The outcome is unknown: removing the server we talk to (or the leader) can drop the connection
                // although the change committed. Only a re-read can tell.
                Optional<DynamicConfig> after = confirm(password, change, before.version() + 1);
                if (after.isPresent()) {
                    return success(change, before, after.get(), true, true);
                }
                throw e;
            }
            Optional<DynamicConfig> confirmed = confirm(password, change, returned.version());
            return success(change, before, confirmed.orElse(returned), true, confirmed.isPresent());
        } catch (KeeperException e) {
            String code = e.code().name();
            return failure(change, ReconfigErrors.httpStatus(e.code()), code, e.getMessage(), before);
        } catch (ZooKeeperUnavailableException e) {
            return failure(change, 503, "UNAVAILABLE", e.getMessage(), before);
        }
    }

    /**
     * Re-reads the config until it shows the change at {@code minVersion} or later, bounded by twice the ZooKeeper
     * timeout. A new session per attempt: the old one may have died with the removed server's connection.
     */
    private Optional<DynamicConfig> confirm(String password, Change change, long minVersion) {
        long deadline = System.nanoTime() + options.zkTimeout().multipliedBy(2).toNanos();
        while (true) {
            try (AdminSession session = open(password)) {
                DynamicConfig config = session.readConfig();
                if (config.version() >= minVersion && change.holds().test(config)) {
                    return Optional.of(config);
                }
            } catch (KeeperException | ZooKeeperUnavailableException e) {
                // the local server is re-syncing after the change; try again until the deadline
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            try {
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private AdminSession open(String password) throws ZooKeeperUnavailableException {
        return AdminSession.open(options.connectString(), options.zkTimeout(), options.zkTimeout(), Optional.of(password));
    }

    private Path secretDir() {
        return options.secretDir();
    }

    private static Outcome success(Change change, DynamicConfig before, DynamicConfig after, boolean changed, boolean confirmed) {
        ChangeResult body = new ChangeResult(change.action(), change.id(), changed, confirmed, before.versionHex(),
            after.versionHex(), ConfigView.of(after));
        return new Outcome(Reply.json(200, body), changed ? "changed" : "unchanged", before.versionHex(), after.versionHex());
    }

    private static Outcome failure(Change change, int status, String code, String reason, DynamicConfig before) {
        String beforeHex = before == null ? null : before.versionHex();
        return new Outcome(Reply.json(status, new ChangeError(code, reason, change.action(), change.id(), beforeHex)),
            code, beforeHex, null);
    }
}
