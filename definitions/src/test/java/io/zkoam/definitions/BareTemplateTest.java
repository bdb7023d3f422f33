package io.zkoam.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What KubeVela's admission webhook checks when a definition is applied: the template compiled alone (no parameter,
 * no context) may fail only with {@code reference "context" not found}, which the webhook ignores. Any other error
 * (syntax, an unknown reference, a conflict inside the template) would get the definition rejected.
 */
class BareTemplateTest {
  private static final Pattern ERROR_HEAD = Pattern.compile("(?m)^\\S.*$");
  private static final String CONTEXT_NOT_FOUND = "reference \"context\" not found";
  private static Map<String, CueResult> results;

  static List<Definition> all() {
    return Definitions.all();
  }

  @BeforeAll
  static void compileEachTemplateAlone() {
    KubeVelaRenderer renderer = new KubeVelaRenderer("bare-template");
    for (Definition def : all()) {
      renderer.bareTemplate(def.name(), def);
    }
    // A negative control in the same batch: a template with a real reference error.
    renderer.bareTemplate("control-broken", Definition.inline("control-broken", Definition.COMPONENT,
        "output: {name: context.name, n: parameter.n + undefinedThing}\nparameter: {n: int}\n"));
    results = renderer.run(CueEngine.require());
  }

  @ParameterizedTest
  @MethodSource("all")
  void templateAloneFailsOnlyOnTheMissingContext(Definition def) {
    CueResult result = results.get(def.name());
    assertThat(result.ok() || onlyContextErrors(result))
        .as("the webhook would reject %s: %s", def, result).isTrue();
  }

  @Test
  void aTemplateWithAnotherErrorIsCaught() {
    CueResult result = results.get("control-broken");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.stderr()).contains("reference \"undefinedThing\" not found");
    assertThat(onlyContextErrors(result)).isFalse();
  }

  /** Each error line (the unindented ones; positions follow indented) is a missing-context error. */
  private static boolean onlyContextErrors(CueResult result) {
    List<String> heads = ERROR_HEAD.matcher(result.stderr()).results().map(m -> m.group()).toList();
    return !heads.isEmpty() && heads.stream().allMatch(line -> line.contains(CONTEXT_NOT_FOUND));
  }
}
