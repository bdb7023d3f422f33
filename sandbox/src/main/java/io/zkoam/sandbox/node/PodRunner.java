package io.zkoam.sandbox.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one pod on the simulated node, on its own thread: mount volumes, run the init containers in order,
 * start the containers, then probe and restart them, publishing the pod status whenever it changes; on deletion,
 * stop every process within the grace period.
 */
final class PodRunner implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PodRunner.class);
  /** Probe periods are capped so a sandbox reacts in about a second, not the kubelet's 5-10 s. */
  private static final Duration MAX_PROBE_PERIOD = Duration.ofSeconds(1);
  private static final Duration TICK = Duration.ofMillis(250);
  private static final Duration MAX_GRACE = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final Pod pod;
  private final String ip;
  private final VolumeStore volumes;
  private final List<ContainerImage> images;
  private final Path hostsFile;
  private final Clock clock;
  private final Thread predecessor;
  private final Map<String, ContainerSlot> slots = new LinkedHashMap<>();
  private final List<String> initDone = new ArrayList<>();
  private volatile boolean stopping;
  private PodStatus published;
  private Instant startTime;
  private String initWaiting;

  /**
   * @param predecessor the stopper of a deleted pod of the same name (same address and claim), or null; this pod
   *     starts nothing before it is done, as a real pod's replacement cannot start before the old one terminated
   */
  PodRunner(KubernetesClient client, Pod pod, String ip, VolumeStore volumes, List<ContainerImage> images,
      Path hostsFile, Clock clock, Thread predecessor) {
    this.client = client;
    this.pod = pod;
    this.ip = ip;
    this.volumes = volumes;
    this.images = images;
    this.hostsFile = hostsFile;
    this.clock = clock;
    this.predecessor = predecessor;
    pod.getSpec().getContainers().forEach(c -> slots.put(c.getName(), new ContainerSlot(c)));
  }

  String name() {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  void requestStop() {
    stopping = true;
  }

  @Override
  public void run() {
    startTime = clock.instant();
    try {
      if (predecessor != null) {
        predecessor.join(MAX_GRACE.multipliedBy(3).toMillis());
      }
      Map<String, Path> byVolume = mountVolumes();
      if (byVolume == null) {
        return;
      }
      if (!runInitContainers(byVolume)) {
        return;
      }
      while (!stopping) {
        for (ContainerSlot slot : slots.values()) {
          tend(slot, byVolume);
        }
        publish();
        pause(TICK);
      }
    } catch (RuntimeException e) {
      LOG.warn("pod {} runner failed: {}", name(), e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Duration grace = Duration.ofSeconds(Optional.ofNullable(pod.getSpec().getTerminationGracePeriodSeconds())
          .orElse(30L));
      Duration bounded = grace.compareTo(MAX_GRACE) > 0 ? MAX_GRACE : grace;
      slots.values().stream().filter(ContainerSlot::running).forEach(s -> s.process.stop(bounded));
      volumes.removePod(pod);
      LOG.info("pod {} stopped", name());
    }
  }

  /** Fault injection: kill -9 a container; it restarts like any crashed container. */
  void crash(String container) {
    ContainerSlot slot = slots.get(container);
    if (slot != null && slot.running()) {
      slot.process.kill();
    }
  }

  /** Fault injection: stop a container (gracefully, or kill -9) and keep it stopped until {@link #release}. */
  void hold(String container, boolean kill) {
    ContainerSlot slot = slots.get(container);
    if (slot != null) {
      slot.held = true;
      if (slot.running()) {
        if (kill) {
          slot.process.kill();
        } else {
          slot.process.stop(Duration.ofSeconds(5));
        }
      }
    }
  }

  void release(String container) {
    ContainerSlot slot = slots.get(container);
    if (slot != null) {
      slot.held = false;
      slot.nextStart = Instant.EPOCH;
    }
  }

  private Map<String, Path> mountVolumes() {
    Duration backoff = Duration.ofMillis(500);
    while (!stopping) {
      try {
        Map<String, Path> byVolume = new HashMap<>();
        for (Volume v : pod.getSpec().getVolumes()) {
          byVolume.put(v.getName(), volumes.mount(pod, v));
        }
        return byVolume;
      } catch (VolumeStore.MountException e) {
        initWaiting = "ContainerCreating: " + e.getMessage();
        publish();
        pause(backoff);
      }
    }
    return null;
  }

  private boolean runInitContainers(Map<String, Path> byVolume) {
    for (Container init : pod.getSpec().getInitContainers()) {
      int attempts = 0;
      while (!stopping) {
        initWaiting = "PodInitializing";
        publish();
        RunningContainer process = start(init, byVolume);
        while (!stopping && process.isAlive()) {
          pause(TICK);
        }
        if (stopping) {
          process.stop(Duration.ofSeconds(2));
          return false;
        }
        int code = process.exitCode().orElse(-1);
        if (code == 0) {
          initDone.add(init.getName());
          break;
        }
        attempts++;
        initWaiting = "Init:CrashLoopBackOff (exit " + code + ", see " + logFile(init) + ")";
        LOG.warn("pod {}: init container {} exited with {} (attempt {})", name(), init.getName(), code, attempts);
        publish();
        pause(Duration.ofMillis(Math.min(10_000, 1000L << Math.min(attempts, 4))));
      }
    }
    initWaiting = null;
    return !stopping;
  }

  private void tend(ContainerSlot slot, Map<String, Path> byVolume) {
    Instant now = clock.instant();
    if (!slot.running()) {
      if (slot.process != null) {
        slot.lastExitCode = slot.process.exitCode().orElse(null);
        slot.process = null;
        slot.ready = false;
        slot.started = false;
        slot.restarts++;
        slot.nextStart = now.plus(slot.backoff());
        slot.waitingReason = "CrashLoopBackOff";
      }
      if (slot.held) {
        slot.waitingReason = "StoppedBySandbox";
        return;
      }
      if (now.isBefore(slot.nextStart)) {
        return;
      }
      slot.process = start(slot.spec, byVolume);
      slot.startedAt = now;
      slot.livenessFailures = 0;
      slot.readinessFailures = 0;
      slot.startupFailures = 0;
      slot.started = slot.startupProbe() == null;
      slot.waitingReason = null;
      return;
    }
    if (Duration.between(slot.lastProbe, now).compareTo(period(slot.spec.getReadinessProbe())) < 0) {
      return;
    }
    slot.lastProbe = now;
    if (Duration.between(slot.startedAt, now).getSeconds() < initialDelay(slot.spec)) {
      return;
    }
    if (!slot.started) {
      Probe startup = slot.startupProbe();
      if (Probes.check(startup, slot.spec, ip)) {
        slot.started = true;
      } else if (++slot.startupFailures >= threshold(startup)) {
        LOG.warn("pod {}: container {} failed its startup probe; restarting", name(), slot.spec.getName());
        slot.process.kill();
      }
      return;
    }
    Probe liveness = slot.spec.getLivenessProbe();
    if (liveness != null && Duration.between(slot.lastLiveness, now).compareTo(livenessPeriod(liveness)) >= 0) {
      slot.lastLiveness = now;
      if (Probes.check(liveness, slot.spec, ip)) {
        slot.livenessFailures = 0;
      } else if (++slot.livenessFailures >= threshold(liveness)) {
        LOG.warn("pod {}: container {} failed its liveness probe; restarting", name(), slot.spec.getName());
        slot.process.kill();
        return;
      }
    }
    Probe readiness = slot.spec.getReadinessProbe();
    if (readiness == null) {
      slot.ready = true;
    } else if (Probes.check(readiness, slot.spec, ip)) {
      slot.readinessFailures = 0;
      slot.ready = true;
    } else if (++slot.readinessFailures >= threshold(readiness)) {
      slot.ready = false;
    }
  }

  private RunningContainer start(Container container, Map<String, Path> byVolume) {
    ContainerImage image = images.stream().filter(i -> i.handles(container)).findFirst()
        .orElseThrow(() -> new IllegalStateException("the sandbox cannot run image " + container.getImage()
            + " of " + name() + "/" + container.getName()));
    Map<String, Path> mounts = new HashMap<>();
    for (VolumeMount m : Optional.ofNullable(container.getVolumeMounts()).orElse(List.of())) {
      Path host = byVolume.get(m.getName());
      if (host != null) {
        mounts.put(m.getMountPath(), host);
      }
    }
    Path workDir = volumes.podDirectory(pod).resolve("containers").resolve(container.getName());
    LOG.info("pod {}: starting container {}", name(), container.getName());
    return image.start(new ContainerLaunch(pod, container, ip, ContainerEnvironment.of(pod, container, ip), mounts,
        logFile(container), hostsFile, workDir));
  }

  Path logFile(Container container) {
    return volumes.podDirectory(pod).resolve("logs").resolve(container.getName() + ".log");
  }

  private void publish() {
    PodStatus status = status();
    if (Objects.equals(status, published) || stopping) {
      return;
    }
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .editStatus(p -> {
            p.setStatus(status);
            return p;
          });
      published = status;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        stopping = true;
      } else {
        LOG.debug("pod {}: status not written: {}", name(), e.getMessage());
      }
    }
  }

  private PodStatus status() {
    return PodStatuses.of(pod, ip, slots.values(), initDone, initWaiting, startTime.toString());
  }

  private static Duration period(Probe probe) {
    if (probe == null || probe.getPeriodSeconds() == null) {
      return MAX_PROBE_PERIOD;
    }
    Duration given = Duration.ofSeconds(probe.getPeriodSeconds());
    return given.compareTo(MAX_PROBE_PERIOD) > 0 ? MAX_PROBE_PERIOD : given;
  }

  /**
   * Liveness keeps its own period (at least 1 s): it only has to catch a stuck process, and a shortened one would
   * kill containers that are merely slow to start.
   */
  private static Duration livenessPeriod(Probe probe) {
    return Duration.ofSeconds(Math.max(1, probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds()));
  }

  private static long initialDelay(Container container) {
    Probe probe = container.getStartupProbe() != null ? container.getStartupProbe() : container.getLivenessProbe();
    return probe == null || probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds();
  }

  private static int threshold(Probe probe) {
    return probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
  }

  private void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }
}
