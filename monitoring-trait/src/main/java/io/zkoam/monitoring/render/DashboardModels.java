package io.zkoam.monitoring.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Grafana dashboard ConfigMap for Grafana's sidecar: zkoam's dashboard (a datasource variable, not a grafana.com
 * input, because file-provisioned dashboards do not resolve those) with the namespace and cluster variables preset to
 * this cluster and a uid of its own, so one Grafana holds a dashboard per cluster. {@link DashboardQueries#metricNames}
 * lists the metric names it queries.
 */
public final class DashboardModels {
  static final String RESOURCE = "/io/zkoam/monitoring/zookeeper-dashboard.json";
  /** Grafana rejects longer dashboard uids. */
  static final int MAX_UID = 40;
  private static final ObjectMapper JSON = new ObjectMapper();

  private DashboardModels() {}

  /**
   * The data key, which Grafana's sidecar uses as the file name; with the namespace in it, same-named clusters of two
   * namespaces do not overwrite each other's dashboard when the sidecar searches all namespaces into one folder.
   */
  public static String key(String namespace, String cluster) {
    return "zookeeper-" + namespace + "-" + cluster + ".json";
  }

  public static ConfigMap dashboard(ObjectMeta metadata, String namespace, String cluster) {
    return new ConfigMapBuilder().withMetadata(metadata)
        .addToData(key(namespace, cluster), json(namespace, cluster))
        .build();
  }

  /** The dashboard JSON for one cluster. */
  public static String json(String namespace, String cluster) {
    ObjectNode dashboard = (ObjectNode) template();
    dashboard.put("uid", uid(namespace, cluster));
    dashboard.put("title", "ZooKeeper " + namespace + "/" + cluster);
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      String name = variable.path("name").asText();
      if (name.equals("namespace")) {
        preset((ObjectNode) variable, namespace);
      } else if (name.equals("cluster")) {
        preset((ObjectNode) variable, cluster);
      }
    }
    return dashboard.toPrettyString();
  }

  /**
   * Grafana's uid: at most 40 characters of {@code [A-Za-z0-9_-]}, one per cluster. The readable part
   * ({@code zkoam-<namespace>-<cluster>}, shortened when long) is ambiguous on its own ("a-b"/"c" and "a"/"b-c"), and
   * cluster names may hold dots, so a hash of namespace and cluster is appended.
   */
  static String uid(String namespace, String cluster) {
    String hash = sha256Hex(namespace + "/" + cluster).substring(0, 8);
    String readable = ("zkoam-" + namespace + "-" + cluster).replaceAll("[^A-Za-z0-9_-]", "-");
    int room = MAX_UID - hash.length() - 1;
    return (readable.length() > room ? readable.substring(0, room) : readable) + "-" + hash;
  }

  private static String sha256Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void preset(ObjectNode variable, String value) {
    ObjectNode current = variable.putObject("current");
    current.put("selected", true);
    current.put("text", value);
    current.put("value", value);
  }

  static JsonNode template() {
    try (InputStream in = DashboardModels.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
