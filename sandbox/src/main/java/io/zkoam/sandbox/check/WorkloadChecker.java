package io.zkoam.sandbox.check;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that writes sequential znodes through the client Service during a scenario and records every write the
 * ensemble acknowledged; at the end every acknowledged write must be readable, in order, from every member. Its report
 * also gives the longest write outage and the leader elections the agents saw.
 */
public final class WorkloadChecker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadChecker.class);
  private static final String ROOT = "/zkoam-check";

  private final String serviceAddress;
  private final Supplier<List<String>> memberAddresses;
  private final LeaderEpochs epochs;
  private final Duration pace;
  private final List<String> acknowledged = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private long failedAttempts;
  private long maxGapNanos;
  private Thread writer;
  private Thread sampler;

  /**
   * @param serviceAddress host:port of the client Service
   * @param memberAddresses host:port of each member's client port, for the final read
   * @param agentAddresses host:port of each member's agent, for the leader epochs
   * @param pace time between writes
   */
  public WorkloadChecker(String serviceAddress, Supplier<List<String>> memberAddresses,
      Supplier<List<String>> agentAddresses, Duration pace) {
    this.serviceAddress = serviceAddress;
    this.memberAddresses = memberAddresses;
    this.epochs = new LeaderEpochs(agentAddresses);
    this.pace = pace;
  }

  public WorkloadChecker start() {
    running.set(true);
    epochs.sample();
    writer = new Thread(this::write, "workload-checker");
    writer.setDaemon(true);
    writer.start();
    sampler = new Thread(() -> {
      while (running.get()) {
        epochs.sample();
        pauseMillis(200);
      }
    }, "workload-checker-epochs");
    sampler.setDaemon(true);
    sampler.start();
    return this;
  }

  private void write() {
    ZooKeeper zk = null;
    long lastSuccess = System.nanoTime();
    long counter = 0;
    while (running.get()) {
      try {
        if (zk == null || !zk.getState().isAlive()) {
          zk = connect(serviceAddress);
        }
        if (counter == 0) {
          ensureRoot(zk);
        }
        String path = zk.create(ROOT + "/w-", Long.toString(counter).getBytes(StandardCharsets.UTF_8),
            ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
        long now = System.nanoTime();
        synchronized (this) {
          acknowledged.add(path);
          maxGapNanos = Math.max(maxGapNanos, now - lastSuccess);
        }
        lastSuccess = now;
        counter++;
      } catch (KeeperException e) {
        synchronized (this) {
          failedAttempts++;
        }
        if (e.code() == KeeperException.Code.SESSIONEXPIRED) {
          closeQuietly(zk);
          zk = null;
        }
      } catch (Exception e) {
        synchronized (this) {
          failedAttempts++;
        }
        closeQuietly(zk);
        zk = null;
        pauseMillis(100);
      }
      pauseMillis(pace.toMillis());
    }
    synchronized (this) {
      maxGapNanos = Math.max(maxGapNanos, System.nanoTime() - lastSuccess);
    }
    closeQuietly(zk);
  }

  private static void ensureRoot(ZooKeeper zk) throws KeeperException, InterruptedException {
    try {
      zk.create(ROOT, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    } catch (KeeperException.NodeExistsException e) {
      // a previous run or attempt created it
    }
  }

  /** Writes acknowledged so far. */
  public synchronized long acknowledgedSoFar() {
    return acknowledged.size();
  }

  /** Stops writing and checks every acknowledged write on every member. */
  public CheckReport stopAndVerify() {
    running.set(false);
    join(writer);
    join(sampler);
    epochs.sample();
    List<String> acked;
    synchronized (this) {
      acked = List.copyOf(acknowledged);
    }
    List<String> problems = new ArrayList<>();
    Set<String> lost = new HashSet<>();
    for (String member : memberAddresses.get()) {
      try (ZooKeeper zk = connect(member)) {
        zk.sync(ROOT);
        List<String> children = zk.getChildren(ROOT, false);
        Set<String> present = new HashSet<>(children);
        long previous = -1;
        for (String path : acked) {
          String child = path.substring(ROOT.length() + 1);
          long sequence = Long.parseLong(child.substring(child.length() - 10));
          if (!present.contains(child)) {
            lost.add(path);
            problems.add(member + " misses " + path);
          } else if (sequence <= previous) {
            lost.add(path);
            problems.add(member + " has " + path + " out of order");
          }
          previous = Math.max(previous, sequence);
        }
      } catch (Exception e) {
        problems.add(member + " could not be read: " + e);
        lost.addAll(acked);
      }
    }
    CheckReport report;
    synchronized (this) {
      report = new CheckReport(acked.size(), lost.size(), failedAttempts, Duration.ofNanos(maxGapNanos),
          epochs.elections(), problems.stream().limit(20).toList());
    }
    LOG.info("workload check: {}", report);
    return report;
  }

  private static ZooKeeper connect(String address) throws Exception {
    ZooKeeper zk = new ZooKeeper(address, 10_000, e -> { });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!zk.getState().isConnected()) {
      if (System.nanoTime() > deadline || !zk.getState().isAlive()) {
        zk.close();
        throw new IllegalStateException("cannot connect to " + address);
      }
      pauseMillis(20);
    }
    return zk;
  }

  private static void closeQuietly(ZooKeeper zk) {
    if (zk != null) {
      try {
        zk.close(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void join(Thread t) {
    if (t != null) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void pauseMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running.set(false);
    join(writer);
    join(sampler);
  }
}
