package io.zkoam.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlagsTest {

    @Test
    void bothFlagFormsAndEnvironmentFallback() {
        Flags flags = Flags.parse(new String[] {"--a=1", "--b", "2"}, Map.of("C", "3", "A", "env"));

        assertThat(flags.require("a", "A")).isEqualTo("1");
        assertThat(flags.require("b", null)).isEqualTo("2");
        assertThat(flags.require("c", "C")).isEqualTo("3");
        assertThat(flags.getOr("d", "D", "x")).isEqualTo("x");
    }

    @Test
    void blankValuesCountAsMissing() {
        Flags flags = Flags.parse(new String[] {"--a="}, Map.of("B", "  "));

        assertThat(flags.get("a", null)).isEmpty();
        assertThatThrownBy(() -> flags.require("b", "B")).isInstanceOf(UsageException.class)
            .hasMessage("missing --b (or environment variable B)");
    }

    @Test
    void typosAreErrorsNotDefaults() {
        Flags flags = Flags.parse(new String[] {"--data-dri=/x"}, Map.of());

        assertThatThrownBy(() -> flags.rejectUnknown(Set.of("data-dir"))).isInstanceOf(UsageException.class)
            .hasMessageContaining("--data-dri").hasMessageContaining("--data-dir");
    }

    @Test
    void malformedArguments() {
        assertThatThrownBy(() -> Flags.parse(new String[] {"x"}, Map.of())).hasMessageContaining("unexpected argument 'x'");
        assertThatThrownBy(() -> Flags.parse(new String[] {"--a"}, Map.of())).hasMessageContaining("--a needs a value");
        assertThatThrownBy(() -> Flags.parse(new String[] {"--a=1", "--a=2"}, Map.of())).hasMessageContaining("twice");
        Flags flags = Flags.parse(new String[] {"--n=x", "--t=0"}, Map.of());
        assertThatThrownBy(() -> flags.intValue("n", null, 1)).hasMessageContaining("--n must be an integer");
        assertThatThrownBy(() -> flags.millis("t", null, Duration.ofSeconds(1))).hasMessageContaining("positive");
    }
}
