package io.zkoam.zkprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a hosts file for {@code -Djdk.net.hosts.file=FILE}. A JVM started with that property resolves names
 * <em>only</em> from the file, so {@code localhost} is always listed as well.
 */
public final class HostsFile {

    /** The system property that points a JVM at a hosts file. */
    public static final String SYSTEM_PROPERTY = "jdk.net.hosts.file";

    private HostsFile() {
    }

    /**
     * Writes {@code address name} lines for each entry plus {@code 127.0.0.1 localhost}; replaces the file
     * atomically so a JVM reading it never sees half a file.
     *
     * @param nameToAddress host name to IPv4 literal, e.g. {@code zk-0.zk-hs.ns.svc.cluster.local → 127.0.3.1}
     */
    public static Path write(Path file, Map<String, String> nameToAddress) throws IOException {
        StringBuilder text = new StringBuilder("127.0.0.1 localhost\n");
        new TreeMap<>(nameToAddress).forEach((name, address) -> {
            if (name.equals("localhost")) {
                return;
            }
            text.append(address).append(' ').append(name).append('\n');
        });
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".hosts", ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        return Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
