package io.zkoam.sandbox.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Counts leader elections from the agents' {@code /status}: every election starts a new epoch, the upper 32 bits of
 * the zxid, so the number of elections in a run is the growth of the highest epoch any server reports.
 */
final class LeaderEpochs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  private final Supplier<List<String>> agentAddresses;
  private long first = -1;
  private long highest = -1;

  LeaderEpochs(Supplier<List<String>> agentAddresses) {
    this.agentAddresses = agentAddresses;
  }

  synchronized void sample() {
    for (String address : agentAddresses.get()) {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/status"))
            .timeout(Duration.ofMillis(500)).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode status = JSON.readTree(response.body());
        String zxid = status.path("zxid").asText("");
        if (status.path("serving").asBoolean() && !zxid.isEmpty()) {
          long epoch = Long.parseUnsignedLong(zxid.replaceFirst("^0x", ""), 16) >>> 32;
          if (first < 0) {
            first = epoch;
          }
          highest = Math.max(highest, epoch);
        }
      } catch (Exception e) {
        // a server that does not answer now is sampled again next time
      }
    }
  }

  synchronized long elections() {
    return first < 0 ? 0 : highest - first;
  }
}
