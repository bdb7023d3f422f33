package io.zkoam.workload.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.zkoam.api.naming.ClusterNames;
import io.zkoam.api.naming.PodLayout;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster Secret: the super-user password (reconfig is authenticated, never {@code skipACL}) and the agent's
 * bearer token. Generated once; the controller creates it only when absent and never rewrites it, so nothing rotates
 * by accident. Existing keys are kept and only missing ones are added.
 */
public final class AuthSecretModel {
  private static final int SECRET_BYTES = 32;

  private AuthSecretModel() {}

  /** The Secret to create, or the existing one completed with missing keys (null when nothing is missing). */
  public static Secret desired(ClusterInputs in, Secret live, SecureRandom random) {
    Map<String, String> data = new TreeMap<>();
    if (live != null && live.getData() != null) {
      data.putAll(live.getData());
    }
    boolean complete = data.containsKey(PodLayout.SUPER_PASSWORD_KEY) && data.containsKey(PodLayout.AGENT_TOKEN_KEY);
    if (live != null && complete) {
      return null;
    }
    data.computeIfAbsent(PodLayout.SUPER_PASSWORD_KEY, k -> randomValue(random));
    data.computeIfAbsent(PodLayout.AGENT_TOKEN_KEY, k -> randomValue(random));
    return new SecretBuilder()
        .withMetadata(in.metadata(ClusterNames.authSecret(in.name())))
        .withType("Opaque")
        .withData(data)
        .build();
  }

  /** A random URL-safe text, base64-encoded again as Secret data requires. */
  private static String randomValue(SecureRandom random) {
    byte[] bytes = new byte[SECRET_BYTES];
    random.nextBytes(bytes);
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
