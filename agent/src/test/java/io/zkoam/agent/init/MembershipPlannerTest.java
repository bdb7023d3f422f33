package io.zkoam.agent.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.agent.init.MembershipPlanner.MembershipPlan;
import io.zkoam.agent.zk.DynamicConfig;
import io.zkoam.agent.zk.Role;
import io.zkoam.agent.zk.ServerLine;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipPlannerTest {

    private static final String HOST_4 = "zk-3.zk-hs.ns.svc.cluster.local";

    private static DynamicConfig config(long version, int... ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            text.append(ServerLine.standard(id, "zk-" + (id - 1) + ".zk-hs.ns.svc.cluster.local", Role.PARTICIPANT).line()).append('\n');
        }
        return DynamicConfig.parse(text.toString()).withVersion(version);
    }

    @Test
    void aBootstrapMemberUsesTheConfigMapAsItIs() {
        MembershipPlan plan = MembershipPlanner.plan(Optional.empty(), config(1, 1, 2, 3), 2, "ignored");

        assertThat(plan.joiner()).isFalse();
        assertThat(plan.newestFromVolume()).isFalse();
        assertThat(plan.toWrite()).isEqualTo(config(1, 1, 2, 3));
    }

    @Test
    void aRestartedMemberKeepsTheNewerConfigOfItsVolume() {
        MembershipPlan plan = MembershipPlanner.plan(Optional.of(config(0x100000004L, 1, 2, 3, 4)), config(1, 1, 2, 3), 4, HOST_4);

        assertThat(plan.joiner()).isFalse();
        assertThat(plan.newestFromVolume()).isTrue();
        assertThat(plan.toWrite().version()).isEqualTo(0x100000004L);
    }

    @Test
    void aNewerConfigMapWinsAndTheVolumeWinsTies() {
        assertThat(MembershipPlanner.plan(Optional.of(config(5, 1, 2, 3)), config(9, 1, 2, 3, 4), 1, "x").newest().version()).isEqualTo(9);
        assertThat(MembershipPlanner.plan(Optional.of(config(9, 1, 2, 3)), config(9, 1, 2, 3, 4), 1, "x").newestFromVolume()).isTrue();
    }

    @Test
    void aPodAbsentFromTheNewestConfigJoinsAsObserverAtVersionZero() {
        MembershipPlan plan = MembershipPlanner.plan(Optional.empty(), config(0x100000004L, 1, 2, 3), 4, HOST_4);

        assertThat(plan.joiner()).isTrue();
        assertThat(plan.toWrite().version()).isEqualTo(MembershipPlanner.JOINER_VERSION);
        assertThat(plan.toWrite().member(4)).isEqualTo(ServerLine.standard(4, HOST_4, Role.OBSERVER));
        assertThat(plan.toWrite().voters()).extracting(ServerLine::id).containsExactly(1, 2, 3);
    }

    @Test
    void aRemovedMemberIsAJoinerEvenWhenTheConfigMapStillListsIt() {
        // volume saw the removal (newer), the ConfigMap lags behind: the volume decides
        MembershipPlan plan = MembershipPlanner.plan(Optional.of(config(0x200000001L, 1, 2, 3)), config(0x100000004L, 1, 2, 3, 4), 4, HOST_4);

        assertThat(plan.joiner()).isTrue();
        assertThat(plan.newest().version()).isEqualTo(0x200000001L);
    }
}
