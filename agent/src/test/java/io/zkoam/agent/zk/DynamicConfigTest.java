package io.zkoam.agent.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DynamicConfigTest {

    /** What getConfig returned from a real 3.9.5 ensemble. */
    private static final String GET_CONFIG = """
        server.1=zk-0.zk-hs.test.svc.cluster.local:2888:3888:participant;zk-0.zk-hs.test.svc.cluster.local:2181
        server.2=zk-1.zk-hs.test.svc.cluster.local:2888:3888:participant;zk-1.zk-hs.test.svc.cluster.local:2181
        server.4=zk-3.zk-hs.test.svc.cluster.local:2888:3888:observer;zk-3.zk-hs.test.svc.cluster.local:2181
        version=100000004""";

    @Test
    void readsMembersAndTheVersionLine() {
        DynamicConfig config = DynamicConfig.parse(GET_CONFIG);

        assertThat(config.version()).isEqualTo(0x100000004L);
        assertThat(config.versionHex()).isEqualTo("100000004");
        assertThat(config.members()).containsOnlyKeys(1, 2, 4);
        assertThat(config.voters()).extracting(ServerLine::id).containsExactly(1, 2);
        assertThat(config.member(4).role()).isEqualTo(Role.OBSERVER);
    }

    @Test
    void fileTextNeverCarriesAVersionLineBecauseZooKeeperRefusesToBootWithOne() {
        String text = DynamicConfig.parse(GET_CONFIG).toFileText();

        assertThat(text).doesNotContain("version");
        assertThat(text.lines()).hasSize(3).allMatch(l -> l.startsWith("server."));
        assertThat(DynamicConfig.parse(text).members()).isEqualTo(DynamicConfig.parse(GET_CONFIG).members());
    }

    @Test
    void withReplacesOrAddsAndLeavesTheOriginalAlone() {
        DynamicConfig config = DynamicConfig.parse(GET_CONFIG);
        DynamicConfig changed = config.with(config.member(4).withRole(Role.PARTICIPANT)).withVersion(5);

        assertThat(changed.voters()).hasSize(3);
        assertThat(changed.version()).isEqualTo(5);
        assertThat(config.voters()).hasSize(2);
    }

    @Test
    void refusesHierarchicalQuorumsDuplicatesAndGarbage() {
        assertThatThrownBy(() -> DynamicConfig.parse("server.1=a:1:2\ngroup.1=1")).hasMessageContaining("group.1=1");
        assertThatThrownBy(() -> DynamicConfig.parse("server.1=a:1:2\nserver.1=b:1:2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> DynamicConfig.parse("hello")).hasMessageContaining("not a key=value line");
        assertThatThrownBy(() -> DynamicConfig.parse("version=xyz")).hasMessageContaining("hex");
    }

    @Test
    void skipsCommentsAndBlankLines() {
        assertThat(DynamicConfig.parse("# joiner seed\n\nserver.1=a:1:2\n").members()).containsOnlyKeys(1);
    }

    @Test
    void hexVersionsRoundTrip() {
        assertThat(ConfigVersion.parseHex("0x10000000b")).isEqualTo(0x10000000bL);
        assertThat(ConfigVersion.toHex(0x10000000bL)).isEqualTo("10000000b");
        assertThatThrownBy(() -> ConfigVersion.parseHex("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigVersion.parseHex("12345678901234567")).isInstanceOf(IllegalArgumentException.class);
    }
}
