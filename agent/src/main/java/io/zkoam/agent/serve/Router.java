package io.zkoam.agent.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches on the exact path (the JDK server matches contexts by prefix, so {@code /healthz} would otherwise reach
 * {@code /health}), checks the method, serializes replies and records every request in {@link AgentMetrics}.
 */
final class Router implements HttpHandler {

    /** Larger bodies are refused: no legitimate request is more than a few hundred bytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private record Route(String method, Endpoint endpoint, HttpHandler raw) {
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final AgentMetrics metrics;

    Router(AgentMetrics metrics) {
        this.metrics = metrics;
    }

    Router route(String method, String path, Endpoint endpoint) {
        routes.put(path, new Route(method, endpoint, null));
        return this;
    }

    /** A route answered by a plain JDK handler (the Prometheus exposition). */
    Router raw(String method, String path, HttpHandler handler) {
        routes.put(path, new Route(method, null, handler));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        Route route = routes.get(path);
        String label = route == null ? "other" : path;
        int status = 500;
        try {
            if (route == null) {
                status = send(exchange, Reply.error(404, "NOT_FOUND", "no endpoint " + path + "; see docs/agent.md"));
            } else if (!route.method().equals(exchange.getRequestMethod())) {
                status = send(exchange, Reply.error(405, "METHOD_NOT_ALLOWED", path + " takes " + route.method())
                    .withHeader("Allow", route.method()));
            } else if (route.raw() != null) {
                route.raw().handle(exchange);
                status = exchange.getResponseCode();
            } else {
                byte[] body = readBody(exchange.getRequestBody());
                if (body == null) {
                    status = send(exchange, Reply.error(413, "BODY_TOO_LARGE", "request bodies are limited to " + MAX_BODY_BYTES + " bytes"));
                } else {
                    Request request = new Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body,
                        String.valueOf(exchange.getRemoteAddress()));
                    status = send(exchange, route.endpoint().handle(request));
                }
            }
        } catch (Exception | LinkageError e) {
            // LinkageError: a class missing from a badly built jar must still give the caller an answer
            LOG.error("{} {} failed", exchange.getRequestMethod(), path, e);
            status = trySend(exchange, Reply.error(500, "INTERNAL", String.valueOf(e.getMessage())));
        } finally {
            metrics.request(label, status, System.nanoTime() - start);
            exchange.close();
        }
    }

    private static int send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = Json.write(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return reply.status();
    }

    private static int trySend(HttpExchange exchange, Reply reply) {
        try {
            return send(exchange, reply);
        } catch (IOException | IllegalStateException e) {
            // headers were already sent, or the client left; the status stays what the metrics say
            return reply.status();
        }
    }

    /** The whole body, or null when it exceeds {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }
}
