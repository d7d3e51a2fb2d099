package io.gitopskit.core.app;

import io.gitopskit.core.sync.RetryPolicy;
import io.gitopskit.core.sync.SyncOptions;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code spec.syncPolicy}: when and how an application syncs.
 *
 * @param automated auto-sync settings, or null for manual sync only
 * @param syncOptions {@code Key=Value} options as written, e.g. {@code CreateNamespace=true}
 * @param retry the retry settings, or null when not written
 * @param managedNamespaceMetadata metadata for a namespace {@code CreateNamespace} creates, or
 *     null
 * @since 0.1
 */
public record SyncPolicy(@Nullable Automated automated, List<String> syncOptions,
    @Nullable Retry retry, @Nullable ManagedNamespaceMetadata managedNamespaceMetadata) {

  /** Copies. */
  public SyncPolicy {
    syncOptions = List.copyOf(syncOptions);
  }

  /**
   * A policy with only auto-sync settings.
   *
   * @param automated the settings
   * @return the policy
   */
  public static SyncPolicy automated(Automated automated) {
    return new SyncPolicy(automated, List.of(), null, null);
  }

  /** @return whether auto-sync is on ({@code automated} present and not disabled) */
  public boolean isAutomated() {
    return automated != null && automated.isEnabled();
  }

  /**
   * The sync options parsed; strings that are not understood are kept in {@link
   * SyncOptions#ignored()}.
   *
   * @return the options
   */
  public SyncOptions toSyncOptions() {
    return SyncOptions.parse(syncOptions);
  }

  /**
   * The retry policy for an operation: the written one, else for auto-sync Argo CD's default
   * of 5 retries, else none.
   *
   * @param automatedOperation whether the operation was started by auto-sync
   * @return the policy
   */
  public RetryPolicy toRetryPolicy(boolean automatedOperation) {
    if (retry != null) {
      return retry.toRetryPolicy();
    }
    return automatedOperation ? RetryPolicy.defaults() : RetryPolicy.none();
  }
}
