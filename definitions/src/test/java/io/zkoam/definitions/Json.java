package io.zkoam.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkoam.api.testing.Crds;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Test data written as YAML/JSON text. */
final class Json {
  private Json() {}

  static JsonNode yaml(String text) {
    try {
      return Crds.YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
