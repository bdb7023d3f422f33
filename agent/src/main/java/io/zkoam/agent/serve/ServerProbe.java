package io.zkoam.agent.serve;

import io.zkoam.agent.zk.FourLetterWords;
import io.zkoam.agent.zk.WordAnswers;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the local server's state through four-letter words; no side effects, each word bounded by the probe
 * timeout. Membership is never decided here (a removed server keeps saying {@code Mode: follower}); that is
 * {@code /get}'s job.
 */
final class ServerProbe {

    private final FourLetterWords words;
    private final Integer fallbackServerId;
    private final ExecutorService helper;
    private final long probeTimeoutMillis;

    /**
     * @param helper runs the one four-letter word that overlaps with another ({@code conf}); bounded, caller-runs
     */
    ServerProbe(FourLetterWords words, Integer fallbackServerId, ExecutorService helper, Duration probeTimeout) {
        this.words = words;
        this.fallbackServerId = fallbackServerId;
        this.helper = helper;
        this.probeTimeoutMillis = probeTimeout.toMillis();
    }

    /**
     * {@code /runok}'s answer.
     *
     * @param mode   the server's mode when it serves
     * @param reason why it is not ok
     */
    record RunOk(boolean ok, String mode, String reason) {
    }

    /**
     * Ok only when {@code ruok} says {@code imok} (the process answers) <em>and</em> {@code srvr} shows a
     * {@code Mode:} (the server is in a quorum and serves). {@code ruok} alone says {@code imok} while the server is
     * cut off from the quorum.
     */
    RunOk runOk() {
        String ruok;
        try {
            ruok = words.send("ruok").trim();
        } catch (IOException e) {
            return new RunOk(false, null, "ruok: no answer from " + words.server() + ": " + e.getMessage());
        }
        if (!ruok.equals("imok")) {
            return new RunOk(false, null, "ruok answered '" + ruok + "'");
        }
        try {
            String srvr = words.send("srvr");
            String mode = WordAnswers.srvr(srvr).get("Mode");
            if (WordAnswers.notServing(srvr) || mode == null) {
                return new RunOk(false, null, "not serving: " + firstLine(srvr));
            }
            return new RunOk(true, mode.toLowerCase(Locale.ROOT), null);
        } catch (IOException e) {
            return new RunOk(false, null, "srvr: no answer from " + words.server() + ": " + e.getMessage());
        }
    }

    /**
     * {@code /status}: {@code srvr} first, then {@code conf} (server id, config version) while the server serves,
     * and {@code mntr} only on the leader: its {@code synced_*} counts are the one thing {@code srvr} lacks. On the
     * leader {@code conf} runs on the helper executor while this thread sends {@code mntr}, so the two waits overlap.
     */
    ServerStatus status() {
        String srvr;
        try {
            srvr = words.send("srvr");
        } catch (IOException e) {
            return ServerStatus.notServing(fallbackServerId, "no answer from " + words.server() + ": " + e.getMessage());
        }
        Map<String, String> server = WordAnswers.srvr(srvr);
        if (WordAnswers.notServing(srvr) || !server.containsKey("Mode")) {
            return ServerStatus.notServing(fallbackServerId, firstLine(srvr));
        }
        boolean leader = "leader".equalsIgnoreCase(server.get("Mode"));
        Future<String> conf = helper.submit(() -> words.send("conf"));
        String mntrText = "";
        String confText = "";
        try {
            mntrText = leader ? words.send("mntr") : "";
            confText = conf.get(2 * probeTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            // srvr answered and the rest did not (e.g. the quorum was lost in between): report what is known
            conf.cancel(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, String> mntr = WordAnswers.notServing(mntrText) ? Map.of() : WordAnswers.mntr(mntrText);
        Map<String, String> config = WordAnswers.notServing(confText) ? Map.of() : WordAnswers.conf(confText);
        return ServerStatus.from(server, mntr, config, fallbackServerId);
    }

    private static String firstLine(String text) {
        String trimmed = text.trim();
        int newline = trimmed.indexOf('\n');
        return trimmed.isEmpty() ? "(empty answer)" : newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
