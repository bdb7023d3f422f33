package io.zkoam.zkprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpPortTest {

    @Test
    void returnsOnceThePortAccepts() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.getLocalPort());
            TcpPort.awaitAccepting(address, Duration.ofSeconds(2), () -> null);
            assertThat(TcpPort.accepts(address)).isTrue();
        }
    }

    @Test
    void timesOutOnAClosedPort() throws Exception {
        InetSocketAddress address = closedPort();
        long start = System.nanoTime();
        assertThatThrownBy(() -> TcpPort.awaitAccepting(address, Duration.ofMillis(300), () -> null))
            .isInstanceOf(WaitTimeoutException.class)
            .hasMessageContaining("did not accept connections within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void givesUpAtOnceWhenTheCallerSaysSo() throws Exception {
        InetSocketAddress address = closedPort();
        long start = System.nanoTime();
        assertThatThrownBy(() -> TcpPort.awaitAccepting(address, Duration.ofMinutes(1), () -> "process exited"))
            .isInstanceOf(WaitTimeoutException.class)
            .hasMessageContaining("process exited");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void awaitClosedReturnsForAClosedPortAndTimesOutForAnOpenOne() throws Exception {
        TcpPort.awaitClosed(closedPort(), Duration.ofSeconds(1));
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress open = new InetSocketAddress("127.0.0.1", server.getLocalPort());
            assertThatThrownBy(() -> TcpPort.awaitClosed(open, Duration.ofMillis(200)))
                .isInstanceOf(WaitTimeoutException.class);
        }
    }

    private static InetSocketAddress closedPort() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            return new InetSocketAddress("127.0.0.1", server.getLocalPort());
        }
    }
}
