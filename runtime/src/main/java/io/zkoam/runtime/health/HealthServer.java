package io.zkoam.runtime.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * One port for the kubelet and Prometheus: {@code /healthz} (the process works; fails once a replica lost its leader
 * Lease, so the kubelet restarts it), {@code /readyz} (informers are
 * synced and healthy; a standby replica waiting for the leader lease is ready too, so a rollout of the controller
 * Deployment is not blocked) and {@code /metrics}.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  public HealthServer(InetSocketAddress address, BooleanSupplier alive, BooleanSupplier ready,
      CollectorRegistry registry) throws IOException {
    server = HttpServer.create(address, 16);
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "health-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/healthz", ex -> {
      boolean ok = alive.getAsBoolean();
      respond(ex, ok ? 200 : 503, ok ? "ok\n" : "not alive\n", "text/plain");
    });
    server.createContext("/readyz", ex -> {
      boolean ok = ready.getAsBoolean();
      respond(ex, ok ? 200 : 503, ok ? "ready\n" : "not ready\n", "text/plain");
    });
    server.createContext("/metrics", ex -> {
      StringWriter text = new StringWriter();
      TextFormat.write004(text, registry.metricFamilySamples());
      respond(ex, 200, text.toString(), TextFormat.CONTENT_TYPE_004);
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int code, String body, String type) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
