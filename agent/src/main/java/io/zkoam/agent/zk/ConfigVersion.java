package io.zkoam.agent.zk;

/**
 * ZooKeeper config versions: the zxid of the reconfig that produced a config, written in lower-case hex without
 * {@code 0x}, as in {@code zoo.cfg.dynamic.100000003} and in the {@code version=} line of {@code getConfig}.
 */
public final class ConfigVersion {

    private ConfigVersion() {
    }

    public static String toHex(long version) {
        return Long.toHexString(version);
    }

    /**
     * Parses a hex version; an optional {@code 0x} prefix is accepted.
     *
     * @throws IllegalArgumentException naming the bad text
     */
    public static long parseHex(String text) {
        String hex = text.trim();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (hex.isEmpty() || hex.length() > 16) {
            throw new IllegalArgumentException("not a hex config version: '" + text + "'");
        }
        try {
            return Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a hex config version: '" + text + "'");
        }
    }
}
