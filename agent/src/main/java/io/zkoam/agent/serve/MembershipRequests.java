package io.zkoam.agent.serve;

import io.zkoam.agent.zk.ConfigVersion;
import io.zkoam.agent.zk.Role;
import io.zkoam.agent.zk.ServerLine;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses and validates the bodies of {@code /add} and {@code /del}. Strict: an unknown field is an error too, so a
 * typo such as {@code fromversion} cannot silently turn a conditional change into an unconditional one.
 */
final class MembershipRequests {

    /** ZooKeeper documents server ids 1..255. */
    static final int MAX_SERVER_ID = 255;

    private MembershipRequests() {
    }

    /** {@code {"id":4,"host":"zk-3.zk-hs.ns.svc.cluster.local","role":"participant","fromVersion":"100000003"}}. */
    record Add(int id, String host, Role role, Long fromVersion) {
    }

    /** {@code {"id":4,"fromVersion":"100000003"}}. */
    record Del(int id, Long fromVersion) {
    }

    /** The body is wrong; {@code field} names the culprit (null when the body as a whole is unreadable). */
    static final class BadRequest extends Exception {
        final String field;

        BadRequest(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    static Add add(byte[] body) throws BadRequest {
        Map<String, Object> json = object(body, Set.of("id", "host", "role", "fromVersion"));
        Object host = json.get("host");
        if (!(host instanceof String name) || !ServerLine.isValidHost(name)) {
            throw new BadRequest("host", "host must be the server's DNS name (letters, digits, '-' and '.'), e.g. "
                + "\"zk-3.zk-hs.default.svc.cluster.local\"");
        }
        Role role = Role.PARTICIPANT;
        if (json.containsKey("role")) {
            try {
                role = Role.parse(String.valueOf(json.get("role")));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("role", e.getMessage());
            }
        }
        return new Add(id(json), name, role, fromVersion(json));
    }

    static Del del(byte[] body) throws BadRequest {
        Map<String, Object> json = object(body, Set.of("id", "fromVersion"));
        return new Del(id(json), fromVersion(json));
    }

    private static Map<String, Object> object(byte[] body, Set<String> fields) throws BadRequest {
        Map<String, Object> json;
        try {
            json = Json.readFlatObject(body);
        } catch (IOException e) {
            throw new BadRequest(null, e.getMessage());
        }
        for (String name : json.keySet()) {
            if (!fields.contains(name)) {
                throw new BadRequest(name, "unknown field '" + name + "'; allowed: " + new TreeSet<>(fields));
            }
        }
        return json;
    }

    private static int id(Map<String, Object> json) throws BadRequest {
        Object id = json.get("id");
        if (!(id instanceof Integer || id instanceof Long) || ((Number) id).longValue() < 1 || ((Number) id).longValue() > MAX_SERVER_ID) {
            throw new BadRequest("id", "id must be an integer server id from 1 to " + MAX_SERVER_ID);
        }
        return ((Number) id).intValue();
    }

    private static Long fromVersion(Map<String, Object> json) throws BadRequest {
        Object version = json.get("fromVersion");
        if (version == null) {
            return null;
        }
        try {
            if (!(version instanceof String hex)) {
                throw new IllegalArgumentException("not a string");
            }
            return ConfigVersion.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("fromVersion", "fromVersion must be the config version as a hex string, e.g. \"100000003\"");
        }
    }
}
