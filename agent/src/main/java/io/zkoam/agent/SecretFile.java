package io.zkoam.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one value of a mounted Secret. Surrounding whitespace is dropped (a value created with
 * {@code --from-file} often ends in a newline), the same way in init and in serve so the digest ZooKeeper checks
 * and the password the agent sends always agree. Read on every use, so a rotated Secret needs no restart.
 */
public final class SecretFile {

    private SecretFile() {
    }

    /**
     * @throws IOException when the file is missing, unreadable or empty
     */
    public static String read(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (value.isEmpty()) {
            throw new IOException("the secret file " + file + " is empty");
        }
        return value;
    }
}
