package io.zkoam.agent.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zkoam.agent.cli.Flags;
import io.zkoam.agent.init.InitCommand.InitResult;
import io.zkoam.agent.zk.DynamicConfig;
import io.zkoam.agent.zk.Role;
import io.zkoam.agent.zk.ServerLine;
import io.zkoam.agent.zk.SuperDigest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The init mode on a directory standing in for the volume, ConfigMap and Secret (no ZooKeeper needed). */
class InitCommandTest {

    private static final String UID = "4b1f6a0e-uid-of-this-cluster";
    private static final String PASSWORD = "pw-123";

    @TempDir
    Path root;
    Path configIn;
    Path secrets;

    @BeforeEach
    void configMapAndSecret() throws IOException {
        configIn = Files.createDirectories(root.resolve("config-in"));
        secrets = Files.createDirectories(root.resolve("secrets"));
        Files.writeString(configIn.resolve("zoo.cfg"), "tickTime=2000\ninitLimit=10\nsyncLimit=5\nskipACL=yes\n");
        Files.writeString(configIn.resolve("zoo.cfg.dynamic"), members(1, 2, 3));
        Files.writeString(configIn.resolve("cluster-uid"), UID + "\n");
        Files.writeString(configIn.resolve("logback.xml"), "<configuration/>\n");
        Files.writeString(secrets.resolve("super-password"), PASSWORD + "\n");
    }

    private static String host(int id) {
        return "zk-" + (id - 1) + ".zk-hs.ns.svc.cluster.local";
    }

