package io.zkoam.monitoring.render;

import static io.zkoam.monitoring.render.PromtoolEnsemble.CLUSTER;
import static io.zkoam.monitoring.render.PromtoolEnsemble.NS;
import static io.zkoam.monitoring.render.PromtoolRulesTest.SEVERITY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.RuleGroup;
import io.zkoam.api.v1alpha1.AlertRulesSpec;
import io.zkoam.monitoring.render.PromtoolEnsemble.Ensemble;
import io.zkoam.monitoring.render.PromtoolEnsemble.Target;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files promtool reads: the PrometheusRule that {@link RuleModels} renders for a profile ({@code rules.yaml}), and
 * a unit-test file ({@code test rules}) with one test group per scenario. Each group evaluates every alert of the
 * rendered file at {@link #EVAL}: the scenario's expected alerts with exact labels and expanded annotations, every
 * other alert with none, so an alert that fires unexpectedly fails the test too.
 *
 * <p>{@code ZKOAM_PROMTOOL_KEEP_DIR} keeps the generated files for a look with promtool by hand.
 */
final class PromtoolTestFile {
  /** Off the scrape grid on purpose, like real rule evaluations: range functions extrapolate. */
  static final String EVAL = "90m30s";

  private PromtoolTestFile() {}

  // ---------------------------------------------------------------------------------------------------------------
  // The rules file

  /** A spec rendered, and the labels every alert of it carries. */
  record Profile(String name, AlertRulesSpec spec, boolean quorum, Map<String, String> commonLabels) {}

  record Rendered(Profile profile, Path dir, Path rulesFile, Map<String, Rule> rules) {}

  static Rendered render(Profile profile, Path base) throws IOException {
    PrometheusRule rule = RuleModels.rules(new ObjectMetaBuilder().withName(MonitoringNames.rules(CLUSTER))
        .withNamespace(NS).build(), NS, CLUSTER, profile.spec(), profile.quorum() ? 3 : 1);
    // The extra rules live in an object of their own; one rule file with both objects' groups tests them together.
    PrometheusRule extra = RuleModels.extraRules(new ObjectMetaBuilder().withName(MonitoringNames.extraRules(CLUSTER))
        .withNamespace(NS).build(), NS, CLUSTER, profile.spec());
    if (extra != null) {
      rule.getSpec().getGroups().addAll(extra.getSpec().getGroups());
    }
    Path dir = Files.createDirectories(base.resolve(profile.name()));
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, new KubernetesSerialization().asYaml(rule.getSpec()));
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (RuleGroup group : rule.getSpec().getGroups()) {
      for (Rule r : group.getRules()) {
        assertThat(rules.put(r.getAlert(), r)).as("alert %s rendered twice", r.getAlert()).isNull();
      }
    }
    return new Rendered(profile, dir, file, rules);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Expectations

  record Scenario(String name, Ensemble input, List<Alert> expected) {}

  /**
   * An alert expected to fire. {@code sample} are the labels of the expression's result (what {@code $labels} sees),
   * {@code rule} the rule's own labels beyond severity and the profile's; {@code values} what the annotation
   * templates print for {@code $value} expressions.
   */
  record Alert(String name, Map<String, String> sample, Map<String, String> rule, Map<String, String> values) {
    static Alert cluster(String name) {
      return new Alert(name, new TreeMap<>(Map.of("namespace", NS, MonitoringNames.CLUSTER_LABEL, CLUSTER)),
          new TreeMap<>(), new TreeMap<>());
    }

    static Alert pod(String name, Target t) {
      return new Alert(name, new TreeMap<>(t.labels()), new TreeMap<>(), new TreeMap<>());
    }

    Alert sample(String key, String value) {
      sample.put(key, value);
      return this;
    }

    Alert rule(String key, String value) {
      rule.put(key, value);
      return this;
    }

    Alert value(String text) {
      values.put("$value", text);
      return this;
    }

    Alert percent(String text) {
      values.put("$value | humanizePercentage", text);
      return this;
    }

    Alert bytes(String text) {
      values.put("$value | humanize1024", text);
      return this;
    }

    Map<String, String> labels(Profile profile) {
      Map<String, String> labels = new TreeMap<>(sample);
      labels.putAll(profile.commonLabels());
      labels.putAll(rule);
      labels.put("severity", SEVERITY.get(name));
      labels.put("namespace", NS);
      labels.put(MonitoringNames.CLUSTER_LABEL, CLUSTER);
      return labels;
    }
  }

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(.+?)\\s*}}");

  /** The rendered annotation templates with the expected labels and values put in. */
  static Map<String, String> annotations(Rule rule, Alert alert) {
    Map<String, String> out = new TreeMap<>();
    if (rule.getAnnotations() == null) {
      return out;
    }
    rule.getAnnotations().forEach((key, template) -> {
      Matcher m = TEMPLATE.matcher(template);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        String expr = m.group(1);
        String text;
        if (expr.startsWith("$labels.")) {
          text = alert.sample().get(expr.substring("$labels.".length()));
        } else {
          text = alert.values().get(expr);
        }
        if (text == null) {
          throw new IllegalStateException("expected alert " + alert.name() + " " + alert.sample()
              + " does not say what {{ " + expr + " }} prints in annotation " + key);
        }
        m.appendReplacement(b, Matcher.quoteReplacement(text));
      }
      m.appendTail(b);
      out.put(key, b.toString());
    });
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The test file

  /** Writes the unit tests of {@code scenarios} next to the rules file, as {@code name.test.yaml}. */
  static Path write(Rendered rendered, String name, List<Scenario> scenarios) throws IOException {
    Path testFile = rendered.dir().resolve(name + ".test.yaml");
    Files.writeString(testFile, yaml().writeValueAsString(testDocument(rendered, scenarios)));
    keep(rendered, testFile);
    return testFile;
  }

  static Map<String, Object> testDocument(Rendered rendered, List<Scenario> scenarios) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("rule_files", List.of(rendered.rulesFile().getFileName().toString()));
    doc.put("evaluation_interval", "30s");
    List<Object> tests = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      for (Alert a : scenario.expected()) {
        if (!rendered.rules().containsKey(a.name())) {
          throw new IllegalStateException("scenario '" + scenario.name() + "' expects " + a.name()
              + ", which the " + rendered.profile().name() + " rules do not have");
        }
      }
      List<Object> alertTests = new ArrayList<>();
      rendered.rules().forEach((alertName, rule) -> {
        List<Object> expAlerts = new ArrayList<>();
        for (Alert a : scenario.expected()) {
          if (a.name().equals(alertName)) {
            Map<String, Object> exp = new LinkedHashMap<>();
            exp.put("exp_labels", a.labels(rendered.profile()));
            exp.put("exp_annotations", annotations(rule, a));
            expAlerts.add(exp);
          }
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("eval_time", EVAL);
        t.put("alertname", alertName);
        t.put("exp_alerts", expAlerts);
        alertTests.add(t);
      });
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("name", scenario.name());
      group.put("interval", "1m");
      group.put("input_series", inputSeries(scenario.input()));
      group.put("alert_rule_test", alertTests);
      tests.add(group);
    }
    doc.put("tests", tests);
    return doc;
  }

  static List<Map<String, Object>> inputSeries(Ensemble ensemble) {
    List<Map<String, Object>> out = new ArrayList<>();
    ensemble.series().forEach((k, v) -> {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("series", selector(k.metric(), k.labels()));
      s.put("values", encode(v));
      out.add(s);
    });
    return out;
  }

  static String selector(String metric, Map<String, String> labels) {
    StringBuilder b = new StringBuilder(metric).append('{');
    labels.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ",").append(k).append("=\"")
        .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
    return b.append('}').toString();
  }

  /**
   * promtool's expanding notation: {@code a+bxn} is n+1 samples, {@code _xn} n missing ones, {@code stale} a staleness
   * marker, which Prometheus writes at the first scrape that no longer has the series.
   */
  static String encode(double[] v) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    while (i < v.length) {
      if (Double.isNaN(v[i])) {
        if (i > 0 && !Double.isNaN(v[i - 1])) {
          tokens.add("stale");
          i++;
          continue;
        }
        int j = i;
        while (j < v.length && Double.isNaN(v[j])) {
          j++;
        }
        tokens.add(j - i == 1 ? "_" : "_x" + (j - i));
        i = j;
        continue;
      }
      int j = i;
      double step = i + 1 < v.length && !Double.isNaN(v[i + 1]) ? v[i + 1] - v[i] : 0;
      while (j + 1 < v.length && !Double.isNaN(v[j + 1]) && close(v[j + 1] - v[j], step)) {
        j++;
      }
      if (j == i) {
        tokens.add(number(v[i]));
      } else if (step == 0) {
        tokens.add(number(v[i]) + "x" + (j - i));
      } else {
        tokens.add(number(v[i]) + (step > 0 ? "+" : "-") + number(Math.abs(step)) + "x" + (j - i));
      }
      i = j + 1;
    }
    return String.join(" ", tokens);
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  }

  private static String number(double d) {
    return BigDecimal.valueOf(Math.round(d * 1e6) / 1e6).stripTrailingZeros().toPlainString();
  }

  static YAMLMapper yaml() {
    return YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
  }

  private static void keep(Rendered rendered, Path testFile) throws IOException {
    String keepDir = System.getenv("ZKOAM_PROMTOOL_KEEP_DIR");
    if (keepDir != null && !keepDir.isBlank()) {
      Path target = Files.createDirectories(Path.of(keepDir, rendered.profile().name()));
      Files.copy(rendered.rulesFile(), target.resolve(rendered.rulesFile().getFileName()),
          StandardCopyOption.REPLACE_EXISTING);
      Files.copy(testFile, target.resolve(testFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
