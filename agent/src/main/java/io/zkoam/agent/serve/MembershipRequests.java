package io.zkoam.agent.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkoam.agent.zk.ConfigVersion;
import io.zkoam.agent.zk.Role;
import io.zkoam.agent.zk.ServerLine;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

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
        ObjectNode json = object(body, Set.of("id", "host", "role", "fromVersion"));
        JsonNode hostNode = json.get("host");
        if (hostNode == null || !hostNode.isTextual() || !ServerLine.isValidHost(hostNode.asText())) {
            throw new BadRequest("host", "host must be the server's DNS name (letters, digits, '-' and '.'), e.g. "
                + "\"zk-3.zk-hs.default.svc.cluster.local\"");
        }
        Role role = Role.PARTICIPANT;
        JsonNode roleNode = json.get("role");
        if (roleNode != null) {
            try {
                role = Role.parse(roleNode.isTextual() ? roleNode.asText() : roleNode.toString());
            } catch (IllegalArgumentException e) {
                throw new BadRequest("role", e.getMessage());
            }
        }
        return new Add(id(json), hostNode.asText(), role, fromVersion(json));
    }

    static Del del(byte[] body) throws BadRequest {
        ObjectNode json = object(body, Set.of("id", "fromVersion"));
        return new Del(id(json), fromVersion(json));
    }

    private static ObjectNode object(byte[] body, Set<String> fields) throws BadRequest {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest(null, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest(null, "the body cannot be read: " + e.getMessage());
        }
        if (!(json instanceof ObjectNode object)) {
            throw new BadRequest(null, "the body must be a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new BadRequest(name, "unknown field '" + name + "'; allowed: " + fields);
            }
        }
        return object;
    }

    private static int id(ObjectNode json) throws BadRequest {
        JsonNode id = json.get("id");
        if (id == null || !id.canConvertToInt() || !id.isIntegralNumber() || id.asInt() < 1 || id.asInt() > MAX_SERVER_ID) {
            throw new BadRequest("id", "id must be an integer server id from 1 to " + MAX_SERVER_ID);
        }
        return id.asInt();
    }

    private static Long fromVersion(ObjectNode json) throws BadRequest {
        JsonNode version = json.get("fromVersion");
        if (version == null || version.isNull()) {
            return null;
        }
        try {
            if (!version.isTextual()) {
                throw new IllegalArgumentException("not a string");
            }
            return ConfigVersion.parseHex(version.asText());
        } catch (IllegalArgumentException e) {
            throw new BadRequest("fromVersion", "fromVersion must be the config version as a hex string, e.g. \"100000003\"");
        }
    }
}
