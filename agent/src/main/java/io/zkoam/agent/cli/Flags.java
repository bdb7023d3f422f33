package io.zkoam.agent.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command-line flags ({@code --name=value} or {@code --name value}) with an environment variable as fallback for
 * each, so a pod spec can use either. A flag wins over its variable.
 */
public final class Flags {

    private final Map<String, String> flags;
    private final Map<String, String> env;

    private Flags(Map<String, String> flags, Map<String, String> env) {
        this.flags = flags;
        this.env = env;
    }

    /** Parses {@code args} (without the mode word). */
    public static Flags parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "' (flags look like --name=value)");
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                name = arg.substring(2);
                value = args[++i];
            } else {
                throw new UsageException("flag --" + arg.substring(2) + " needs a value");
            }
            if (flags.put(name, value) != null) {
                throw new UsageException("flag --" + name + " given twice");
            }
        }
        return new Flags(flags, env);
    }

    /** Fails on a flag that is not in {@code known}: a typo must not silently fall back to a default. */
    public Flags rejectUnknown(Set<String> known) {
        Set<String> unknown = new TreeSet<>(flags.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown flag(s) " + unknown.stream().map(f -> "--" + f).toList() + "; known: "
                + new TreeSet<>(known).stream().map(f -> "--" + f).toList());
        }
        return this;
    }

    public Optional<String> get(String flag, String envName) {
        String value = flags.get(flag);
        if (value == null && envName != null) {
            value = env.get(envName);
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String require(String flag, String envName) {
        return get(flag, envName).orElseThrow(() -> new UsageException(
            "missing --" + flag + (envName != null ? " (or environment variable " + envName + ")" : "")));
    }

    public String getOr(String flag, String envName, String fallback) {
        return get(flag, envName).orElse(fallback);
    }

    public Path path(String flag, String envName, Path fallback) {
        return get(flag, envName).map(Path::of).orElse(fallback);
    }

    public int intValue(String flag, String envName, int fallback) {
        Optional<String> text = get(flag, envName);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag + " must be an integer, not '" + text.get() + "'");
        }
    }

    /** A duration in milliseconds, e.g. {@code --zk-timeout-ms=5000}. */
    public Duration millis(String flag, String envName, Duration fallback) {
        int millis = intValue(flag, envName, (int) fallback.toMillis());
        if (millis <= 0) {
            throw new UsageException("--" + flag + " must be positive");
        }
        return Duration.ofMillis(millis);
    }
}
