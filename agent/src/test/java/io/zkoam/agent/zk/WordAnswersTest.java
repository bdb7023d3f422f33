package io.zkoam.agent.zk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordAnswersTest {

    static final String SRVR_FOLLOWER = """
        Zookeeper version: 3.9.5-293c895a8d966a3ecb92872be4a1daf87d725da2, built on 2026-02-11 20:18 UTC
        Latency min/avg/max: 0/4.75/9
        Received: 4
        Sent: 3
        Connections: 1
        Outstanding: 0
        Zxid: 0x100000009
        Mode: follower
        Node count: 5
        """;

    static final String CONF = """
        clientPort=2181
        dataDir=/data/version-2
        serverId=4
        peerType=0
        membership:\s
        server.1=zk-0.zk-hs.test.svc.cluster.local:2888:3888:participant;zk-0.zk-hs.test.svc.cluster.local:2181
        version=100000004
        """;

    @Test
    void readsSrvr() {
        assertThat(WordAnswers.srvr(SRVR_FOLLOWER))
            .containsEntry("Mode", "follower")
            .containsEntry("Zxid", "0x100000009")
            .containsEntry("Latency min/avg/max", "0/4.75/9")
            .containsEntry("Zookeeper version", "3.9.5-293c895a8d966a3ecb92872be4a1daf87d725da2, built on 2026-02-11 20:18 UTC");
    }

    @Test
    void readsMntrAndConf() {
        assertThat(WordAnswers.mntr("zk_server_state\tleader\nzk_synced_followers\t2\n"))
            .containsEntry("zk_server_state", "leader").containsEntry("zk_synced_followers", "2");
        assertThat(WordAnswers.conf(CONF)).containsEntry("serverId", "4").containsEntry("version", "100000004");
    }

    @Test
    void recognisesNotServing() {
        assertThat(WordAnswers.notServing("This ZooKeeper instance is not currently serving requests\n")).isTrue();
        assertThat(WordAnswers.notServing("")).isTrue();
        assertThat(WordAnswers.notServing(SRVR_FOLLOWER)).isFalse();
    }
}
