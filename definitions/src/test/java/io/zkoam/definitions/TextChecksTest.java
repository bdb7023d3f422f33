package io.zkoam.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text checks find what they look for (so an empty finding on a real definition means something). */
class TextChecksTest {
  private static final String TEMPLATE = """
      output: {
        spec: x: parameter.a
      }

      parameter: close({
        // +usage=Documented
        a: *1 | int
        b?: string
        // +usage=A nested struct
        nested: close({
          // +usage=Documented too
          inner: *"{x}" | =~"^[0-9]{4}$"
          undocumented: bool
        })
        // +usage=Requests and limits
        resources?: close({
          requests?: close({
            cpu?: string
          })
        })
        // +usage=A list of structs
        items?: [...close({
          name: string
        })]
      })

      other: {notAParameter: 1}
      """;

  @Test
  void parameterBlockFindsFieldsAtEveryDepthAndTheUndocumentedOnes() {
    assertThat(ParameterBlock.fields(TEMPLATE)).extracting(ParameterBlock.Field::path).containsExactly(
        "a", "b", "nested", "nested.inner", "nested.undocumented", "resources", "resources.requests",
        "resources.requests.cpu", "items", "items.name");
    assertThat(ParameterBlock.undocumented(TEMPLATE)).extracting(ParameterBlock.Field::path)
        .containsExactly("b", "nested.undocumented");
    assertThat(ParameterBlock.topLevelNames(TEMPLATE)).containsExactly("a", "b", "items", "nested", "resources");
  }

  @Test
  void portableSubsetFlagsEachUnportableConstruct() {
    assertThat(PortableSubset.violations("a!: int")).singleElement().asString().contains("field!:");
    assertThat(PortableSubset.violations("x: [1] + [2]")).singleElement().asString().contains("list arithmetic");
    assertThat(PortableSubset.violations("x: y + [2]")).singleElement().asString().contains("list arithmetic");
    assertThat(PortableSubset.violations("x: [0] * 3")).singleElement().asString().contains("list arithmetic");
    assertThat(PortableSubset.violations("x: [\n  1,\n] + y")).singleElement().asString()
        .startsWith("line 3:").contains("list arithmetic");
    assertThat(PortableSubset.violations("  error: string")).singleElement().asString().contains("'error'");
    assertThat(PortableSubset.violations("x: {\"error\": 1}")).singleElement().asString().contains("'error'");
    assertThat(PortableSubset.violations("x: matchN(1, [int])")).singleElement().asString().contains("matchN");
  }

  @Test
  void portableSubsetAcceptsDefaultsComparisonsStringsAndComments() {
    assertThat(PortableSubset.violations(String.join("\n",
        "_conditions: *[] | [...]",
        "severities: *[\"critical\"] | [...string]",
        "n: a * 2 + b",
        "r: \" (\" + _notReady[0] + \")\"",
        "i: xs[0] * ys[1] + m[\"k\"]",
        "t: [...string] | *[1] | [for c in xs {c}]",
        "ok: x != _|_ && y != \"error: [a]+[b]\"",
        "re: =~\"^([0-9]+(ms|s))+$\" // error: [x] + [y]",
        "message: \"\\(a)/\\(b) ready\"",
        "list.Concat([a, b])"))).isEmpty();
  }
}
