package io.zkoam.sandbox.node;

import io.fabric8.kubernetes.api.model.Container;

/**
 * How the simulated container runtime runs an image. There is no container engine here, so each image zkoam uses is
 * run as the process its entrypoint would start, from this JVM's classpath: the agent image as
 * {@code AgentMain}, the official zookeeper image as {@code QuorumPeerMain} on the config the init step wrote.
 */
interface ContainerImage {
  boolean handles(Container container);

  RunningContainer start(ContainerLaunch launch);
}
