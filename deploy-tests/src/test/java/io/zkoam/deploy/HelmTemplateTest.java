package io.zkoam.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test renderer behaves as Helm does on the supported subset and refuses everything else. */
class HelmTemplateTest {
  private static final Map<String, Object> CONTEXT = Map.of("Release", Map.of("Namespace", "ns"), "Values", Map.of(
      "on", true, "off", false, "empty", "", "n", 2, "big", 1_000_000, "s", "a \"b\"",
      "list", List.of(), "res", Map.of("requests", Map.of("memory", "256Mi", "cpu", "1"),
          "secrets", List.of(Map.of("name", "x", "b", "y")))));

  private static String render(String template) {
    return HelmTemplate.parse("t.yaml", template).render(CONTEXT);
  }

  @Test
  void trimsWhiteSpaceAsGoDoes() {
    assertThat(render("a:\n{{- if .Values.on }}\n  b: 1\n{{- end }}\nc: 2")).isEqualTo("a:\n  b: 1\nc: 2");
    assertThat(render("a: {{ .Values.n -}}  \n  b")).isEqualTo("a: 2b");
  }

  @Test
  void ifElseUsesGoTruthiness() {
    assertThat(render("{{ if .Values.off }}x{{ else }}y{{ end }}")).isEqualTo("y");
    assertThat(render("{{ if .Values.empty }}x{{ else }}y{{ end }}")).isEqualTo("y");
    assertThat(render("{{ if .Values.list }}x{{ else }}y{{ end }}")).isEqualTo("y");
    assertThat(render("{{ if .Values.n }}{{ if .Values.on }}x{{ end }}{{ end }}")).isEqualTo("x");
  }

  @Test
  void quoteToYamlAndNindent() {
    assertThat(render("ns: {{ .Release.Namespace | quote }}, s: {{ .Values.s | quote }}"))
        .isEqualTo("ns: \"ns\", s: \"a \\\"b\\\"\"");
    assertThat(render("r:\n  {{- .Values.res | toYaml | nindent 2 }}")).isEqualTo(
        "r:\n  requests:\n    cpu: \"1\"\n    memory: \"256Mi\"\n  secrets:\n  - b: \"y\"\n    name: x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{{ range .Values.list }}{{ end }}", "{{ include \"x\" . }}", "{{ .Values.n | default 3 }}",
      "{{ $x := 1 }}", "{{/* comment */}}", "{{ \"literal\" }}", "{{ .Values.missing }}", "{{ .Values.res }}",
      "{{ .Values.big }}", "{{ if .Values.on }}x{{ else if .Values.off }}y{{ end }}", "{{ if .Values.on }}x",
      "{{ end }}", "{{ .Chart.Name }}", "{{ with .Values.res }}{{ end }}", "{{ .Values.n | nindent }}", "{{ .Values"})
  void refusesWhatItDoesNotKnow(String template) {
    assertThatThrownBy(() -> render(template)).isInstanceOf(IllegalArgumentException.class);
  }
}
