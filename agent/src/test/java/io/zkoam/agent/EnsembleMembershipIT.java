package io.zkoam.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkoam.agent.init.InitCommand.InitResult;
import io.zkoam.agent.init.InitException;
import io.zkoam.agent.testing.AgentClient.Response;
import io.zkoam.agent.testing.Deadline;
import io.zkoam.agent.testing.LoopbackEnsemble;
import io.zkoam.agent.testing.SimulatedPod;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The life of one ensemble on real ZooKeeper processes, driven through the agents' HTTP API as the controllers
 * would: bootstrap from init's files, a joiner added and removed, a concurrent change, restarts, stale volumes.
 * Steps build on each other, so they run in order on one ensemble.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EnsembleMembershipIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static LoopbackEnsemble zk;

    @BeforeAll
    static void bootstrap() throws Exception {
        zk = LoopbackEnsemble.create("EnsembleMembershipIT", 11);
        zk.bootstrap(3, Duration.ofSeconds(60));
        for (int ordinal = 0; ordinal < 4; ordinal++) {
            zk.pod(ordinal).startAgent();
        }
    }

    @AfterAll
    static void tearDown() {
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    @Order(1)
    void threeNodeEnsembleFormsFromInitOutput() throws Exception {
        List<String> modes = IntStream.range(0, 3).mapToObj(i -> zk.pod(i).agent().get("/status").body().path("mode").asText()).sorted().toList();
        assertThat(modes).containsExactly("follower", "follower", "leader");

        for (int ordinal = 0; ordinal < 3; ordinal++) {
            SimulatedPod pod = zk.pod(ordinal);
            JsonNode config = get(pod);
            assertThat(config.path("version").asText()).isEqualTo("1");
            assertThat(memberIds(config)).containsExactly(1, 2, 3);
            for (JsonNode member : config.path("members")) {
                SimulatedPod owner = zk.pod(member.path("id").asInt() - 1);
                assertThat(member.path("host").asText()).isEqualTo(owner.host());
                assertThat(member.path("clientHost").asText()).isEqualTo(owner.host());
                assertThat(member.path("role").asText()).isEqualTo("participant");
                assertThat(List.of(member.path("quorumPort").asInt(), member.path("electionPort").asInt(), member.path("clientPort").asInt()))
                    .containsExactly(2888, 3888, 2181);
            }
            JsonNode status = pod.agent().get("/status").body();
            assertThat(status.path("serverId").asInt()).isEqualTo(ordinal + 1);
            assertThat(status.path("configVersion").asText()).isEqualTo("1");
            assertThat(status.path("version").asText()).startsWith("3.9.5");
            assertThat(pod.agent().get("/runok").status()).isEqualTo(200);
        }
        // the whitelist init wrote is in force: a word the agent does not use is refused
        assertThat(zk.pod(0).fourLetterWord("stat")).contains("is not executed because it is not in the whitelist");
        Properties cfg = new Properties();
        cfg.load(new StringReader(Files.readString(zk.pod(0).confDir().resolve("zoo.cfg"))));
        assertThat(cfg).containsEntry("reconfigEnabled", "true").containsEntry("standaloneEnabled", "false")
            .containsEntry("admin.enableServer", "false").containsKey("DigestAuthenticationProvider.superDigest")
            .doesNotContainKey("skipACL");
    }

    @Test
    @Order(2)
    void addWithAWrongTokenIs401AndChangesNothing() {
        String body = "{\"id\":4,\"host\":\"" + zk.pod(3).host() + "\"}";

        assertThat(zk.pod(0).agent().postWithToken("/add", body, "not-the-token").status()).isEqualTo(401);
        assertThat(zk.pod(0).agent().postWithToken("/add", body, null).status()).isEqualTo(401);
        assertThat(get(zk.pod(1)).path("version").asText()).isEqualTo("1");
    }

    @Test
    @Order(3)
    void aJoinerStartsWithoutAVoteAndAddMakesItTheFourthVoter() throws Exception {
        SimulatedPod joiner = zk.pod(3);
        assertThat(joiner.init().joiner()).isTrue();
        joiner.startServer();
        assertThat(joiner.awaitServing(WAIT)).isEqualTo("follower");
        awaitLeaderStatus("syncedNonVotingFollowers", 1);
        // it adopted the committed config, in which it is absent
        assertThat(memberIds(get(joiner))).containsExactly(1, 2, 3);

        String before = get(zk.pod(0)).path("version").asText();
        Response add = zk.pod(0).agent().post("/add", "{\"id\":4,\"host\":\"" + joiner.host() + "\",\"role\":\"participant\"}");

        assertThat(add.status()).as(add.raw()).isEqualTo(200);
        assertThat(add.body().path("changed").asBoolean()).isTrue();
        assertThat(add.body().path("confirmed").asBoolean()).isTrue();
        assertThat(add.body().path("versionBefore").asText()).isEqualTo(before);
        String after = add.body().path("versionAfter").asText();
        assertThat(Long.parseLong(after, 16)).isGreaterThan(Long.parseLong(before, 16));
        assertEveryPodSees(after, 1, 2, 3, 4);
        assertThat(get(zk.pod(3)).path("voters").asInt()).isEqualTo(4);
        awaitLeaderStatus("syncedNonVotingFollowers", 0);
        awaitLeaderStatus("syncedFollowers", 3);

        Response again = zk.pod(2).agent().post("/add", "{\"id\":4,\"host\":\"" + joiner.host() + "\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("changed").asBoolean()).isFalse();
        assertThat(again.body().path("versionAfter").asText()).isEqualTo(after);
    }

    @Test
    @Order(4)
    void delRemovesItAgainAndIsIdempotent() {
        Response del = zk.pod(1).agent().post("/del", "{\"id\":4}");

        assertThat(del.status()).as(del.raw()).isEqualTo(200);
        assertThat(del.body().path("changed").asBoolean()).isTrue();
        assertThat(del.body().path("config").path("voters").asInt()).isEqualTo(3);
        assertEveryPodSees(del.body().path("versionAfter").asText(), 1, 2, 3);

        Response again = zk.pod(1).agent().post("/del", "{\"id\":4}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("changed").asBoolean()).isFalse();
    }

    @Test
    @Order(5)
    void concurrentAddAndDelOneWinsTheOtherGetsAClearConflict() throws Exception {
        String version = get(zk.pod(0)).path("version").asText();
        String add = "{\"id\":4,\"host\":\"" + zk.pod(3).host() + "\",\"fromVersion\":\"" + version + "\"}";
        String del = "{\"id\":3,\"fromVersion\":\"" + version + "\"}";

        List<Response> responses = concurrently(
            () -> zk.pod(0).agent().post("/add", add),
            () -> zk.pod(1).agent().post("/del", del));

        List<Response> won = responses.stream().filter(r -> r.status() == 200).toList();
        List<Response> lost = responses.stream().filter(r -> r.status() == 409).toList();
        assertThat(won).as(responses.toString()).hasSize(1);
        assertThat(lost).as(responses.toString()).hasSize(1);
        assertThat(won.get(0).body().path("changed").asBoolean()).isTrue();
        JsonNode conflict = lost.get(0).body();
        assertThat(conflict.path("error").asText()).isIn("BADVERSION", "RECONFIGINPROGRESS");
        assertThat(conflict.path("reason").asText()).isNotBlank();
        assertThat(conflict.path("versionBefore").asText()).isNotBlank();

        // every node agrees on one config, and it is the winner's
        String after = won.get(0).body().path("versionAfter").asText();
        boolean addWon = won.get(0).body().path("action").asText().equals("add");
        assertEveryPodSees(after, addWon ? new int[] {1, 2, 3, 4} : new int[] {1, 2});

        // back to voters 1, 2, 3 for the next steps
        Response restore = addWon
            ? zk.pod(0).agent().post("/del", "{\"id\":4}")
            : zk.pod(0).agent().post("/add", "{\"id\":3,\"host\":\"" + zk.pod(2).host() + "\"}");
        assertThat(restore.status()).as(restore.raw()).isEqualTo(200);
        String current = restore.body().path("versionAfter").asText();
        assertEveryPodSees(current, 1, 2, 3);

        // Simultaneous requests can also be told apart by ReconfigInProgress; this one is about the version check
        // alone: a change based on a config that has moved on is refused, whenever it arrives.
        Response stale = zk.pod(2).agent().post("/add", add.replace("\"id\":4", "\"id\":5").replace(zk.pod(3).host(), zk.pod(4).host()));
        assertThat(stale.status()).as(stale.raw()).isEqualTo(409);
        assertThat(stale.body().path("error").asText()).isEqualTo("BADVERSION");
        assertThat(stale.body().path("versionBefore").asText()).isEqualTo(current);
        assertEveryPodSees(current, 1, 2, 3);
    }

    @Test
    @Order(6)
    void aRestartedNodeKeepsTheNewestDynamicConfig() throws Exception {
        String newest = get(zk.pod(0)).path("version").asText();
        assertThat(newest).isNotEqualTo("1");
        SimulatedPod follower = followerAmongVoters();

        follower.stopServer();
        // the ConfigMap still holds the bootstrap list at version 1
        InitResult init = follower.init();

        assertThat(init.joiner()).isFalse();
        assertThat(Long.toHexString(init.newestVersion())).isEqualTo(newest);
        assertThat(init.dynamicFile().getFileName().toString()).isEqualTo("zoo.cfg.dynamic." + newest);
        assertThat(Files.readString(follower.confDir().resolve("zoo.cfg"))).contains("dynamicConfigFile=" + init.dynamicFile());

        follower.startServer();
        follower.awaitServing(WAIT);
        assertThat(follower.agent().get("/status").body().path("configVersion").asText()).isEqualTo(newest);
        assertThat(get(follower).path("version").asText()).isEqualTo(newest);
        awaitRunOk(follower);
    }

    @Test
    @Order(7)
    void aRemovedMembersVolumeIsWipedAndItRejoinsAsAJoiner() throws Exception {
        SimulatedPod removed = zk.pod(3);
        assertThat(memberIds(get(zk.pod(0)))).doesNotContain(4);
        assertThat(removed.dataDir().resolve("version-2")).isNotEmptyDirectory();
        assertThat(dynamicFiles(removed)).anyMatch(name -> !name.endsWith(".0"));

        removed.stopServer();
        InitResult init = removed.init();

        assertThat(init.wiped()).isTrue();
        assertThat(init.joiner()).isTrue();
        assertThat(removed.dataDir().resolve("version-2")).doesNotExist();
        assertThat(dynamicFiles(removed)).containsExactly("zoo.cfg.dynamic.0");

        removed.startServer();
        removed.awaitServing(WAIT);
        awaitLeaderStatus("syncedNonVotingFollowers", 1);
        Response add = zk.pod(2).agent().post("/add", "{\"id\":4,\"host\":\"" + removed.host() + "\"}");
        assertThat(add.status()).as(add.raw()).isEqualTo(200);
        assertEveryPodSees(add.body().path("versionAfter").asText(), 1, 2, 3, 4);
    }

    @Test
    @Order(8)
    void aVolumeOfAnotherClusterIsRefusedUntouchedAndTheMessagesCommandAdoptsIt() throws Exception {
        SimulatedPod pod = followerAmongVoters();
        String version = get(pod).path("version").asText();
        pod.stopServer();
        List<String> before = volumeListing(pod);
        String oldUid = zk.clusterUid();
        zk.writeClusterUid("uid-of-a-recreated-cluster");
        try {
            assertThatThrownBy(pod::init)
                .isInstanceOfSatisfying(InitException.class, e -> assertThat(e.exitCode()).isEqualTo(InitException.EXIT_REFUSED))
                .hasMessageContaining(pod.dataDir().toString())
                .hasMessageContaining(oldUid)
                .hasMessageContaining("uid-of-a-recreated-cluster")
                .hasMessageContaining("delete pvc");
            assertThat(volumeListing(pod)).isEqualTo(before);

            String message = catchInitMessage(pod);
            String adopt = message.lines().filter(line -> line.trim().startsWith("printf")).findFirst().orElseThrow().trim();
            Process shell = new ProcessBuilder("bash", "-c", adopt).inheritIO().start();
            assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(shell.exitValue()).isZero();

            InitResult init = pod.init();
            assertThat(init.wiped()).isFalse();
            assertThat(Long.toHexString(init.newestVersion())).isEqualTo(version);
            pod.startServer();
            pod.awaitServing(WAIT);
            assertThat(get(pod).path("version").asText()).isEqualTo(version);
        } finally {
            zk.writeClusterUid(oldUid);
        }
    }

    private static String catchInitMessage(SimulatedPod pod) {
        try {
            pod.init();
        } catch (InitException e) {
            return e.getMessage();
        }
        throw new AssertionError("init did not refuse");
    }

    private static JsonNode get(SimulatedPod pod) {
        Response response = pod.agent().get("/get");
        assertThat(response.status()).as("GET /get on %s: %s", pod.name(), response.raw()).isEqualTo(200);
        return response.body();
    }

    private static List<Integer> memberIds(JsonNode config) {
        List<Integer> ids = new ArrayList<>();
        config.path("members").forEach(member -> ids.add(member.path("id").asInt()));
        return ids;
    }

    /** Every running pod's /get (sync + getConfig) shows this version with these members, all participants. */
    private static void assertEveryPodSees(String version, int... ids) {
        List<Integer> expected = IntStream.of(ids).boxed().toList();
        for (int ordinal = 0; ordinal < LoopbackEnsemble.MAX_PODS; ordinal++) {
            SimulatedPod pod = zk.pod(ordinal);
            if (!pod.serverAlive()) {
                continue;
            }
            JsonNode config = get(pod);
            assertThat(config.path("version").asText()).as("version on %s", pod.name()).isEqualTo(version);
            assertThat(memberIds(config)).as("members on %s", pod.name()).isEqualTo(expected);
            assertThat(config.path("voters").asInt()).as("voters on %s", pod.name()).isEqualTo(ids.length);
        }
    }

    private static void awaitLeaderStatus(String field, int value) {
        Deadline.await("leader " + field + " = " + value, WAIT, () -> zk.leader()
                .map(leader -> leader.agent().get("/status").body().path(field).asInt(-1) == value ? Boolean.TRUE : null)
                .orElse(null),
            () -> zk.leader().map(leader -> leader.agent().get("/status").raw()).orElse("no leader"));
    }

    private static void awaitRunOk(SimulatedPod pod) {
        Deadline.await(pod.name() + " /runok 200", WAIT, () -> pod.agent().get("/runok").status() == 200 ? Boolean.TRUE : null,
            () -> pod.agent().get("/runok").raw());
    }

    /** A running voter among pods 0..2 that is not the leader. */
    private static SimulatedPod followerAmongVoters() {
        return IntStream.range(0, 3).mapToObj(zk::pod)
            .filter(pod -> pod.serverAlive() && pod.fourLetterWord("srvr").contains("Mode: follower"))
            .findFirst().orElseThrow(() -> new AssertionError("no follower among zk-0..zk-2"));
    }

    private static Set<String> dynamicFiles(SimulatedPod pod) throws IOException {
        try (Stream<Path> files = Files.list(pod.confDir())) {
            return files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("zoo.cfg.dynamic"))
                .collect(Collectors.toSet());
        }
    }

    /** Names, sizes and modification times of everything on the volume: what a refusal must not change. */
    private static List<String> volumeListing(SimulatedPod pod) throws IOException {
        try (Stream<Path> files = Files.walk(pod.dataDir())) {
            return files.filter(Files::isRegularFile).sorted().map(p -> {
                try {
                    return pod.dataDir().relativize(p) + " " + Files.size(p) + " " + Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    /** Runs the calls at the same moment (a start gate) and returns their results in call order. */
    @SafeVarargs
    private static List<Response> concurrently(Callable<Response>... calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return call.call();
                }));
            }
            gate.countDown();
            List<Response> results = new ArrayList<>();
            for (Future<Response> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
