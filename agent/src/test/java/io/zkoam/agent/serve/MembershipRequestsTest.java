package io.zkoam.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkoam.agent.serve.MembershipRequests.BadRequest;
import io.zkoam.agent.zk.Role;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MembershipRequestsTest {

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String fieldOf(ThrowingCall call) {
        try {
            call.run();
        } catch (BadRequest e) {
            return e.field;
        }
        throw new AssertionError("no BadRequest");
    }

    interface ThrowingCall {
        void run() throws BadRequest;
    }

    @Test
    void readsAFullAdd() throws Exception {
        MembershipRequests.Add add = MembershipRequests.add(body("{\"id\":4,\"host\":\"zk-3.zk-hs\",\"role\":\"observer\",\"fromVersion\":\"10000000b\"}"));

        assertThat(add).isEqualTo(new MembershipRequests.Add(4, "zk-3.zk-hs", Role.OBSERVER, 0x10000000bL));
    }

    @Test
    void roleDefaultsToParticipantAndFromVersionIsOptional() throws Exception {
        assertThat(MembershipRequests.add(body("{\"id\":4,\"host\":\"h\"}"))).isEqualTo(new MembershipRequests.Add(4, "h", Role.PARTICIPANT, null));
        assertThat(MembershipRequests.del(body("{\"id\":5}"))).isEqualTo(new MembershipRequests.Del(5, null));
    }

    @Test
    void eachMistakeNamesItsField() {
        assertThat(fieldOf(() -> MembershipRequests.add(body("{\"host\":\"h\"}")))).isEqualTo("id");
        assertThat(fieldOf(() -> MembershipRequests.add(body("{\"id\":\"4\",\"host\":\"h\"}")))).isEqualTo("id");
        assertThat(fieldOf(() -> MembershipRequests.add(body("{\"id\":4.5,\"host\":\"h\"}")))).isEqualTo("id");
        assertThat(fieldOf(() -> MembershipRequests.add(body("{\"id\":0,\"host\":\"h\"}")))).isEqualTo("id");
        assertThat(fieldOf(() -> MembershipRequests.add(body("{\"id\":256,\"host\":\"h\"}")))).isEqualTo("id");
        assertThat(fieldOf(() -> MembershipRequests.add(body("{\"id\":4}")))).isEqualTo("host");
        assertThat(fieldOf(() -> MembershipRequests.add(body("{\"id\":4,\"host\":\"a;b\"}")))).isEqualTo("host");
        assertThat(fieldOf(() -> MembershipRequests.add(body("{\"id\":4,\"host\":\"h\",\"role\":\"voter\"}")))).isEqualTo("role");
        assertThat(fieldOf(() -> MembershipRequests.add(body("{\"id\":4,\"host\":\"h\",\"fromVersion\":17}")))).isEqualTo("fromVersion");
        assertThat(fieldOf(() -> MembershipRequests.del(body("{\"id\":4,\"fromversion\":\"1\"}")))).isEqualTo("fromversion");
        assertThat(fieldOf(() -> MembershipRequests.del(body("{\"id\":4,\"host\":\"h\"}")))).isEqualTo("host");
    }

    @Test
    void unreadableBodiesAreRefusedAsAWhole() {
        assertThatThrownBy(() -> MembershipRequests.del(body("{id:4"))).isInstanceOf(BadRequest.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> MembershipRequests.del(body(""))).isInstanceOf(BadRequest.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> MembershipRequests.del(body("[4]"))).isInstanceOf(BadRequest.class).hasMessageContaining("JSON object");
    }
}
