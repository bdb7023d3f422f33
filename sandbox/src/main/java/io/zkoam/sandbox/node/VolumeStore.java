package io.zkoam.sandbox.node;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Volumes as directories on this machine. A claim is a directory that outlives pods (and is removed with its claim);
 * an emptyDir lives and dies with the pod; ConfigMaps and Secrets are written out as one file per key, fresh at each
 * pod start, as the kubelet mounts them.
 */
public final class VolumeStore {
  private final Path root;
  private final KubernetesClient client;

  public VolumeStore(Path root, KubernetesClient client) {
    this.root = root;
    this.client = client;
  }

  public Path claimDirectory(String namespace, String claim) {
    return root.resolve("claims").resolve(namespace).resolve(claim);
  }

  public Path podDirectory(Pod pod) {
    return root.resolve("pods").resolve(pod.getMetadata().getNamespace())
        .resolve(pod.getMetadata().getName() + "-" + pod.getMetadata().getUid());
  }

  /** Prepares the directory of one volume of a pod; returns it. */
  public Path mount(Pod pod, Volume volume) {
    String namespace = pod.getMetadata().getNamespace();
    try {
      if (volume.getPersistentVolumeClaim() != null) {
        String claim = volume.getPersistentVolumeClaim().getClaimName();
        if (client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get() == null) {
          throw new MountException("PersistentVolumeClaim " + claim + " not found");
        }
        return Files.createDirectories(claimDirectory(namespace, claim));
      }
      Path dir = Files.createDirectories(podDirectory(pod).resolve("volumes").resolve(volume.getName()));
      if (volume.getConfigMap() != null) {
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get();
        if (map == null) {
          throw new MountException("ConfigMap " + volume.getConfigMap().getName() + " not found");
        }
        writeFiles(dir, map.getData(), false);
      } else if (volume.getSecret() != null) {
        Secret secret = client.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).get();
        if (secret == null) {
          throw new MountException("Secret " + volume.getSecret().getSecretName() + " not found");
        }
        writeFiles(dir, secret.getData(), true);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeFiles(Path dir, Map<String, String> data, boolean base64) throws IOException {
    if (data == null) {
      return;
    }
    for (Map.Entry<String, String> entry : data.entrySet()) {
      byte[] bytes = base64 ? Base64.getDecoder().decode(entry.getValue())
          : entry.getValue().getBytes(StandardCharsets.UTF_8);
      Files.write(dir.resolve(entry.getKey()), bytes);
    }
  }

  /** Removes a pod's own volumes (emptyDir, ConfigMap and Secret copies); claims stay. */
  public void removePod(Pod pod) {
    deleteTree(podDirectory(pod).resolve("volumes"));
  }

  /** A deleted claim takes its data with it. */
  public void removeClaim(String namespace, String claim) {
    deleteTree(claimDirectory(namespace, claim));
  }

  /** Removes a directory and everything below it; nothing when it does not exist. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A volume the pod needs does not exist yet (the kubelet retries, as a real one does). */
  public static final class MountException extends RuntimeException {
    MountException(String message) {
      super(message);
    }
  }
}
