package io.zkoam.sandbox.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The revision name of a StatefulSet's pod template, as the {@code controller-revision-hash} label carries it. */
public final class Revisions {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Revisions() {}

  public static String of(StatefulSet set) {
    try {
      byte[] template = JSON.writeValueAsBytes(JSON.valueToTree(set.getSpec().getTemplate()));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(template);
      return set.getMetadata().getName() + "-" + HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
