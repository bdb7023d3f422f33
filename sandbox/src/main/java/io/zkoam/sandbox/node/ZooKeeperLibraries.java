package io.zkoam.sandbox.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Jars that must come first on a ZooKeeper server's classpath because the official image ships other versions than
 * the controllers use: the Prometheus simpleclient ZooKeeper 3.9's metrics provider is built with (0.9.0, which
 * exports counters without {@code _total}). The sandbox build copies them into its own resources; they are written
 * to the work directory once.
 */
final class ZooKeeperLibraries {
  static final List<String> JARS = List.of("simpleclient.jar", "simpleclient_common.jar", "simpleclient_hotspot.jar",
      "simpleclient_servlet.jar");
  private static final String RESOURCES = "sandbox/zookeeper-lib/";

  private final Path dir;
  private String classpath;

  ZooKeeperLibraries(Path workDir) {
    this.dir = workDir.resolve("zookeeper-lib");
  }

  /** The jars as a classpath prefix (ending in the path separator). */
  synchronized String classpathPrefix() {
    if (classpath == null) {
      try {
        Files.createDirectories(dir);
        for (String jar : JARS) {
          try (InputStream in = ZooKeeperLibraries.class.getClassLoader().getResourceAsStream(RESOURCES + jar)) {
            if (in == null) {
              throw new IllegalStateException(RESOURCES + jar + " is missing: build the sandbox with Maven");
            }
            Files.copy(in, dir.resolve(jar), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      classpath = JARS.stream().map(j -> dir.resolve(j).toAbsolutePath().toString())
          .collect(Collectors.joining(java.io.File.pathSeparator)) + java.io.File.pathSeparator;
    }
    return classpath;
  }
}
