package io.zkoam.sandbox.net;

import io.zkoam.zkprocess.HostsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated pod network: every pod gets its own loopback address, so each can bind the standard ZooKeeper ports,
 * and a hosts file maps the headless Service's per-pod DNS names to those addresses (processes are started with
 * {@code -Djdk.net.hosts.file}). Addresses are stable per pod name for the life of the sandbox: a restarted or
 * recreated pod keeps its address, as the JVM caches name lookups. Each StatefulSet gets a block of addresses whose
 * names are published before its pods exist, so a joiner is never looked up before its name resolves.
 */
public final class PodNetwork {
  /** Ordinals per StatefulSet block; ZooKeeper ensembles here have at most 9 voters plus joiners. */
  private static final int BLOCK_SIZE = 16;

  private final Path hostsFile;
  private final Map<String, Integer> blocks = new HashMap<>();
  private final Map<String, String> names = new TreeMap<>();
  private final Map<String, String> serviceAddresses = new HashMap<>();
  private int nextBlock = 0;
  private int nextService = 1;

  public PodNetwork(Path hostsFile) {
    this.hostsFile = hostsFile;
    names.put("localhost", "127.0.0.1");
    write();
  }

  public Path hostsFile() {
    return hostsFile;
  }

  /**
   * The address of ordinal {@code ordinal} of StatefulSet {@code namespace/set}; also publishes the DNS names of the
   * set's whole block under {@code headlessService}.
   */
  public synchronized String podAddress(String namespace, String set, String headlessService, String clusterDomain,
      int ordinal) {
    String key = namespace + "/" + set;
    Integer block = blocks.get(key);
    if (block == null) {
      block = nextBlock++;
      blocks.put(key, block);
    }
    boolean changed = false;
    for (int i = 0; i < BLOCK_SIZE; i++) {
      String name = set + "-" + i + "." + headlessService + "." + namespace + ".svc." + clusterDomain;
      String address = address(block, i);
      changed |= !address.equals(names.put(name, address));
    }
    if (changed) {
      write();
    }
    return address(block, ordinal);
  }

  /** A stable virtual address for a ClusterIP Service (the sandbox's kube-proxy listens on it). */
  public synchronized String serviceAddress(String namespace, String service) {
    return serviceAddresses.computeIfAbsent(namespace + "/" + service, k -> "127.1.0." + nextService++);
  }

  /** Publishes a DNS name, e.g. a Service's, in the hosts file. */
  public synchronized void publish(String name, String address) {
    if (!address.equals(names.put(name, address))) {
      write();
    }
  }

  private static String address(int block, int ordinal) {
    // 127.10.0.0/16 onwards: 16 sets per third octet, each ordinal its own address.
    int third = block / 15;
    int fourth = (block % 15) * BLOCK_SIZE + ordinal + 1;
    return "127." + (10 + third / 256) + "." + (third % 256) + "." + fourth;
  }

  private void write() {
    try {
      HostsFile.write(hostsFile, names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
