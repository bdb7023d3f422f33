package io.zkoam.agent.init;

import io.zkoam.agent.zk.DynamicConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a pod's volume holds before init touches it: the marker, the dynamic config files ZooKeeper wrote
 * ({@code zoo.cfg.dynamic.<hex>}, one per committed config it saw) and whether there is ZooKeeper data.
 * Joiner seed files (version 0, written by init itself) are left out: they prove nothing about membership.
 */
public record VolumeState(Optional<VolumeMarker> marker, List<DynamicConfigFile> dynamicConfigs, boolean hasZooKeeperData) {

    /** ZooKeeper's data directory under dataDir: snapshots and transaction logs. */
    public static final String DATA_SUBDIR = "version-2";
    /** Prefix of the files ZooKeeper writes next to the static file, e.g. {@code zoo.cfg.dynamic.100000003}. */
    public static final String DYNAMIC_PREFIX = StaticConfigRenderer.STATIC_FILE + ".dynamic";

    /** A dynamic config file on the volume and its parsed content (version from the file name, as ZooKeeper reads it). */
    public record DynamicConfigFile(Path file, DynamicConfig config) {
    }

    public static VolumeState inspect(Path dataDir, Path confDir) throws InitException {
        List<DynamicConfigFile> configs = new ArrayList<>();
        for (Path file : list(confDir)) {
            Optional<Long> version = versionOf(file.getFileName().toString());
            if (version.isEmpty() || version.get() == MembershipPlanner.JOINER_VERSION) {
                continue;
            }
            try {
                DynamicConfig config = DynamicConfig.parse(Files.readString(file, StandardCharsets.UTF_8));
                configs.add(new DynamicConfigFile(file, config.withVersion(version.get())));
            } catch (IOException | IllegalArgumentException e) {
                // The newest file decides membership: reading past a damaged one could bring an old config back.
                throw new InitException("cannot read the dynamic config " + file + ": " + e.getMessage()
                    + "; move it away if it is garbage, init then uses the next newest");
            }
        }
        configs.sort(Comparator.comparingLong(f -> f.config().version()));
        boolean hasData = list(dataDir.resolve(DATA_SUBDIR)).stream()
            .map(p -> p.getFileName().toString())
            .anyMatch(name -> name.startsWith("snapshot.") || name.startsWith("log."));
        return new VolumeState(VolumeMarker.read(dataDir), List.copyOf(configs), hasData);
    }

    /**
     * The version encoded in a dynamic file name: {@code zoo.cfg.dynamic.<hex>}. Names without a hex suffix
     * ({@code .next}, temp files, backups) are not committed configs and give empty.
     */
    public static Optional<Long> versionOf(String fileName) {
        if (!fileName.startsWith(DYNAMIC_PREFIX + ".")) {
            return Optional.empty();
        }
        String suffix = fileName.substring(DYNAMIC_PREFIX.length() + 1);
        if (suffix.isEmpty() || suffix.length() > 16 || !suffix.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseUnsignedLong(suffix, 16));
    }

    public Optional<DynamicConfigFile> newest() {
        return dynamicConfigs.isEmpty() ? Optional.empty() : Optional.of(dynamicConfigs.get(dynamicConfigs.size() - 1));
    }

    /** True when some committed config on this volume lists the server: it was a member in an earlier life. */
    public boolean wasMember(int serverId) {
        return dynamicConfigs.stream().anyMatch(f -> f.config().contains(serverId));
    }

    private static List<Path> list(Path dir) throws InitException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new InitException("cannot list " + dir + ": " + e.getMessage());
        }
    }
}
