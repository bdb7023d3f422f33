package io.zkoam.scaler.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.zkoam.api.status.ConditionTypes;
import io.zkoam.api.status.Conditions;
import io.zkoam.api.trait.WorkloadBinding;
import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ScalerTraitSpec;
import io.zkoam.api.v1alpha1.ScalerTraitStatus;
import io.zkoam.api.v1alpha1.ScalerTraitStatus.Phase;
import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.api.v1alpha1.ScalingStep.Action;
import io.zkoam.api.v1alpha1.WorkloadRef;
import io.zkoam.scaler.plan.EnsembleView;
import io.zkoam.scaler.plan.Plan;
import io.zkoam.scaler.plan.Plan.Kind;
import io.zkoam.scaler.plan.Views;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The status published for a plan or for a trait that may not act: deterministic, so unchanged means no write. */
class ScalerStatusModelTest {
  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
  private static final Instant T1 = Instant.parse("2025-03-01T12:07:30Z");
  private static final ScalingStep ADD_POD_4 =
      new ScalingStep(Action.AddPod, 4, "zk-3", "100000003", "2025-03-01T12:00:00Z", null);
  private static final EnsembleView THREE = Views.voters(1, 2, 3).build();
  private static final Plan IDLE = new Plan(Kind.Idle, Phase.Idle, null, null, "TargetReached",
      "3 voting members, as the spec asks");
  private static final Plan SCALING = new Plan(Kind.Act, Phase.ScalingUp, ADD_POD_4, null, "AddPod",
      "start server 4 (zk-3) as a non-voting follower");
  private static final Plan NO_QUORUM = new Plan(Kind.Blocked, Phase.Blocked, null, null, "NoQuorum",
      "the ensemble zk has no quorum");

  private static ScalerTrait trait(int replicas, ScalerTraitStatus status) {
    ScalerTrait trait = new ScalerTrait();
    trait.setMetadata(new ObjectMetaBuilder().withName("scaler").withNamespace("ns").withGeneration(4L).build());
    trait.setSpec(new ScalerTraitSpec(WorkloadRef.to("zk"), replicas, false, "10m"));
    trait.setStatus(status);
    return trait;
  }

  private static Condition condition(ScalerTraitStatus status, String type) {
    return Conditions.find(status.conditions(), type).orElseThrow(() -> new AssertionError("no " + type));
  }

  private static String summary(ScalerTraitStatus status, String type) {
    Condition c = condition(status, type);
    return c.getStatus() + "/" + c.getReason();
  }

