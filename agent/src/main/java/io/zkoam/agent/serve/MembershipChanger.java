package io.zkoam.agent.serve;

import io.zkoam.agent.SecretFile;
import io.zkoam.agent.zk.AdminSession;
import io.zkoam.agent.zk.DynamicConfig;
import io.zkoam.agent.zk.ServerLine;
import io.zkoam.agent.zk.ZooKeeperUnavailableException;
import java.io.IOException;
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

    /**
     * Runs the change. Transient failures (a leader hand-off drops connections) are retried within three ZooKeeper
     * timeouts; each attempt starts by re-reading, so a retry never applies a change twice: if an earlier attempt's
     * reconfig did commit, the re-read shows the change and the answer is success. A {@code BADVERSION} or
     * {@code ReconfigInProgress} right after such an uncertain attempt may be about our own change, so the re-read
     * decides then too; any other refusal is final.
     */
    Outcome apply(Change change) {
        String password;
        try {
            password = SecretFile.read(options.secretDir().resolve(SUPER_PASSWORD_FILE));
        } catch (IOException e) {
            return failure(change, 500, "NO_SUPER_PASSWORD", "the agent cannot read its super-user password: " + e.getMessage(), null);
        }
        long deadline = System.nanoTime() + options.zkTimeout().multipliedBy(3).toNanos();
        DynamicConfig before = null;
        boolean uncertain = false;
        boolean everSent = false;
        while (true) {
            boolean sent = false;
            try (AdminSession session = open(password)) {
                DynamicConfig current = session.readConfig();
                if (before == null) {
                    before = current;
                }
                if (change.holds().test(current)) {
                    // already so: either before anything was asked, or an earlier, uncertain attempt did commit
                    return success(change, before, current, everSent && current.version() > before.version(), true);
                }
                long fromVersion = change.fromVersion() != null ? change.fromVersion() : current.version();
                sent = true;
                everSent = true;
                DynamicConfig returned = session.reconfigure(change.joining(), change.leaving(), fromVersion);
                Optional<DynamicConfig> confirmed = confirm(password, change, returned.version());
                return success(change, before, confirmed.orElse(returned), true, confirmed.isPresent());
            } catch (KeeperException e) {
                boolean retry = TransientRetry.isTransient(e) || (uncertain && isPossiblyOurOwn(e));
                uncertain = sent && TransientRetry.isTransient(e);
                if (!retry || TransientRetry.pastDeadline(deadline)) {
                    return failure(change, ReconfigErrors.httpStatus(e.code()), e.code().name(), e.getMessage(), before);
                }
            } catch (ZooKeeperUnavailableException e) {
                if (TransientRetry.pastDeadline(deadline)) {
                    return failure(change, 503, "UNAVAILABLE", e.getMessage(), before);
                }
            }
            try {
                TransientRetry.pause();
            } catch (ZooKeeperUnavailableException e) {
                return failure(change, 503, "UNAVAILABLE", e.getMessage(), before);
            }
        }
    }

    private static boolean isPossiblyOurOwn(KeeperException e) {
        return e.code() == KeeperException.Code.BADVERSION || e.code() == KeeperException.Code.RECONFIGINPROGRESS;
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
            if (TransientRetry.pastDeadline(deadline)) {
                return Optional.empty();
            }
            try {
                TransientRetry.pause();
            } catch (ZooKeeperUnavailableException e) {
                return Optional.empty();
            }
        }
    }

    private AdminSession open(String password) throws ZooKeeperUnavailableException {
        return AdminSession.open(options.connectString(), options.zkTimeout(), options.zkTimeout(), Optional.of(password));
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
