package io.zkoam.agent.zk;

import java.util.Locale;

/** A member's role in a dynamic config line. */
public enum Role {
    PARTICIPANT,
    OBSERVER;

    /** The spelling in {@code server.N=...:participant} lines and in the agent's JSON. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code participant} / {@code observer} (any case). */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.configName().equalsIgnoreCase(text.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be participant or observer, not '" + text + "'");
    }
}
