package io.zkoam.agent.init;

import io.zkoam.agent.zk.ConfigVersion;
import io.zkoam.agent.zk.DynamicConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ConfigMap the workload controller renders, as mounted files:
 * <ul>
 *   <li>{@code zoo.cfg}: the static part (tickTime, limits, autopurge, user overrides); keys zkoam owns are dropped;</li>
 *   <li>{@code zoo.cfg.dynamic}: bootstrap or last-known {@code server.N=} lines;</li>
 *   <li>{@code config-version} (optional): hex version of those lines. Without it a {@code version=} line in
 *       {@code zoo.cfg.dynamic} counts, and without that the lines are the bootstrap set, version {@link #BOOTSTRAP_VERSION};</li>
 *   <li>{@code cluster-uid}: the ZooKeeperCluster's metadata.uid, recorded on the volume;</li>
 *   <li>{@code logback.xml} (optional): copied next to zoo.cfg.</li>
 * </ul>
 */
public record ConfigMapInput(String staticPart, DynamicConfig members, String clusterUid, Optional<String> logback) {

    public static final String STATIC_FILE = "zoo.cfg";
    public static final String DYNAMIC_FILE = "zoo.cfg.dynamic";
    public static final String VERSION_FILE = "config-version";
    public static final String CLUSTER_UID_FILE = "cluster-uid";
    public static final String LOGBACK_FILE = "logback.xml";

    /**
     * Version of a member list that never went through a reconfig. It is 1, not ZooKeeper's default 0, because joiners
     * boot from version 0 ({@link MembershipPlanner#JOINER_VERSION}) and a server adopts only a <em>strictly newer</em>
     * config: every real config must be above the joiners'. Reconfig versions are zxids, far above 1.
     */
    public static final long BOOTSTRAP_VERSION = 1;

    public static ConfigMapInput read(Path dir) throws InitException {
        String staticPart = optional(dir, STATIC_FILE).orElse("");
        String dynamicText = optional(dir, DYNAMIC_FILE)
            .orElseThrow(() -> new InitException("the ConfigMap has no " + DYNAMIC_FILE + " (expected at " + dir.resolve(DYNAMIC_FILE) + ")"));
        String uid = optional(dir, CLUSTER_UID_FILE).map(String::trim).filter(s -> !s.isEmpty())
            .orElseThrow(() -> new InitException("the ConfigMap has no " + CLUSTER_UID_FILE + " (expected at " + dir.resolve(CLUSTER_UID_FILE) + ")"));
        DynamicConfig members;
        try {
            members = DynamicConfig.parse(dynamicText);
        } catch (IllegalArgumentException e) {
            throw new InitException("the ConfigMap's " + DYNAMIC_FILE + " is invalid: " + e.getMessage());
        }
        if (members.members().isEmpty()) {
            throw new InitException("the ConfigMap's " + DYNAMIC_FILE + " lists no server");
        }
        Optional<String> versionText = optional(dir, VERSION_FILE).map(String::trim).filter(s -> !s.isEmpty());
        long version;
        try {
            version = versionText.map(ConfigVersion::parseHex)
                .orElse(members.version() != 0 ? members.version() : BOOTSTRAP_VERSION);
        } catch (IllegalArgumentException e) {
            throw new InitException("the ConfigMap's " + VERSION_FILE + " is invalid: " + e.getMessage());
        }
        if (version == 0) {
            throw new InitException("the ConfigMap's config version must not be 0: version 0 is reserved for joiners (docs/agent.md)");
        }
        return new ConfigMapInput(staticPart, members.withVersion(version), uid, optional(dir, LOGBACK_FILE));
    }

    private static Optional<String> optional(Path dir, String name) throws InitException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InitException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
