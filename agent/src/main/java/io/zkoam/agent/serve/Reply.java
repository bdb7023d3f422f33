package io.zkoam.agent.serve;

import java.util.Map;

/**
 * An HTTP answer: status, a body serialized as JSON, extra headers.
 *
 * @param body a record or map; null fields are left out of the JSON
 */
public record Reply(int status, Object body, Map<String, String> headers) {

    public static Reply json(int status, Object body) {
        return new Reply(status, body, Map.of());
    }

    /** The error shape of every endpoint: a machine-readable code and a human-readable reason. */
    public static Reply error(int status, String error, String reason) {
        return json(status, new ErrorBody(error, reason, null));
    }

    /** An error about one field of the request body (400). */
    public static Reply badField(String field, String reason) {
        return json(400, new ErrorBody("BAD_REQUEST", reason, field));
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Reply(status, body, copy);
    }

    /** {@code {"error": "...", "reason": "...", "field": "..."}}. */
    public record ErrorBody(String error, String reason, String field) {
    }
}
