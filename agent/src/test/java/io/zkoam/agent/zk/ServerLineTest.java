package io.zkoam.agent.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerLineTest {

    private static final String HOST = "zk-0.zk-hs.ns.svc.cluster.local";

    @Test
    void parsesTheFullZkoamForm() {
        ServerLine line = ServerLine.parse("server.1", HOST + ":2888:3888:participant;" + HOST + ":2181");

        assertThat(line).isEqualTo(ServerLine.standard(1, HOST, Role.PARTICIPANT));
        assertThat(line.line()).isEqualTo("server.1=" + HOST + ":2888:3888:participant;" + HOST + ":2181");
    }

    @Test
    void roleDefaultsToParticipantAndTheClientPartIsOptional() {
        ServerLine line = ServerLine.parse("server.7", "a.b:1:2");

        assertThat(line.role()).isEqualTo(Role.PARTICIPANT);
        assertThat(line.clientPort()).isZero();
        assertThat(line.clientHost()).isNull();
        assertThat(line.value()).isEqualTo("a.b:1:2:participant");
    }

    @Test
    void clientPortWithoutAddressKeepsTheHostUnset() {
        ServerLine line = ServerLine.parse(" server.2 ", " 10.0.0.2:2888:3888:observer;2181 ");

        assertThat(line.role()).isEqualTo(Role.OBSERVER);
        assertThat(line.clientHost()).isNull();
        assertThat(line.clientPort()).isEqualTo(2181);
        assertThat(line.value()).isEqualTo("10.0.0.2:2888:3888:observer;2181");
    }

    @Test
    void refusesWhatZkoamDoesNotWriteInsteadOfMisreadingIt() {
        assertThatThrownBy(() -> ServerLine.parse("server.1", "a:1:2|b:1:2")).hasMessageContaining("server.1=a:1:2|b:1:2");
        assertThatThrownBy(() -> ServerLine.parse("server.1", "a:1")).hasMessageContaining("host:quorumPort:electionPort");
        assertThatThrownBy(() -> ServerLine.parse("server.1", "a:1:2:voter")).hasMessageContaining("participant or observer");
        assertThatThrownBy(() -> ServerLine.parse("server.1", "a:1:99999")).hasMessageContaining("port out of range");
        assertThatThrownBy(() -> ServerLine.parse("server.x", "a:1:2")).hasMessageContaining("not a server line");
        assertThatThrownBy(() -> ServerLine.parse("server.0", "a:1:2")).hasMessageContaining("positive");
        assertThatThrownBy(() -> ServerLine.parse("server.1", "bad_host:1:2")).hasMessageContaining("bad host");
    }

    @Test
    void validHostsAreDnsNamesOrIpv4() {
        assertThat(ServerLine.isValidHost(HOST)).isTrue();
        assertThat(ServerLine.isValidHost("127.0.3.1")).isTrue();
        assertThat(ServerLine.isValidHost("")).isFalse();
        assertThat(ServerLine.isValidHost("a b")).isFalse();
        assertThat(ServerLine.isValidHost("-a")).isFalse();
        assertThat(ServerLine.isValidHost("a;b")).isFalse();
    }
}
