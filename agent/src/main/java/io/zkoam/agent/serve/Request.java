package io.zkoam.agent.serve;

import com.sun.net.httpserver.Headers;

/**
 * What an endpoint sees of an HTTP request.
 *
 * @param caller the remote address, for the audit line of mutating calls
 */
public record Request(String method, String path, Headers headers, byte[] body, String caller) {

    public String header(String name) {
        return headers.getFirst(name);
    }
}
