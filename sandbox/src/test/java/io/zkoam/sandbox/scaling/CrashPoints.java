package io.zkoam.sandbox.scaling;

import io.zkoam.api.v1alpha1.ScalerTrait;
import io.zkoam.api.v1alpha1.ScalingStep;
import io.zkoam.scaler.ScalerHooks;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Crash points for the scaler in the sandbox: arm one, and the next controller reconcile that reaches it throws, as
 * if the process died there; that controller instance then refuses to reconcile again until the test replaces it.
 * {@link #pauseAt} runs an action at a point instead (e.g. crash a ZooKeeper server mid-scale-down).
 */
final class CrashPoints {
  enum Point { STEP_RECORDED, ACTION_TAKEN }

  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String message) {
      super(message, null, false, false);
    }
  }

  private record Armed(Point point, Predicate<ScalingStep> when, Consumer<ScalingStep> action, boolean crash) {}

  private final AtomicReference<Armed> armed = new AtomicReference<>();
  private final AtomicInteger crashes = new AtomicInteger();
  private final AtomicInteger fired = new AtomicInteger();

  void crashAt(Point point, Predicate<ScalingStep> when) {
    armed.set(new Armed(point, when, s -> { }, true));
  }

  void pauseAt(Point point, Predicate<ScalingStep> when, Consumer<ScalingStep> action) {
    armed.set(new Armed(point, when, action, false));
  }

  int crashes() {
    return crashes.get();
  }

  int fired() {
    return fired.get();
  }

  boolean pending() {
    return armed.get() != null;
  }

  /** Hooks for one start of the controller. */
  ScalerHooks newInstance() {
    return new ScalerHooks() {
      private volatile boolean dead;

      @Override
      public void reconciling(ScalerTrait trait) {
        if (dead) {
          throw new SimulatedCrash("this scaler instance crashed and awaits its replacement");
        }
      }

      @Override
      public void stepRecorded(ScalerTrait trait, ScalingStep step) {
        reach(Point.STEP_RECORDED, step);
      }

      @Override
      public void actionTaken(ScalerTrait trait, ScalingStep step) {
        reach(Point.ACTION_TAKEN, step);
      }

      private void reach(Point point, ScalingStep step) {
        Armed a = armed.get();
        if (a == null || a.point() != point || !a.when().test(step) || !armed.compareAndSet(a, null)) {
          return;
        }
        fired.incrementAndGet();
        a.action().accept(step);
        if (a.crash()) {
          dead = true;
          crashes.incrementAndGet();
          throw new SimulatedCrash("simulated crash at " + point + " of " + step);
        }
      }
    };
  }
}
