package io.zkoam.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkoam.runtime.ControllerOptions.LeaseTimings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControllerOptionsTest {

  @Test
  void leaseTimingsDefaultToJavaOperatorSdks() {
    ControllerOptions options = ControllerOptions.fromEnvironment("c", Map.of());
    assertThat(options.leaseTimings())
        .isEqualTo(new LeaseTimings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2)));
    assertThat(ControllerOptions.embedded("c").leaseTimings()).isEqualTo(LeaseTimings.DEFAULT);
    assertThat(options.leaseName()).isEqualTo("c-leader");
  }

  @Test
  void environmentOverridesLeaseTimingsInDecimalSeconds() {
    ControllerOptions options = ControllerOptions.fromEnvironment("c", Map.of(
        "ZKOAM_LEASE_DURATION_SECONDS", "30",
        "ZKOAM_LEASE_RENEW_DEADLINE_SECONDS", "20",
        "ZKOAM_LEASE_RETRY_PERIOD_SECONDS", "0.5"));
    assertThat(options.leaseTimings())
        .isEqualTo(new LeaseTimings(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofMillis(500)));
  }

  @Test
  void environmentReadsTheRest() {
    ControllerOptions options = ControllerOptions.fromEnvironment("c", Map.of(
        "ZKOAM_HEALTH_ADDRESS", "127.0.0.1:9090", "ZKOAM_LEADER_ELECTION", "false", "POD_NAMESPACE", "ops",
        "POD_NAME", "c-7d9f", "ZKOAM_WATCH_NAMESPACES", " a, b ,,"));
    assertThat(options.healthAddress().getPort()).isEqualTo(9090);
    assertThat(options.leaderElection()).isFalse();
    assertThat(options.leaseNamespace()).isEqualTo("ops");
    assertThat(options.identity()).isEqualTo("c-7d9f");
    assertThat(options.namespaces()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void leaseTimingsThatCannotWorkAreRefused() {
    assertThatThrownBy(() -> new LeaseTimings(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2)))
        .hasMessageContaining("renew deadline PT10S must be shorter than the lease duration PT10S");
    assertThatThrownBy(() -> new LeaseTimings(Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(2)))
        .hasMessageContaining("retry period PT2S must be shorter than the renew deadline PT2S");
    assertThatThrownBy(() -> new LeaseTimings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ZERO))
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> ControllerOptions.fromEnvironment("c", Map.of("ZKOAM_LEASE_DURATION_SECONDS", "15s")))
        .hasMessageContaining("ZKOAM_LEASE_DURATION_SECONDS must be a number of seconds");
    assertThatThrownBy(() -> ControllerOptions.fromEnvironment("c",
        Map.of("ZKOAM_LEASE_RETRY_PERIOD_SECONDS", "0.0005")))
        .hasMessageContaining("at most millisecond precision");
  }
}
