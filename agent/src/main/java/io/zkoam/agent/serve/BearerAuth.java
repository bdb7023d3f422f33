package io.zkoam.agent.serve;

import io.zkoam.agent.SecretFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code Authorization: Bearer <token>} for {@code /add} and {@code /del}; the token is the mounted Secret file
 * {@code agent-token}, read on each check so a rotated Secret needs no restart.
 */
final class BearerAuth {

    static final String TOKEN_FILE = "agent-token";
    private static final String PREFIX = "Bearer ";

    private final Path tokenFile;

    BearerAuth(Path secretDir) {
        this.tokenFile = secretDir.resolve(TOKEN_FILE);
    }

    /**
     * True when the header carries the token.
     *
     * @throws IOException when the agent has no token itself (a misconfiguration, not the caller's fault)
     */
    boolean allows(String authorization) throws IOException {
        String expected = SecretFile.read(tokenFile);
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        String presented = authorization.substring(PREFIX.length()).trim();
        // Compare fixed-length digests with MessageDigest.isEqual: the time taken says nothing about how much of the
        // token was right, nor about its length.
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
