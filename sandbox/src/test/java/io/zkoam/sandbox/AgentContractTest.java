package io.zkoam.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.agent.AgentJvmFlags;
import io.zkoam.agent.zk.Ports;
import io.zkoam.api.naming.PodLayout;
import io.zkoam.workload.model.AgentContainers;
import org.junit.jupiter.api.Test;

/**
 * The workload controller renders the agent's containers without depending on the agent module; this checks that
 * what it renders is what the agent ships and listens on.
 */
class AgentContractTest {
  @Test
  void renderedJvmFlagsAreTheAgentsOwn() {
    assertThat(AgentContainers.JVM_FLAGS).isEqualTo(AgentJvmFlags.RECOMMENDED);
    assertThat(AgentContainers.ENVIRONMENT).isEqualTo(AgentJvmFlags.ENVIRONMENT);
  }

  @Test
  void portsAgree() {
    assertThat(PodLayout.AGENT_PORT).isEqualTo(Ports.AGENT);
    assertThat(PodLayout.CLIENT_PORT).isEqualTo(Ports.CLIENT);
    assertThat(PodLayout.METRICS_PORT).isEqualTo(Ports.METRICS);
    assertThat(PodLayout.QUORUM_PORT).isEqualTo(Ports.QUORUM);
    assertThat(PodLayout.ELECTION_PORT).isEqualTo(Ports.ELECTION);
  }
}
