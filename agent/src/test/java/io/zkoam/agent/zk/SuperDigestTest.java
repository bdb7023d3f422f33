package io.zkoam.agent.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SuperDigestTest {

    @Test
    void isSuperColonBase64OfSha1OfUserAndPassword() throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA1").digest("super:s3cret".getBytes(StandardCharsets.UTF_8));

        assertThat(SuperDigest.of("s3cret")).isEqualTo("super:" + Base64.getEncoder().encodeToString(sha1));
        assertThat(new String(SuperDigest.authData("s3cret"), StandardCharsets.UTF_8)).isEqualTo("super:s3cret");
    }
}
