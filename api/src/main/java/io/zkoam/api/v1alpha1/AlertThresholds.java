package io.zkoam.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Thresholds of the default alerts; defaults follow upstream ZooKeeper's reference values. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertThresholds(
    @JsonPropertyDescription("Outstanding requests per server.") @Min(1) @Default("10") Long outstandingRequests,
    @JsonPropertyDescription("Average write latency in ms (5m window).") @Min(1) @Default("100") Long writeLatencyMs,
    @JsonPropertyDescription("Average read latency in ms (5m window).") @Min(1) @Default("100") Long readLatencyMs,
    @JsonPropertyDescription("Average fsync time in ms (5m window).") @Min(1) @Default("100") Long fsyncMs,
    @JsonPropertyDescription("Znodes per server.") @Min(1) @Default("1000000") Long znodeCount,
    @JsonPropertyDescription("Approximate in-memory data size in bytes.") @Min(1) @Default("1073741824")
    Long dataSizeBytes,
    @JsonPropertyDescription("Watches per server.") @Min(1) @Default("10000") Long watchCount,
    @JsonPropertyDescription("Leader elections per hour before flapping is reported.") @Min(1) @Default("3")
    Long electionsPerHour,
    @JsonPropertyDescription("Share of the file descriptor limit in use.") @Min(0.01) @Max(1) @Default("0.85")
    Double fileDescriptorRatio,
    @JsonPropertyDescription("Share of the maximum heap in use.") @Min(0.01) @Max(1) @Default("0.85")
    Double heapRatio,
    @JsonPropertyDescription("Share of time spent in GC.") @Min(0.01) @Max(1) @Default("0.1")
    Double gcTimeRatio) {

  public static final AlertThresholds DEFAULT =
      new AlertThresholds(null, null, null, null, null, null, null, null, null, null, null);

  public AlertThresholds {
    outstandingRequests = outstandingRequests == null ? 10L : outstandingRequests;
    writeLatencyMs = writeLatencyMs == null ? 100L : writeLatencyMs;
    readLatencyMs = readLatencyMs == null ? 100L : readLatencyMs;
    fsyncMs = fsyncMs == null ? 100L : fsyncMs;
    znodeCount = znodeCount == null ? 1_000_000L : znodeCount;
    dataSizeBytes = dataSizeBytes == null ? 1L << 30 : dataSizeBytes;
    watchCount = watchCount == null ? 10_000L : watchCount;
    electionsPerHour = electionsPerHour == null ? 3L : electionsPerHour;
    fileDescriptorRatio = fileDescriptorRatio == null ? 0.85 : fileDescriptorRatio;
    heapRatio = heapRatio == null ? 0.85 : heapRatio;
    gcTimeRatio = gcTimeRatio == null ? 0.1 : gcTimeRatio;
  }
}
