package io.zkoam.sandbox.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RBAC permissions each client of the embedded API used, keyed by its User-Agent (the sandbox gives each
 * controller its name as user agent). With the system property {@value #DIRECTORY_PROPERTY} set (failsafe sets it for
 * the sandbox's ITs), {@link #writeMerged} merges them into {@code <dir>/<user agent>.tsv}, one
 * {@code verb<TAB>apiGroup<TAB>resource} a line, sorted: the input of deploy-tests' RbacTest.
 */
public final class ObservedPermissions {
  public static final String DIRECTORY_PROPERTY = "zkoam.sandbox.permissionsDir";
  private static final String NO_AGENT = "";

  private final Map<String, Set<RbacPermission>> byAgent = new ConcurrentHashMap<>();

  /** Records what a request needs; discovery requests need nothing and are not recorded. */
  void record(String userAgent, String method, String pathAndQuery) {
    RbacPermission.of(method, pathAndQuery).ifPresent(p -> byAgent.computeIfAbsent(
        userAgent == null ? NO_AGENT : userAgent, a -> ConcurrentHashMap.newKeySet()).add(p));
  }

  /** The permissions the requests of {@code userAgent} needed so far, sorted. */
  public Set<RbacPermission> of(String userAgent) {
    return new TreeSet<>(byAgent.getOrDefault(userAgent, Set.of()));
  }

  /** The directory named by {@value #DIRECTORY_PROPERTY}, when set. */
  public static Optional<Path> directoryFromSystemProperty() {
    return Optional.ofNullable(System.getProperty(DIRECTORY_PROPERTY)).filter(s -> !s.isBlank()).map(Path::of);
  }

  /**
   * Merges the permissions of each of {@code userAgents} into {@code dir/<agent>.tsv} (sorted, deduplicated, with
   * what the file already holds). A file lock in {@code dir} serialises writers from several JVMs.
   */
  public void writeMerged(Path dir, Collection<String> userAgents) {
    try {
      Files.createDirectories(dir);
      try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE)) {
        FileLock lock = lockFile.lock();
        try {
          for (String agent : userAgents) {
            Set<RbacPermission> merged = new TreeSet<>(of(agent));
            Path file = dir.resolve(agent + ".tsv");
            merged.addAll(read(file));
            Files.write(file, merged.stream().map(RbacPermission::tsv).toList(), StandardCharsets.UTF_8);
          }
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write observed permissions to " + dir, e);
    }
  }

  /** The permissions in a file {@link #writeMerged} wrote; empty when there is none. */
  public static Set<RbacPermission> read(Path file) {
    Set<RbacPermission> permissions = new TreeSet<>();
    if (Files.isRegularFile(file)) {
      try {
        Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
            .map(RbacPermission::parseTsv).forEach(permissions::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return permissions;
  }
}