    private static String members(int... ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            text.append(ServerLine.standard(id, host(id), Role.PARTICIPANT).line()).append('\n');
        }
        return text.toString();
    }

    private Path data(int ordinal) {
        return root.resolve("volumes").resolve("zk-" + ordinal);
    }

    private InitOptions options(int ordinal) {
        return InitOptions.from(Flags.parse(new String[] {
            "--data-dir=" + data(ordinal), "--config-in=" + configIn, "--secret-dir=" + secrets, "--volume-claim=data-zk-" + ordinal,
        }, Map.of("POD_NAME", "zk-" + ordinal, "POD_NAMESPACE", "ns", "POD_IP", "10.0.0." + (ordinal + 1))));
    }

    private static Properties zooCfg(Path data) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(data.resolve("conf/zoo.cfg"))));
        return properties;
    }

    /** Every file under the volume with its content, to prove a refusal changed nothing. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(path).toString(), Files.readString(path));
            }
        }
        return files;
    }

    /** Pretends ZooKeeper ran: transaction log and snapshot under version-2. */
    private static void zooKeeperData(Path data) throws IOException {
        Files.createDirectories(data.resolve("version-2"));
        Files.writeString(data.resolve("version-2/log.100000001"), "txn");
        Files.writeString(data.resolve("version-2/snapshot.100000000"), "snap");
        Files.writeString(data.resolve("version-2/acceptedEpoch"), "1");
    }

    /** Pretends ZooKeeper committed a reconfig: a new dynamic file and the static file pointing to it. */
    private static void zooKeeperCommitted(Path data, long version, String members) throws IOException {
        Path file = data.resolve("conf/zoo.cfg.dynamic." + Long.toHexString(version));
        Files.writeString(file, members);
        Path cfg = data.resolve("conf/zoo.cfg");
        Files.writeString(cfg, Files.readString(cfg).replaceAll("dynamicConfigFile=.*", "dynamicConfigFile=" + file));
    }

    @Test
    void aBootstrapMemberGetsMyidMarkerStaticAndDynamicConfig() throws Exception {
        InitResult result = InitCommand.run(options(1));

        Path data = data(1);
        assertThat(result.joiner()).isFalse();
        assertThat(result.serverId()).isEqualTo(2);
        assertThat(Files.readString(data.resolve("myid"))).isEqualTo("2\n");
        assertThat(VolumeMarker.read(data)).contains(new VolumeMarker(UID, 2));
        Path dynamic = data.resolve("conf/zoo.cfg.dynamic.1");
        assertThat(result.dynamicFile()).isEqualTo(dynamic);
        assertThat(Files.readString(dynamic)).isEqualTo(members(1, 2, 3)).doesNotContain("version");
        Properties cfg = zooCfg(data);
        assertThat(cfg).containsEntry("dynamicConfigFile", dynamic.toString())
            .containsEntry("dataDir", data.toString())
            .containsEntry("tickTime", "2000")
            .containsEntry("DigestAuthenticationProvider.superDigest", SuperDigest.of(PASSWORD))
            .containsEntry("metricsProvider.httpHost", "10.0.0.2")
            .doesNotContainKey("skipACL");
        assertThat(Files.readString(data.resolve("conf/logback.xml"))).isEqualTo("<configuration/>\n");
    }

    @Test
    void aPodOutsideTheConfigBootsAsAnObserverSeedAtVersionZero() throws Exception {
        InitResult result = InitCommand.run(options(3));

        assertThat(result.joiner()).isTrue();
        Path seed = data(3).resolve("conf/zoo.cfg.dynamic.0");
        assertThat(result.dynamicFile()).isEqualTo(seed);
        assertThat(zooCfg(data(3))).containsEntry("dynamicConfigFile", seed.toString());
        DynamicConfig written = DynamicConfig.parse(Files.readString(seed));
        assertThat(written.voters()).extracting(ServerLine::id).containsExactly(1, 2, 3);
        assertThat(written.member(4)).isEqualTo(ServerLine.standard(4, "zk-3.zk-hs.ns.svc.cluster.local", Role.OBSERVER));
    }

    @Test
    void aRestartedMemberKeepsTheNewestConfigOnItsVolume() throws Exception {
        InitCommand.run(options(0));
        zooKeeperData(data(0));
        zooKeeperCommitted(data(0), 0x100000004L, members(1, 2, 3, 4));
        Files.writeString(data(0).resolve("conf/zoo.cfg.dynamic.next"), members(1, 2, 3, 4, 5));

        // the ConfigMap still holds the bootstrap list (version 1)
        InitResult result = InitCommand.run(options(0));

        Path newest = data(0).resolve("conf/zoo.cfg.dynamic.100000004");
        assertThat(result.joiner()).isFalse();
        assertThat(result.wiped()).isFalse();
        assertThat(result.newestVersion()).isEqualTo(0x100000004L);
        assertThat(zooCfg(data(0))).containsEntry("dynamicConfigFile", newest.toString());
        assertThat(Files.readString(newest)).isEqualTo(members(1, 2, 3, 4));
        // ZooKeeper's own protocol state of a member stays untouched
        assertThat(data(0).resolve("conf/zoo.cfg.dynamic.next")).exists();
        assertThat(data(0).resolve("version-2/log.100000001")).exists();
    }

    @Test
    void aNewerConfigMapWinsOverAnOlderVolume() throws Exception {
        InitCommand.run(options(0));
        Files.writeString(configIn.resolve("zoo.cfg.dynamic"), members(1, 2, 3, 4, 5));
        Files.writeString(configIn.resolve("config-version"), "200000007\n");

        InitResult result = InitCommand.run(options(0));

        assertThat(result.dynamicFile()).isEqualTo(data(0).resolve("conf/zoo.cfg.dynamic.200000007"));
        assertThat(Files.readString(result.dynamicFile())).isEqualTo(members(1, 2, 3, 4, 5));
    }

    @Test
    void aVolumeOfAnotherClusterIsRefusedAndLeftUntouched() throws Exception {
        InitCommand.run(options(0));
        zooKeeperData(data(0));
        Map<String, String> before = snapshot(data(0));
        Files.writeString(configIn.resolve("cluster-uid"), "new-uid-after-recreate\n");

        assertThatThrownBy(() -> InitCommand.run(options(0)))
            .isInstanceOfSatisfying(InitException.class, e -> assertThat(e.exitCode()).isEqualTo(InitException.EXIT_REFUSED))
            .hasMessageContaining("the volume at " + data(0))
            .hasMessageContaining("cluster uid " + UID)
            .hasMessageContaining("this cluster's uid is new-uid-after-recreate")
            .hasMessageContaining("delete PersistentVolumeClaim data-zk-0")
            .hasMessageContaining("printf 'cluster-uid=new-uid-after-recreate\\nserver-id=1\\n' > " + data(0).resolve("zkoam-volume.properties"));
        assertThat(snapshot(data(0))).isEqualTo(before);
    }

    @Test
    void theAdoptCommandOfTheRefusalMessageMakesTheVolumeUsable() throws Exception {
        InitCommand.run(options(0));
        zooKeeperData(data(0));
        Files.writeString(configIn.resolve("cluster-uid"), "new-uid\n");
        assertThatThrownBy(() -> InitCommand.run(options(0))).isInstanceOf(InitException.class);

        // what the printf of the message writes
        Files.writeString(data(0).resolve("zkoam-volume.properties"), "cluster-uid=new-uid\nserver-id=1\n");

        assertThat(InitCommand.run(options(0)).wiped()).isFalse();
        assertThat(data(0).resolve("version-2/log.100000001")).exists();
    }

    @Test
    void zooKeeperDataWithoutAMarkerIsRefused() throws Exception {
        zooKeeperData(data(0));

        assertThatThrownBy(() -> InitCommand.run(options(0)))
            .isInstanceOfSatisfying(InitException.class, e -> assertThat(e.exitCode()).isEqualTo(InitException.EXIT_REFUSED))
            .hasMessageContaining("no zkoam marker");
        assertThat(data(0).resolve("zkoam-volume.properties")).doesNotExist();
    }

    @Test
    void aVolumeOfAnotherServerIdIsRefused() throws Exception {
        Files.createDirectories(data(0));
        new VolumeMarker(UID, 3).write(data(0));

        assertThatThrownBy(() -> InitCommand.run(options(0))).hasMessageContaining("belongs to server id 3");
    }

    @Test
    void aRemovedMembersOldDataIsWipedAndItRejoinsAsAJoiner() throws Exception {
        // server 4 was added (config 100000004 lists it), then removed (config 100000009 does not)
        InitCommand.run(options(3));
        zooKeeperData(data(3));
        zooKeeperCommitted(data(3), 0x100000004L, members(1, 2, 3, 4));
        zooKeeperCommitted(data(3), 0x100000009L, members(1, 2, 3));
        Files.writeString(data(3).resolve("conf/zoo.cfg.dynamic.next"), members(1, 2, 3, 4));

        InitResult result = InitCommand.run(options(3));

        assertThat(result.wiped()).isTrue();
        assertThat(result.joiner()).isTrue();
        assertThat(result.newestVersion()).isEqualTo(0x100000009L);
        assertThat(data(3).resolve("version-2")).doesNotExist();
        assertThat(data(3).resolve("conf").toFile().list()).containsExactlyInAnyOrder("zoo.cfg", "zoo.cfg.dynamic.0", "logback.xml");
        assertThat(DynamicConfig.parse(Files.readString(result.dynamicFile())).voters()).extracting(ServerLine::id).containsExactly(1, 2, 3);
        assertThat(VolumeMarker.read(data(3))).contains(new VolumeMarker(UID, 4));
    }

    @Test
    void aJoinerThatWasNeverAMemberKeepsItsSyncedData() throws Exception {
        InitCommand.run(options(3));
        zooKeeperData(data(3));
        // ZooKeeper adopted the ensemble's config (without server 4) while it ran as a non-voting follower
        zooKeeperCommitted(data(3), 1, members(1, 2, 3));
        Files.writeString(data(3).resolve("conf/zoo.cfg.dynamic.next"), members(1, 2, 3, 5));

        InitResult result = InitCommand.run(options(3));

        assertThat(result.wiped()).isFalse();
        assertThat(result.joiner()).isTrue();
        assertThat(data(3).resolve("version-2/log.100000001")).exists();
        // a joiner must not gossip a stale proposal it saw in an earlier life
        assertThat(data(3).resolve("conf/zoo.cfg.dynamic.next")).doesNotExist();
    }

    @Test
    void badInputsFailWithAMessageNamingThem() throws Exception {
        Files.writeString(configIn.resolve("config-version"), "0\n");
        assertThatThrownBy(() -> InitCommand.run(options(0))).hasMessageContaining("must not be 0");

        Files.delete(configIn.resolve("config-version"));
        Files.delete(configIn.resolve("cluster-uid"));
        assertThatThrownBy(() -> InitCommand.run(options(0))).hasMessageContaining(configIn.resolve("cluster-uid").toString());

        Files.writeString(configIn.resolve("cluster-uid"), UID);
        Files.writeString(secrets.resolve("super-password"), "\n");
        assertThatThrownBy(() -> InitCommand.run(options(0))).hasMessageContaining("super-password").hasMessageContaining("empty");
    }

    @Test
    void aDamagedDynamicFileOnTheVolumeStopsInitInsteadOfFallingBack() throws Exception {
        InitCommand.run(options(0));
        Files.writeString(data(0).resolve("conf/zoo.cfg.dynamic.100000004"), "server.1=broken\n");

        assertThatThrownBy(() -> InitCommand.run(options(0)))
            .hasMessageContaining(data(0).resolve("conf/zoo.cfg.dynamic.100000004").toString());
    }

    @Test
    void aVersionLineInTheConfigMapCountsWhenThereIsNoConfigVersionKey() throws Exception {
        Files.writeString(configIn.resolve("zoo.cfg.dynamic"), members(1, 2, 3) + "version=100000002\n");

        InitResult result = InitCommand.run(options(0));

        assertThat(result.dynamicFile().getFileName().toString()).isEqualTo("zoo.cfg.dynamic.100000002");
        assertThat(Files.readString(result.dynamicFile())).doesNotContain("version");
    }
}
