package io.zkoam.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerAuthTest {

    @TempDir
    Path secrets;

    @Test
    void acceptsOnlyTheMountedToken() throws Exception {
        Files.writeString(secrets.resolve("agent-token"), "t0ken\n");
        BearerAuth auth = new BearerAuth(secrets);

        assertThat(auth.allows("Bearer t0ken")).isTrue();
        assertThat(auth.allows("bearer t0ken")).isTrue();
        assertThat(auth.allows("Bearer t0ke")).isFalse();
        assertThat(auth.allows("Bearer t0ken2")).isFalse();
        assertThat(auth.allows("Bearer ")).isFalse();
        assertThat(auth.allows("Basic dDBrZW4=")).isFalse();
        assertThat(auth.allows(null)).isFalse();
    }

    @Test
    void aRotatedTokenCountsAtOnce() throws Exception {
        Files.writeString(secrets.resolve("agent-token"), "old");
        BearerAuth auth = new BearerAuth(secrets);
        Files.writeString(secrets.resolve("agent-token"), "new");

        assertThat(auth.allows("Bearer old")).isFalse();
        assertThat(auth.allows("Bearer new")).isTrue();
    }

    @Test
    void anAgentWithoutATokenIsMisconfiguredAndAllowsNothing() throws Exception {
        BearerAuth auth = new BearerAuth(secrets);
        assertThatThrownBy(() -> auth.allows("Bearer ")).isInstanceOf(IOException.class);
        Files.writeString(secrets.resolve("agent-token"), "  \n");
        assertThatThrownBy(() -> auth.allows("Bearer ")).isInstanceOf(IOException.class).hasMessageContaining("empty");
    }
}
