package io.zkoam.agent.init;

import io.zkoam.agent.zk.DynamicConfig;
import io.zkoam.agent.zk.Role;
import io.zkoam.agent.zk.ServerLine;
import java.util.Optional;

/**
 * Which dynamic config a pod boots with. Pure; the rule (docs/agent.md):
 * <ol>
 *   <li>the newest of the volume's newest committed config and the ConfigMap's config wins; the volume wins ties;</li>
 *   <li>if it lists this server, the pod is a member and boots with it unchanged;</li>
 *   <li>otherwise the pod is a <em>joiner</em>: it boots with those members plus itself as {@code observer}, at
 *       version {@link #JOINER_VERSION}.</li>
 * </ol>
 * Why the joiner looks like that: listing itself is required to boot at all ("My id N not in the peer list");
 * as an observer it can never help form a quorum with other joiners (split brain); and at version 0 the first
 * election notification from a voter carries a strictly newer config, which it adopts. In that config it is
 * absent, so it runs as a non-voting follower that syncs and counts as synced for the scaler's {@code /add}.
 */
public final class MembershipPlanner {

    /** Below every real config: bootstrap configs are version 1 or more, reconfig versions are zxids. */
    public static final long JOINER_VERSION = 0;

    private MembershipPlanner() {
    }

    /**
     * @param newest   the config that decided (volume's or ConfigMap's)
     * @param toWrite  the config the pod boots with: {@code newest} for a member, the joiner seed for a joiner
     */
    public record MembershipPlan(DynamicConfig newest, boolean newestFromVolume, boolean joiner, DynamicConfig toWrite) {
    }

    public static MembershipPlan plan(Optional<DynamicConfig> volumeNewest, DynamicConfig configMap, int serverId, String ownHost) {
        boolean fromVolume = volumeNewest.isPresent() && volumeNewest.get().version() >= configMap.version();
        DynamicConfig newest = fromVolume ? volumeNewest.get() : configMap;
        if (newest.contains(serverId)) {
            return new MembershipPlan(newest, fromVolume, false, newest);
        }
        DynamicConfig seed = newest.with(ServerLine.standard(serverId, ownHost, Role.OBSERVER)).withVersion(JOINER_VERSION);
        return new MembershipPlan(newest, fromVolume, true, seed);
    }
}
