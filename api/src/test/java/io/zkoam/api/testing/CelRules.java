package io.zkoam.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles and evaluates the {@code x-kubernetes-validations} rules of a CRD schema with CEL-Java, with the piece of
 * Kubernetes' quantity library our rules use ({@code quantity(s).compareTo(q)}). Rules that mention
 * {@code oldSelf} are transition rules and run only on updates, where the old value exists, as on an API server.
 */
public final class CelRules {
  private static final Cel CEL = CelFactory.standardCelBuilder()
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addVar("self", SimpleType.DYN)
      .addVar("oldSelf", SimpleType.DYN)
      // Kubernetes' Quantity is opaque; a double keeps its ordering, which is all compareTo needs here.
      .addFunctionDeclarations(
          CelFunctionDecl.newFunctionDeclaration("quantity",
              CelOverloadDecl.newGlobalOverload("quantity_string", SimpleType.DOUBLE, SimpleType.STRING)),
          CelFunctionDecl.newFunctionDeclaration("compareTo",
              CelOverloadDecl.newMemberOverload("quantity_compareTo", SimpleType.INT, SimpleType.DOUBLE,
                  SimpleType.DOUBLE)))
      .addFunctionBindings(
          CelFunctionBinding.from("quantity_string", String.class, CelRules::quantityValue),
          CelFunctionBinding.from("quantity_compareTo", Double.class, Double.class,
              (a, b) -> (long) Double.compare(a, b)))
      .build();

  private static final Map<String, CelAbstractSyntaxTree> COMPILED = new HashMap<>();

  private CelRules() {}

  /** Compiles a rule, failing with CEL's own message when it does not type-check. */
  public static synchronized CelAbstractSyntaxTree compile(String rule) {
    CelAbstractSyntaxTree ast = COMPILED.get(rule);
    if (ast == null) {
      try {
        ast = CEL.compile(rule).getAst();
      } catch (CelValidationException e) {
        throw new IllegalArgumentException("CEL rule does not compile: " + rule + "\n" + e.getMessage(), e);
      }
      COMPILED.put(rule, ast);
    }
    return ast;
  }

  /** Evaluates one rule; {@code oldSelf} may be null for rules that do not use it. */
  public static boolean evaluate(String rule, Object self, Object oldSelf) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("self", self);
    if (oldSelf != null) {
      vars.put("oldSelf", oldSelf);
    }
    try {
      Object result = CEL.createProgram(compile(rule)).eval(vars);
      return Boolean.TRUE.equals(result);
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException("CEL rule failed to evaluate: " + rule + ": " + e.getMessage(), e);
    }
  }

  /** All rules found anywhere in a schema, with their JSON path, for compile checks. */
  public static List<String> allRules(JsonNode schema) {
    List<String> rules = new ArrayList<>();
    collect(schema, rules);
    return rules;
  }

  /** Violations of the schema's CEL rules by {@code value} (an update of {@code old} when old is not null). */
  public static List<String> violations(JsonNode schema, JsonNode value, JsonNode old) {
    List<String> problems = new ArrayList<>();
    walk(schema, value, old, "$", problems);
    return problems;
  }

  private static void collect(JsonNode schema, List<String> rules) {
    schema.path("x-kubernetes-validations").forEach(v -> rules.add(v.path("rule").asText()));
    schema.path("properties").forEach(p -> collect(p, rules));
    if (schema.has("items")) {
      collect(schema.get("items"), rules);
    }
    if (schema.path("additionalProperties").isObject()) {
      collect(schema.get("additionalProperties"), rules);
    }
  }

  private static void walk(JsonNode schema, JsonNode value, JsonNode old, String path, List<String> problems) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return;
    }
    for (JsonNode validation : schema.path("x-kubernetes-validations")) {
      String rule = validation.path("rule").asText();
      boolean transition = rule.contains("oldSelf");
      if (transition && (old == null || old.isMissingNode() || old.isNull())) {
        continue;
      }
      if (!evaluate(rule, toCel(value), transition ? toCel(old) : null)) {
        String message = validation.path("message").asText("failed rule: " + rule);
        problems.add(path + ": " + message);
      }
    }
    schema.path("properties").fields().forEachRemaining(e ->
        walk(e.getValue(), value.path(e.getKey()), old == null ? null : old.path(e.getKey()),
            path + "." + e.getKey(), problems));
    if (schema.has("items") && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        walk(schema.get("items"), value.get(i), null, path + "[" + i + "]", problems);
      }
    }
    if (schema.path("additionalProperties").isObject() && value.isObject()) {
      value.fields().forEachRemaining(e -> walk(schema.get("additionalProperties"), e.getValue(),
          old == null ? null : old.path(e.getKey()), path + "." + e.getKey(), problems));
    }
  }

  /** JSON as CEL sees it: maps, lists, int64, double, string, bool. */
  static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> {
        if (!e.getValue().isNull()) {
          map.put(e.getKey(), toCel(e.getValue()));
        }
      });
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(toCel(n)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }

  private static Double quantityValue(String text) {
    BigDecimal amount = Quantity.getAmountInBytes(new Quantity(text));
    return amount.doubleValue();
  }
}
