package io.zkoam.agent.init;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps a volume from an earlier life of the same ordinal from bringing old state back into the ensemble
 * (pravega/zookeeper-operator#94, #513). Decisions (docs/agent.md):
 * <ul>
 *   <li>no marker, no ZooKeeper data: a fresh volume, proceed (init writes the marker);</li>
 *   <li>no marker but ZooKeeper data, another cluster uid, or another server id: <b>refuse</b>. Retained data of a
 *       deleted cluster is never wiped silently; a human deletes the PVC or adopts the data;</li>
 *   <li>same cluster and server, this server absent from the newest config, and the volume holds data from when
 *       it was a member: <b>wipe</b> the ZooKeeper data and rejoin as a joiner; the ensemble has the data.</li>
 * </ul>
 */
public final class StaleVolumeGuard {

    /** What init does with the volume. */
    public enum Verdict {
        PROCEED,
        WIPE
    }

    private StaleVolumeGuard() {
    }

    /**
     * @param joiner this server is absent from the newest config
     * @throws InitException with {@link InitException#EXIT_REFUSED} and a message naming the volume and the ways out
     */
    public static Verdict check(VolumeState volume, String clusterUid, int serverId, boolean joiner, InitOptions options)
        throws InitException {
        Optional<VolumeMarker> marker = volume.marker();
        if (marker.isEmpty()) {
            if (volume.hasZooKeeperData()) {
                throw refusal(options, "holds ZooKeeper data but no zkoam marker (" + VolumeMarker.FILE
                    + "), so it was not written by this cluster", clusterUid);
            }
            return Verdict.PROCEED;
        }
        if (!marker.get().clusterUid().equals(clusterUid)) {
            throw refusal(options, "belongs to another ZooKeeperCluster: its marker says cluster uid "
                + marker.get().clusterUid() + ", this cluster's uid is " + clusterUid, clusterUid);
        }
        if (marker.get().serverId() != serverId) {
            throw refusal(options, "belongs to server id " + marker.get().serverId() + " of this cluster, but pod "
                + options.podName() + " is server id " + serverId, clusterUid);
        }
        if (joiner && volume.hasZooKeeperData() && volume.wasMember(serverId)) {
            return Verdict.WIPE;
        }
        return Verdict.PROCEED;
    }

    private static InitException refusal(InitOptions options, String why, String clusterUid) {
        Path data = options.dataDir();
        String claim = options.volumeClaimName().map(name -> "PersistentVolumeClaim " + name)
            .orElse("the PersistentVolumeClaim mounted at " + data);
        String message = "refusing to start pod " + options.podName() + ": the volume at " + data + " " + why + ".\n"
            + "Nothing was changed on the volume. Two ways out:\n"
            + "  1. start empty: delete " + claim + " (kubectl -n " + options.namespace()
            + " delete pvc <claim>), then delete pod " + options.podName() + " so it gets a new volume;\n"
            + "  2. adopt the old data (e.g. a deleted cluster re-created under the same name): from a pod that mounts "
            + "this volume at " + data + ", run\n"
            + "       printf 'cluster-uid=" + clusterUid + "\\nserver-id=" + options.serverId() + "\\n' > "
            + VolumeMarker.file(data) + "\n"
            + "     then delete pod " + options.podName() + ".";
        return new InitException(message, InitException.EXIT_REFUSED);
    }
}