  @Test
  void idlePlanIsReadyAndNotBlocked() {
    ScalerTraitStatus status = ScalerStatusModel.forPlan(trait(3, null), IDLE, THREE, T0);
    assertThat(status.observedGeneration()).isEqualTo(4L);
    assertThat(status.phase()).isEqualTo(Phase.Idle);
    assertThat(status.currentVoters()).isEqualTo(3);
    assertThat(status.targetVoters()).isEqualTo(3);
    assertThat(status.step()).isNull();
    assertThat(status.conditions()).extracting(Condition::getType)
        .containsExactly("Ready", "Blocked", "WorkloadFound", "Conflict");
    Condition ready = condition(status, ConditionTypes.READY);
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("TargetReached");
    assertThat(ready.getMessage()).isEqualTo("3 voting members, as the spec asks");
    assertThat(ready.getObservedGeneration()).isEqualTo(4L);
    assertThat(ready.getLastTransitionTime()).isEqualTo("2025-03-01T12:00:00Z");
    assertThat(summary(status, ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");
    assertThat(condition(status, ConditionTypes.BLOCKED).getMessage()).isEqualTo("nothing blocks the scaler");
    assertThat(summary(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(condition(status, ConditionTypes.WORKLOAD_FOUND).getMessage()).isEqualTo("ZooKeeperCluster zk found");
    assertThat(summary(status, ConditionTypes.CONFLICT)).isEqualTo("False/SoleScaler");
  }

  @Test
  void aStepInFlightIsRecordedAndNotReady() {
    ScalerTraitStatus status = ScalerStatusModel.forPlan(trait(5, null), SCALING, THREE, T0);
    assertThat(status.phase()).isEqualTo(Phase.ScalingUp);
    assertThat(status.step()).isEqualTo(ADD_POD_4);
    assertThat(status.currentVoters()).isEqualTo(3);
    assertThat(status.targetVoters()).isEqualTo(5);
    assertThat(summary(status, ConditionTypes.READY)).isEqualTo("False/AddPod");
    assertThat(condition(status, ConditionTypes.READY).getMessage())
        .isEqualTo("start server 4 (zk-3) as a non-voting follower");
    assertThat(summary(status, ConditionTypes.BLOCKED)).isEqualTo("False/NotBlocked");
  }

  @Test
  void aBlockedPlanSaysWhyInTheBlockedCondition() {
    ScalerTraitStatus status = ScalerStatusModel.forPlan(trait(5, null), NO_QUORUM, THREE, T0);
    assertThat(status.phase()).isEqualTo(Phase.Blocked);
    assertThat(summary(status, ConditionTypes.READY)).isEqualTo("False/NoQuorum");
    assertThat(summary(status, ConditionTypes.BLOCKED)).isEqualTo("True/NoQuorum");
    assertThat(condition(status, ConditionTypes.BLOCKED).getMessage()).isEqualTo("the ensemble zk has no quorum");
    assertThat(summary(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
  }

  @Test
  void anUnformedEnsembleHasNoVoterCount() {
    Plan forming = new Plan(Kind.Wait, Phase.Idle, null, null, "EnsembleForming", "waiting");
    ScalerTraitStatus status = ScalerStatusModel.forPlan(trait(3, null), forming, Views.unformed(3).build(), T0);
    assertThat(status.currentVoters()).isNull();
    assertThat(summary(status, ConditionTypes.READY)).isEqualTo("False/EnsembleForming");
  }

  @Test
  void equalInputsGiveAnEqualStatus() {
    assertThat(ScalerStatusModel.forPlan(trait(5, null), SCALING, THREE, T0))
        .isEqualTo(ScalerStatusModel.forPlan(trait(5, null), SCALING, THREE, T0));
  }

  @Test
  void republishingTheSameDecisionLaterChangesNothing() {
    for (Plan plan : new Plan[] {IDLE, SCALING, NO_QUORUM}) {
      ScalerTraitStatus first = ScalerStatusModel.forPlan(trait(5, null), plan, THREE, T0);
      ScalerTraitStatus again = ScalerStatusModel.forPlan(trait(5, first), plan, THREE, T1);
      assertThat(again).as("%s", plan.reason()).isEqualTo(first);
    }
  }

  @Test
  void onlyAFlippedConditionGetsANewTransitionTime() {
    ScalerTraitStatus scaling = ScalerStatusModel.forPlan(trait(5, null), SCALING, THREE, T0);
    ScalerTraitStatus blocked = ScalerStatusModel.forPlan(trait(5, scaling), NO_QUORUM, THREE, T1);
    assertThat(blocked).isNotEqualTo(scaling);
    assertThat(condition(blocked, ConditionTypes.BLOCKED).getLastTransitionTime()).isEqualTo("2025-03-01T12:07:30Z");
    assertThat(condition(blocked, ConditionTypes.READY).getLastTransitionTime()).isEqualTo("2025-03-01T12:00:00Z");
    assertThat(condition(blocked, ConditionTypes.WORKLOAD_FOUND).getLastTransitionTime())
        .isEqualTo("2025-03-01T12:00:00Z");
  }

  @Test
  void aNewGenerationIsANewStatus() {
    ScalerTraitStatus first = ScalerStatusModel.forPlan(trait(3, null), IDLE, THREE, T0);
    ScalerTrait edited = trait(3, first);
    edited.getMetadata().setGeneration(5L);
    ScalerTraitStatus second = ScalerStatusModel.forPlan(edited, IDLE, THREE, T1);
    assertThat(second).isNotEqualTo(first);
    assertThat(second.observedGeneration()).isEqualTo(5L);
    assertThat(condition(second, ConditionTypes.READY).getObservedGeneration()).isEqualTo(5L);
  }

  @Test
  void conflictKeepsTheRecordedStepAndSaysWhoActs() {
    ScalerTraitStatus before = ScalerStatusModel.forPlan(trait(5, null), SCALING, THREE, T0);
    WorkloadBinding.Unbound conflict = new WorkloadBinding.Unbound(WorkloadBinding.CONFLICT,
        "ScalerTrait senior already acts on ZooKeeperCluster zk; delete one of the two");
    ScalerTraitStatus status = ScalerStatusModel.forUnbound(trait(5, before), conflict, T1);
    assertThat(status.phase()).isEqualTo(Phase.Blocked);
    assertThat(status.step()).isEqualTo(ADD_POD_4);
    assertThat(status.currentVoters()).isEqualTo(3);
    assertThat(status.targetVoters()).isEqualTo(5);
    assertThat(status.observedGeneration()).isEqualTo(4L);
    assertThat(summary(status, ConditionTypes.READY)).isEqualTo("False/Conflict");
    assertThat(summary(status, ConditionTypes.BLOCKED)).isEqualTo("True/Conflict");
    assertThat(summary(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("True/Found");
    assertThat(condition(status, ConditionTypes.WORKLOAD_FOUND).getMessage()).isEqualTo("the workload exists");
    assertThat(summary(status, ConditionTypes.CONFLICT)).isEqualTo("True/Conflict");
    assertThat(condition(status, ConditionTypes.CONFLICT).getMessage()).contains("senior");
  }

  @Test
  void aMissingWorkloadIsNotFoundAndKeepsTheRecordedStep() {
    ScalerTraitStatus before = ScalerStatusModel.forPlan(trait(5, null), SCALING, THREE, T0);
    WorkloadBinding.Unbound missing = new WorkloadBinding.Unbound(WorkloadBinding.NOT_FOUND,
        "ZooKeeperCluster zk does not exist in namespace ns");
    ScalerTraitStatus status = ScalerStatusModel.forUnbound(trait(5, before), missing, T1);
    assertThat(status.step()).isEqualTo(ADD_POD_4);
    assertThat(status.phase()).isEqualTo(Phase.Blocked);
    assertThat(summary(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("False/WorkloadNotFound");
    assertThat(condition(status, ConditionTypes.WORKLOAD_FOUND).getMessage())
        .isEqualTo("ZooKeeperCluster zk does not exist in namespace ns");
    assertThat(summary(status, ConditionTypes.CONFLICT)).isEqualTo("False/NoConflict");
    assertThat(summary(status, ConditionTypes.BLOCKED)).isEqualTo("True/WorkloadNotFound");
    assertThat(condition(status, ConditionTypes.WORKLOAD_FOUND).getLastTransitionTime())
        .isEqualTo("2025-03-01T12:07:30Z");
  }

  @Test
  void anUnboundTraitWithoutStatusStartsEmpty() {
    WorkloadBinding.Unbound wrongKind = new WorkloadBinding.Unbound(WorkloadBinding.WRONG_KIND, "wrong kind");
    ScalerTraitStatus status = ScalerStatusModel.forUnbound(trait(3, null), wrongKind, T0);
    assertThat(status.step()).isNull();
    assertThat(status.currentVoters()).isNull();
    assertThat(status.targetVoters()).isEqualTo(3);
    assertThat(summary(status, ConditionTypes.WORKLOAD_FOUND)).isEqualTo("False/WrongWorkloadKind");
    assertThat(ScalerStatusModel.forUnbound(trait(3, status), wrongKind, T1)).isEqualTo(status);
  }

  @Test
  void aTraitWithoutSpecHasNoTarget() {
    ScalerTrait trait = trait(3, null);
    trait.setSpec(null);
    WorkloadBinding.Unbound noRef = new WorkloadBinding.Unbound(WorkloadBinding.MISSING_REF, "name it");
    assertThat(ScalerStatusModel.forUnbound(trait, noRef, T0).targetVoters()).isNull();
  }
}
