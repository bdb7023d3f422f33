package io.zkoam.agent.serve;

import io.zkoam.agent.serve.MembershipChanger.Change;
import io.zkoam.agent.serve.MembershipChanger.Outcome;
import io.zkoam.agent.serve.MembershipRequests.BadRequest;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /add} and {@code POST /del}: bearer token, body, change; and exactly one audit line per call,
 * whatever happened: caller, action, id, config version before and after, result.
 */
final class MembershipEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipEndpoint.class);

    /** Turns a validated body into a change. */
    @FunctionalInterface
    interface Parser {
        Change parse(byte[] body) throws BadRequest;
    }

    private final String action;
    private final Parser parser;
    private final BearerAuth auth;
    private final MembershipChanger changer;
    private final AgentMetrics metrics;

    MembershipEndpoint(String action, Parser parser, BearerAuth auth, MembershipChanger changer, AgentMetrics metrics) {
        this.action = action;
        this.parser = parser;
        this.auth = auth;
        this.changer = changer;
        this.metrics = metrics;
    }

    static MembershipEndpoint add(BearerAuth auth, MembershipChanger changer, AgentMetrics metrics) {
        return new MembershipEndpoint("add", body -> Change.add(MembershipRequests.add(body)), auth, changer, metrics);
    }

    static MembershipEndpoint del(BearerAuth auth, MembershipChanger changer, AgentMetrics metrics) {
        return new MembershipEndpoint("del", body -> Change.del(MembershipRequests.del(body)), auth, changer, metrics);
    }

    @Override
    public Reply handle(Request request) {
        try {
            if (!auth.allows(request.header("Authorization"))) {
                audit(request, "-", "unauthorized", null, null);
                return Reply.error(401, "UNAUTHORIZED", "missing or wrong bearer token")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"zkoam-agent\"");
            }
        } catch (IOException e) {
            audit(request, "-", "NO_AGENT_TOKEN", null, null);
            return Reply.error(500, "NO_AGENT_TOKEN", "the agent cannot read its own token: " + e.getMessage());
        }
        Change change;
        try {
            change = parser.parse(request.body());
        } catch (BadRequest e) {
            audit(request, "-", "bad-request", null, null);
            return Reply.badField(e.field, e.getMessage());
        }
        Outcome outcome = changer.apply(change);
        audit(request, Integer.toString(change.id()), outcome.result(), outcome.before(), outcome.after());
        return outcome.reply();
    }

    private void audit(Request request, String id, String result, String before, String after) {
        metrics.reconfig(action, result);
        LOG.info("membership {} id={} caller={} versionBefore={} versionAfter={} result={}",
            action, id, request.caller(), before == null ? "-" : before, after == null ? "-" : after, result);
    }
}
