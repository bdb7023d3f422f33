package io.zkoam.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Inner(String name, Integer port) {
    }

    record Outer(int id, boolean ok, Double avg, String missing, List<Inner> items, Map<String, Object> extra) {
    }

    private static String write(Object value) {
        return new String(Json.write(value), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> read(String json) throws IOException {
        return Json.readFlatObject(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesRecordsInComponentOrderAndLeavesNullsOut() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("a", "x\"y\n");
        extra.put("b", null);
        Outer outer = new Outer(4, true, 0.5, null, List.of(new Inner("h", null), new Inner("k", 2181)), extra);

        assertThat(write(outer)).isEqualTo(
            "{\"id\":4,\"ok\":true,\"avg\":0.5,\"items\":[{\"name\":\"h\"},{\"name\":\"k\",\"port\":2181}],\"extra\":{\"a\":\"x\\\"y\\n\"}}");
    }

    @Test
    void nonFiniteNumbersBecomeNullBecauseJsonHasNoNaN() {
        assertThat(write(List.of(Double.NaN, 1.0))).isEqualTo("[null,1.0]");
    }

    @Test
    void readsScalarsAndMarksNestedValues() throws Exception {
        Map<String, Object> fields = read("{\"s\":\"v\",\"i\":4,\"big\":123456789012345678901234,\"f\":1.5,\"t\":true,\"n\":null,\"o\":{\"x\":[1]},\"a\":[]}");

        assertThat(fields).containsEntry("s", "v").containsEntry("i", 4).containsEntry("f", 1.5).containsEntry("t", true)
            .containsEntry("n", null).containsEntry("o", Json.NESTED).containsEntry("a", Json.NESTED);
        assertThat(fields.get("big")).isInstanceOf(BigInteger.class);
    }

    @Test
    void refusesWhatIsNotOneObject() {
        assertThatThrownBy(() -> read("")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> read("[1]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> read("{\"a\":1}{}")).hasMessageContaining("more after");
        assertThatThrownBy(() -> read("{\"a\":1,\"a\":2}")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> read("{a:1}")).hasMessageStartingWith("the body is not JSON");
    }
}
