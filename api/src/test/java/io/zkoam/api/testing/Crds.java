package io.zkoam.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The CRDs as the build generates them (on the classpath under META-INF/fabric8). */
public final class Crds {
  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  public static final List<String> NAMES = List.of(
      "zookeeperclusters.zkoam.io", "scalertraits.zkoam.io", "rollouttraits.zkoam.io", "monitoringtraits.zkoam.io");

  private Crds() {}

  /** File name the generator gives a CRD. */
  public static String fileName(String crdName) {
    return crdName + "-v1.yml";
  }

  /** The generated text of one CRD. */
  public static String generatedText(String crdName) {
    String resource = "META-INF/fabric8/" + fileName(crdName);
    try (InputStream in = Crds.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath: build the api module first");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode generated(String crdName) {
    try {
      return YAML.readTree(generatedText(crdName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CRD whose spec.names.kind is {@code kind}. */
  public static JsonNode forKind(String kind) {
    return NAMES.stream()
        .map(Crds::generated)
        .filter(crd -> kind.equals(crd.at("/spec/names/kind").asText()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no zkoam CRD for kind " + kind));
  }

  /** The openAPIV3Schema of the CRD's only version. */
  public static JsonNode schema(JsonNode crd) {
    return crd.at("/spec/versions/0/schema/openAPIV3Schema");
  }
}
