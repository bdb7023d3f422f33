package io.zkoam.agent.init;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code <data-dir>/zkoam-volume.properties}: which cluster (metadata.uid) and which server id this volume belongs to.
 * Written before ZooKeeper ever runs on the volume, so ZooKeeper data without a marker was not made by zkoam.
 */
public record VolumeMarker(String clusterUid, int serverId) {

    public static final String FILE = "zkoam-volume.properties";
    static final String UID_KEY = "cluster-uid";
    static final String SERVER_ID_KEY = "server-id";

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    public static Optional<VolumeMarker> read(Path dataDir) throws InitException {
        Path file = file(dataDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new InitException("cannot read the volume marker " + file + ": " + e.getMessage());
        }
        String uid = properties.getProperty(UID_KEY, "").trim();
        String id = properties.getProperty(SERVER_ID_KEY, "").trim();
        try {
            if (uid.isEmpty()) {
                throw new NumberFormatException("no " + UID_KEY);
            }
            return Optional.of(new VolumeMarker(uid, Integer.parseInt(id)));
        } catch (NumberFormatException e) {
            throw new InitException("the volume marker " + file + " is damaged (" + e.getMessage()
                + "); it needs " + UID_KEY + "=<uid> and " + SERVER_ID_KEY + "=<id>", InitException.EXIT_REFUSED);
        }
    }

    public void write(Path dataDir) throws IOException {
        AtomicFiles.write(file(dataDir),
            "# zkoam: the cluster (metadata.uid) and server id this volume belongs to; see docs/agent.md before editing\n"
                + UID_KEY + "=" + clusterUid + "\n"
                + SERVER_ID_KEY + "=" + serverId + "\n");
    }
}
