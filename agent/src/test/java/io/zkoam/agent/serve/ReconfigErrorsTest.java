package io.zkoam.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.zookeeper.KeeperException.Code;
import org.junit.jupiter.api.Test;

class ReconfigErrorsTest {

    @Test
    void conflictsUnavailabilityAndMisconfiguration() {
        assertThat(ReconfigErrors.httpStatus(Code.BADVERSION)).isEqualTo(409);
        assertThat(ReconfigErrors.httpStatus(Code.RECONFIGINPROGRESS)).isEqualTo(409);
        assertThat(ReconfigErrors.httpStatus(Code.BADARGUMENTS)).isEqualTo(409);
        assertThat(ReconfigErrors.httpStatus(Code.NEWCONFIGNOQUORUM)).isEqualTo(503);
        assertThat(ReconfigErrors.httpStatus(Code.CONNECTIONLOSS)).isEqualTo(503);
        assertThat(ReconfigErrors.httpStatus(Code.NOAUTH)).isEqualTo(500);
        assertThat(ReconfigErrors.httpStatus(Code.RECONFIGDISABLED)).isEqualTo(500);
    }
}
