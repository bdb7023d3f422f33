package io.zkoam.runtime.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.function.Consumer;

/**
 * Writes a custom resource's whole status: one PUT on the status subresource carrying the resourceVersion that was
 * read, so a write based on a stale read fails with 409 (Java Operator SDK then retries the reconcile on a fresh
 * read) instead of overwriting what another writer, e.g. a controller replica that just took over, recorded. The
 * result goes into the operator's cache at once, so the next reconcile sees it even before the watch delivers it.
 *
 * <p>Not Java Operator SDK's {@code PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource}: on a conflict that one
 * waits for the cache and applies the same status to the newer object, which is exactly the overwrite a trait's
 * recorded step must not suffer. Not {@code patchStatus} either: without server-side apply it sends a diff against
 * the cached object, which can leave a mixed status when the cache is behind.
 */
public final class StatusReplacer {
  private StatusReplacer() {}

  /** Returns the resource as written (with its new resourceVersion). */
  public static <P extends HasMetadata> P replace(P read, Context<P> context, Consumer<P> setStatus) {
    P copy = context.getClient().getKubernetesSerialization().clone(read);
    setStatus.accept(copy);
    P written = context.getClient().resource(copy).updateStatus();
    context.eventSourceRetriever().getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(written), written, read);
    return written;
  }
}
