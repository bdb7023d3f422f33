package io.zkoam.agent.init;

import io.zkoam.agent.SecretFile;
import io.zkoam.agent.init.MembershipPlanner.MembershipPlan;
import io.zkoam.agent.init.StaleVolumeGuard.Verdict;
import io.zkoam.agent.init.StaticConfigRenderer.Rendered;
import io.zkoam.agent.zk.SuperDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code init} mode: reads the ConfigMap and Secret, inspects the volume, applies the stale-volume guard and the
 * membership rule, and writes {@code myid}, the dynamic config, {@code zoo.cfg}, {@code logback.xml} and the marker.
 * Runs before ZooKeeper on every pod start, so everything it writes is idempotent.
 */
public final class InitCommand {

    public static final String SUPER_PASSWORD_FILE = "super-password";
    public static final String MYID_FILE = "myid";

    private static final Logger LOG = LoggerFactory.getLogger(InitCommand.class);

    private InitCommand() {
    }

    /**
     * @param newestVersion the config version that decided membership
     * @param dynamicFile   the file zoo.cfg points to
     */
    public record InitResult(int serverId, boolean joiner, boolean wiped, long newestVersion, Path staticFile, Path dynamicFile) {
    }

    public static InitResult run(InitOptions options) throws InitException {
        ConfigMapInput input = ConfigMapInput.read(options.configIn());
        String superDigest = SuperDigest.of(readSecret(options.secretDir().resolve(SUPER_PASSWORD_FILE)));
        int serverId = options.serverId();

        VolumeState volume = VolumeState.inspect(options.dataDir(), options.confDir());
        MembershipPlan plan = MembershipPlanner.plan(
            volume.newest().map(VolumeState.DynamicConfigFile::config), input.members(), serverId, options.ownHost());
        Verdict verdict = StaleVolumeGuard.check(volume, input.clusterUid(), serverId, plan.joiner(), options);
        try {
            if (verdict == Verdict.WIPE) {
                LOG.warn("wiping stale ZooKeeper data of server {} in {}: it is not in the newest config {} but the volume "
                        + "holds data from when it was a member; it rejoins as a non-voting joiner and syncs from the ensemble",
                    serverId, options.dataDir(), plan.newest().versionHex());
                wipe(options);
            }
            if (volume.marker().isEmpty()) {
                new VolumeMarker(input.clusterUid(), serverId).write(options.dataDir());
            }
            Path dynamicFile = writeDynamicConfig(options, plan);
            Path staticFile = options.confDir().resolve(StaticConfigRenderer.STATIC_FILE);
            Rendered rendered = StaticConfigRenderer.render(input.staticPart(), options.dataDir(), dynamicFile, superDigest,
                options.podIp(), options.metricsPort());
            if (!rendered.droppedKeys().isEmpty()) {
                LOG.warn("ignored keys of the ConfigMap's zoo.cfg that zkoam owns: {}", rendered.droppedKeys());
            }
            AtomicFiles.write(options.dataDir().resolve(MYID_FILE), serverId + "\n");
            AtomicFiles.write(staticFile, rendered.text());
            if (input.logback().isPresent()) {
                AtomicFiles.write(options.confDir().resolve(ConfigMapInput.LOGBACK_FILE), input.logback().get());
            }
            LOG.info("init {} (server {}): {} of config {} from the {} ({} voters), zoo.cfg points to {}",
                options.podName(), serverId, plan.joiner() ? "joiner (non-voting until added)" : "member",
                plan.newest().versionHex(), plan.newestFromVolume() ? "volume" : "ConfigMap",
                plan.newest().voters().size(), dynamicFile.getFileName());
            return new InitResult(serverId, plan.joiner(), verdict == Verdict.WIPE, plan.newest().version(), staticFile, dynamicFile);
        } catch (IOException e) {
            throw new InitException("cannot write to the volume: " + e);
        }
    }

    /**
     * Writes the file zoo.cfg will point to. A member keeps a volume file as it is (ZooKeeper wrote it); a
     * joiner also drops a leftover {@code .next} (an uncommitted proposal from an earlier life, which ZooKeeper
     * would read back at boot and gossip).
     */
    private static Path writeDynamicConfig(InitOptions options, MembershipPlan plan) throws IOException {
        long version = plan.toWrite().version();
        Path file = options.confDir().resolve(VolumeState.DYNAMIC_PREFIX + "." + Long.toHexString(version));
        if (plan.joiner()) {
            Files.deleteIfExists(options.confDir().resolve(VolumeState.DYNAMIC_PREFIX + ".next"));
        }
        if (!plan.newestFromVolume() || plan.joiner()) {
            AtomicFiles.write(file, plan.toWrite().toFileText());
        }
        return file;
    }

    /** Removes ZooKeeper's data and every dynamic config file; the marker and the conf directory itself stay. */
    private static void wipe(InitOptions options) throws IOException {
        deleteTree(options.dataDir().resolve(VolumeState.DATA_SUBDIR));
        if (Files.isDirectory(options.confDir())) {
            try (Stream<Path> files = Files.list(options.confDir())) {
                for (Path file : files.toList()) {
                    if (file.getFileName().toString().startsWith(VolumeState.DYNAMIC_PREFIX)
                        || file.getFileName().toString().equals(StaticConfigRenderer.STATIC_FILE + ".bak")) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String readSecret(Path file) throws InitException {
        try {
            return SecretFile.read(file);
        } catch (IOException e) {
            throw new InitException("cannot read the super-user password: " + e.getMessage());
        }
    }
}
