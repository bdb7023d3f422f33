package io.zkoam.agent.zk;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Membership of an ensemble at one config version: the content of a {@code zoo.cfg.dynamic.<hex>} file or of a
 * {@code getConfig} answer. Only {@code server.N} lines are modelled; zkoam does not use hierarchical quorums
 * ({@code group.*}, {@code weight.*}), so such a config is refused rather than silently reduced.
 */
public record DynamicConfig(long version, SortedMap<Integer, ServerLine> members) {

    public DynamicConfig {
        members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
    }

    /**
     * Parses config text. A {@code version=<hex>} line (as {@code getConfig} ends) sets the version; without one
     * the version is 0 and the caller supplies the real one with {@link #withVersion}. Blank lines and comments are
     * skipped.
     *
     * @throws IllegalArgumentException naming the offending line
     */
    public static DynamicConfig parse(String text) {
        SortedMap<Integer, ServerLine> members = new TreeMap<>();
        long version = 0;
        for (String raw : text.split("\\R")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a key=value line: '" + line + "'");
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            if (key.equals("version")) {
                version = ConfigVersion.parseHex(value);
            } else if (key.startsWith("server.")) {
                ServerLine server = ServerLine.parse(key, value);
                if (members.put(server.id(), server) != null) {
                    throw new IllegalArgumentException("server." + server.id() + " appears twice");
                }
            } else {
                throw new IllegalArgumentException("unsupported line in a dynamic config: '" + line
                    + "' (only server.N lines and version= are allowed)");
            }
        }
        return new DynamicConfig(version, members);
    }

    public DynamicConfig withVersion(long newVersion) {
        return new DynamicConfig(newVersion, members);
    }

    /** A copy with this server added, or replaced when its id is already present. */
    public DynamicConfig with(ServerLine server) {
        SortedMap<Integer, ServerLine> copy = new TreeMap<>(members);
        copy.put(server.id(), server);
        return new DynamicConfig(version, copy);
    }

    public boolean contains(int id) {
        return members.containsKey(id);
    }

    public ServerLine member(int id) {
        return members.get(id);
    }

    public List<ServerLine> voters() {
        return members.values().stream().filter(s -> s.role() == Role.PARTICIPANT).toList();
    }

    public String versionHex() {
        return ConfigVersion.toHex(version);
    }

    /** The file text ZooKeeper accepts: server lines only, <em>no</em> {@code version=} line (it refuses to boot). */
    public String toFileText() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Integer, ServerLine> entry : members.entrySet()) {
            text.append(entry.getValue().line()).append('\n');
        }
        return text.toString();
    }
}
