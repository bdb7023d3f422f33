package io.zkoam.agent.zk;

import java.security.NoSuchAlgorithmException;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/** The super user that may reconfigure (ZooKeeper's {@code DigestAuthenticationProvider.superDigest}). */
public final class SuperDigest {

    public static final String USER = "super";

    /** The zoo.cfg key; ZooKeeper turns unknown zoo.cfg keys into {@code zookeeper.*} system properties. */
    public static final String CONFIG_KEY = "DigestAuthenticationProvider.superDigest";

    private SuperDigest() {
    }

    /** {@code super:<base64(sha1("super:<password>"))>}, the value of {@link #CONFIG_KEY}. */
    public static String of(String password) {
        try {
            return DigestAuthenticationProvider.generateDigest(USER + ":" + password);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA1", e);
        }
    }

    /** The auth data a client sends with {@code addAuthInfo("digest", ...)}. */
    public static byte[] authData(String password) {
        return (USER + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
