package io.zkoam.sandbox.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every membership an ensemble committed, read from its servers' volumes: on each committed reconfig a server writes
 * {@code zoo.cfg.dynamic.<hex version>} and never deletes it, so the union over all volumes is the ensemble's full
 * history (version 0 files are joiner seeds written by init, not commits). Lets a test assert, from ZooKeeper's own
 * record, that each change moved exactly one server.
 */
public final class ConfigHistory {
  private static final Pattern FILE = Pattern.compile("zoo\\.cfg\\.dynamic\\.([0-9a-f]+)");
  private static final Pattern LINE = Pattern.compile("^server\\.(\\d+)=[^:]+:\\d+:\\d+(?::(participant|observer))?.*$");

  /** One committed configuration: its version and its members by id with their role. */
  public record Version(long version, Map<Integer, String> members) {
    public Set<Integer> voters() {
      Set<Integer> voters = new TreeSet<>();
      members.forEach((id, role) -> {
        if (!"observer".equals(role)) {
          voters.add(id);
        }
      });
      return voters;
    }
  }

  private ConfigHistory() {}

  /** The committed configurations found under {@code root}, oldest first. */
  public static List<Version> read(Path root) {
    Map<Long, Map<Integer, String>> versions = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Matcher name = FILE.matcher(file.getFileName().toString());
        if (!name.matches()) {
          continue;
        }
        long version = Long.parseUnsignedLong(name.group(1), 16);
        if (version == 0) {
          continue;
        }
        Map<Integer, String> members = parse(Files.readAllLines(file));
        Map<Integer, String> known = versions.putIfAbsent(version, members);
        if (known != null && !known.equals(members)) {
          throw new IllegalStateException("two different configurations carry version " + Long.toHexString(version)
              + ": " + known + " and " + members + " (" + file + ")");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Version> history = new ArrayList<>();
    versions.forEach((v, m) -> history.add(new Version(v, m)));
    return history;
  }

  /** Transitions that changed more than one server's membership or role: none when changes went one at a time. */
  public static List<String> multiServerChanges(List<Version> history) {
    List<String> problems = new ArrayList<>();
    for (int i = 1; i < history.size(); i++) {
      Version before = history.get(i - 1);
      Version after = history.get(i);
      Set<Integer> changed = new TreeSet<>();
      Set<Integer> ids = new TreeSet<>(before.members().keySet());
      ids.addAll(after.members().keySet());
      for (int id : ids) {
        if (!java.util.Objects.equals(before.members().get(id), after.members().get(id))) {
          changed.add(id);
        }
      }
      if (changed.size() != 1) {
        problems.add(Long.toHexString(before.version()) + " " + before.members() + " -> "
            + Long.toHexString(after.version()) + " " + after.members() + " changed servers " + changed);
      }
    }
    return problems;
  }

  private static Map<Integer, String> parse(List<String> lines) {
    Map<Integer, String> members = new TreeMap<>();
    for (String line : lines) {
      Matcher m = LINE.matcher(line.strip());
      if (m.matches()) {
        members.put(Integer.parseInt(m.group(1)), m.group(2) == null ? "participant" : m.group(2));
      }
    }
    return members;
  }
}
