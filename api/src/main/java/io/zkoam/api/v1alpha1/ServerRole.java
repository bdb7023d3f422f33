package io.zkoam.api.v1alpha1;

/** Role of a server line in ZooKeeper's dynamic configuration, spelled as ZooKeeper spells it. */
public enum ServerRole {
  participant,
  observer
}
