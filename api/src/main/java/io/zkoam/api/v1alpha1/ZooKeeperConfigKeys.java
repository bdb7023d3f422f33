package io.zkoam.api.v1alpha1;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * zoo.cfg keys that zkoam renders itself. A user override of one of them would break membership, security or
 * the probes, so both the CRD (a CEL rule built from the same constants) and the workload controller refuse them.
 */
public final class ZooKeeperConfigKeys {
  /** Exact keys, quoted for CEL. Kept as one constant so the annotation and the Java check cannot drift. */
  static final String OWNED_KEYS_CEL =
      "'dataDir','dataLogDir','clientPort','clientPortAddress','secureClientPort','secureClientPortAddress',"
          + "'dynamicConfigFile','reconfigEnabled','standaloneEnabled','skipACL','4lw.commands.whitelist',"
          + "'admin.enableServer','admin.serverAddress','admin.serverPort','metricsProvider.className',"
          + "'metricsProvider.httpHost','metricsProvider.httpPort','quorumListenOnAllIPs',"
          + "'DigestAuthenticationProvider.superDigest','DigestAuthenticationProvider.digestAlg'";
  /** Prefixes of membership lines, which only reconfig may change. */
  static final String OWNED_PREFIXES_CEL = "'server.','group.','weight.','authProvider.'";

  static final String RULE = "!has(self.config) || self.config.all(k, !(k in [" + OWNED_KEYS_CEL + "]) && !["
      + OWNED_PREFIXES_CEL + "].exists(p, k.startsWith(p)))";
  static final String RULE_MESSAGE =
      "config may not set keys that zkoam owns (membership, ports, data dirs, reconfig and auth settings)";
  static final String KEY_RULE = "!has(self.config) || self.config.all(k, k.matches('^[A-Za-z0-9][A-Za-z0-9._-]*$'))";
  static final String KEY_RULE_MESSAGE = "config keys are letters, digits, '.', '_' and '-'";

  public static final List<String> OWNED_KEYS = unquote(OWNED_KEYS_CEL);
  public static final List<String> OWNED_PREFIXES = unquote(OWNED_PREFIXES_CEL);

  private ZooKeeperConfigKeys() {}

  /** The reason a key may not be overridden, or empty when it may. */
  public static Optional<String> refusal(String key) {
    if (OWNED_KEYS.contains(key)) {
      return Optional.of("config." + key + " is set by zkoam and cannot be overridden");
    }
    return OWNED_PREFIXES.stream()
        .filter(key::startsWith)
        .findFirst()
        .map(p -> "config." + key + ": keys starting with '" + p + "' are membership or auth settings owned by zkoam");
  }

  private static List<String> unquote(String celList) {
    return Arrays.stream(celList.split(",")).map(s -> s.strip().replace("'", "")).toList();
  }
}
