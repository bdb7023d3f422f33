package io.zkoam.agent.serve;

import io.zkoam.agent.zk.FourLetterWords;
import io.zkoam.agent.zk.WordAnswers;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the local server's state through four-letter words; no side effects, each word bounded by the probe
 * timeout. Membership is never decided here (a removed server keeps saying {@code Mode: follower}); that is
 * {@code /get}'s job.
 */
final class ServerProbe {

    private final FourLetterWords words;
    private final Integer fallbackServerId;

    ServerProbe(FourLetterWords words, Integer fallbackServerId) {
        this.words = words;
        this.fallbackServerId = fallbackServerId;
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

    /** {@code /status}: {@code srvr} first; {@code mntr} and {@code conf} only while the server serves. */
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
        Map<String, String> mntr = Map.of();
        Map<String, String> conf = Map.of();
        try {
            String mntrText = words.send("mntr");
            String confText = words.send("conf");
            // the server may have lost its quorum between the words; then only srvr's figures are reported
            mntr = WordAnswers.notServing(mntrText) ? Map.of() : WordAnswers.mntr(mntrText);
            conf = WordAnswers.notServing(confText) ? Map.of() : WordAnswers.conf(confText);
        } catch (IOException e) {
            // same: srvr answered, the rest did not; report what is known
        }
        return ServerStatus.from(server, mntr, conf, fallbackServerId);
    }

    private static String firstLine(String text) {
        String trimmed = text.trim();
        int newline = trimmed.indexOf('\n');
        return trimmed.isEmpty() ? "(empty answer)" : newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
