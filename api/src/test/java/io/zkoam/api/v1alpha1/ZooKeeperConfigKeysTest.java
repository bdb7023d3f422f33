package io.zkoam.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZooKeeperConfigKeysTest {
  @Test
  void ownedKeysAndPrefixesAreRefusedWithTheFieldNamed() {
    assertThat(ZooKeeperConfigKeys.refusal("skipACL")).hasValueSatisfying(m -> assertThat(m).contains("config.skipACL"));
    assertThat(ZooKeeperConfigKeys.refusal("server.3")).hasValueSatisfying(m -> assertThat(m).contains("server."));
    assertThat(ZooKeeperConfigKeys.refusal("tickTime")).isEmpty();
    assertThat(ZooKeeperConfigKeys.OWNED_KEYS).contains("dataDir", "DigestAuthenticationProvider.superDigest")
        .allSatisfy(k -> assertThat(k).doesNotContain("'", " "));
  }

  @Test
  void effectiveImageFollowsVersionUnlessOverridden() {
    ZooKeeperClusterSpec plain = new ZooKeeperClusterSpec(null, "3.8.4", null, null, null, null, null, null, null,
        null, null, null, null);
    assertThat(plain.effectiveImage()).isEqualTo("zookeeper:3.8.4");
    ZooKeeperClusterSpec mirrored = new ZooKeeperClusterSpec(null, "3.8.4", "registry.local/zk:3.8.4", null, null,
        null, null, null, null, null, null, null, null);
    assertThat(mirrored.effectiveImage()).isEqualTo("registry.local/zk:3.8.4");
  }
}
