package io.zkoam.agent.zk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the text answers of {@code srvr} ({@code Key: value}), {@code mntr} ({@code key<TAB>value}) and {@code conf} ({@code key=value}). */
public final class WordAnswers {

    private WordAnswers() {
    }

    /** True when the answer is ZooKeeper's "not currently serving requests" (or empty). */
    public static boolean notServing(String answer) {
        return answer.isBlank() || answer.contains(FourLetterWords.NOT_SERVING);
    }

    /** {@code srvr}: lines {@code Zxid: 0x...}, {@code Mode: leader}, ... keyed by the text before the first colon. */
    public static Map<String, String> srvr(String answer) {
        return split(answer, ':');
    }

    /** {@code mntr}: lines {@code zk_znode_count<TAB>5}. */
    public static Map<String, String> mntr(String answer) {
        return split(answer, '\t');
    }

    /** {@code conf}: lines {@code serverId=1}; the membership block after {@code membership:} ends with {@code version=<hex>}. */
    public static Map<String, String> conf(String answer) {
        return split(answer, '=');
    }

    /** The first number in a text such as {@code 12} or {@code 0.5}, empty when there is none. */
    public static Optional<Double> number(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> split(String answer, char separator) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : answer.split("\\R")) {
            int at = line.indexOf(separator);
            if (at > 0) {
                values.putIfAbsent(line.substring(0, at).trim(), line.substring(at + 1).trim());
            }
        }
        return values;
    }
}
