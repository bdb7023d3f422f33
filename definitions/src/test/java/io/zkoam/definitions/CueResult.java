package io.zkoam.definitions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What one CUE command gave: its exit code and output (JSON for a successful export). */
public record CueResult(String id, int code, String stdout, String stderr) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public boolean ok() {
    return code == 0;
  }

  /** The exported value; fails the test, with CUE's message, when the command did not succeed. */
  public JsonNode json() {
    if (!ok()) {
      throw new AssertionError("cue failed for " + id + " (exit " + code + "):\n" + stderr);
    }
    try {
      return JSON.readTree(stdout);
    } catch (JsonProcessingException e) {
      throw new AssertionError("cue printed no JSON for " + id + ": " + stdout, e);
    }
  }

  @Override
  public String toString() {
    return id + " exit " + code + (stderr.isBlank() ? "" : ":\n" + stderr);
  }
}
