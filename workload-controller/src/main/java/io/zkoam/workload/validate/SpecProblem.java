package io.zkoam.workload.validate;

/** A spec value the controller refuses, with the field path a person can fix. */
public record SpecProblem(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
