package io.zkoam.workload.observe;

import io.zkoam.api.v1alpha1.ClusterMember;
import java.util.List;

/** The ensemble's committed dynamic configuration, as a serving member's agent reported it after a sync. */
public record CommittedConfig(String version, List<ClusterMember> members) {}
