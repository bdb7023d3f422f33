package io.zkoam.agent.serve;

import org.apache.zookeeper.KeeperException;

/** How a ZooKeeper refusal of a reconfig maps to HTTP (docs/agent.md). */
final class ReconfigErrors {

    private ReconfigErrors() {
    }

    static int httpStatus(KeeperException.Code code) {
        return switch (code) {
            // Someone else changed membership first: re-read /get and decide again.
            case BADVERSION, RECONFIGINPROGRESS -> 409;
            // Refused for the current membership (e.g. it would leave too few participants).
            case BADARGUMENTS -> 409;
            // No quorum of the new config is up and synced, or the local server is not serving: retry later.
            case NEWCONFIGNOQUORUM, CONNECTIONLOSS, SESSIONEXPIRED, OPERATIONTIMEOUT -> 503;
            // NOAUTH (wrong super digest), RECONFIGDISABLED, ...: the deployment is misconfigured.
            default -> 500;
        };
    }
}
