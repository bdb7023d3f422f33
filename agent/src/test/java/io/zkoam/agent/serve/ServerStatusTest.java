package io.zkoam.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.agent.zk.WordAnswers;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerStatusTest {

    private static final String SRVR = """
        Zookeeper version: 3.9.5-293c895a8d966a3ecb92872be4a1daf87d725da2, built on 2026-02-11 20:18 UTC
        Latency min/avg/max: 1/4.75/9
        Received: 4
        Sent: 3
        Connections: 1
        Outstanding: 0
        Zxid: 0x100000009
        Mode: leader
        Node count: 5
        """;

    private static final String MNTR = "zk_num_alive_connections\t7\nzk_packets_sent\t30\nzk_packets_received\t40\n"
        + "zk_outstanding_requests\t2\nzk_znode_count\t6\nzk_synced_followers\t3\nzk_synced_non_voting_followers\t1\nzk_synced_observers\t0\n";

    @Test
    void combinesSrvrMntrAndConf() {
        ServerStatus status = ServerStatus.from(WordAnswers.srvr(SRVR), WordAnswers.mntr(MNTR),
            Map.of("serverId", "3", "version", "100000004"), 9);

        assertThat(status).isEqualTo(new ServerStatus("leader", true, 3, "100000004", "0x100000009",
            "3.9.5-293c895a8d966a3ecb92872be4a1daf87d725da2", 1L, 4.75, 9L, 30L, 40L, 7L, 2L, 6L, 3L, 1L, 0L, null));
    }

    @Test
    void srvrAloneIsEnoughAndTheServerIdFallsBackToThePodOrdinal() {
        ServerStatus status = ServerStatus.from(WordAnswers.srvr(SRVR.replace("leader", "follower")), Map.of(), Map.of(), 2);

        assertThat(status.mode()).isEqualTo("follower");
        assertThat(status.serverId()).isEqualTo(2);
        assertThat(status.packetsSent()).isEqualTo(3L);
        assertThat(status.znodeCount()).isEqualTo(5L);
        assertThat(status.syncedFollowers()).isNull();
        assertThat(status.configVersion()).isNull();
    }

    @Test
    void notServingCarriesTheReasonOnly() throws Exception {
        String json = new String(Json.write(ServerStatus.notServing(1, "This ZooKeeper instance is not currently serving requests")), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"mode\":\"not-serving\",\"serving\":false,\"serverId\":1,"
            + "\"reason\":\"This ZooKeeper instance is not currently serving requests\"}");
    }
}
