package io.zkoam.runtime.apply;

/** What an apply step did; UNCHANGED and ABSENT made no write call. */
public enum ApplyOutcome {
  CREATED,
  PATCHED,
  UNCHANGED,
  DELETED,
  ABSENT;

  public boolean wrote() {
    return this == CREATED || this == PATCHED || this == DELETED;
  }
}
