package io.zkoam.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs {@link AgentBenchmark} under failsafe in the {@code bench} profile only (the name matches no default include
 * pattern). It prints the figures; it fails only when the run itself is broken (failed requests), never on speed.
 */
class AgentBench {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void printAgentRssAndStatusLatency() throws Exception {
        AgentBenchmark.Result result = AgentBenchmark.run();
        System.out.print(result.report());
        assertThat(result.errors()).as("failed /status requests").isZero();
    }
}
