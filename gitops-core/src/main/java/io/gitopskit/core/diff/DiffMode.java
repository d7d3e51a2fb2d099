package io.gitopskit.core.diff;

/**
 * How a {@link Differ} predicts the live object that applying the desired one would give.
 *
 * @since 0.1
 */
public enum DiffMode {

  /**
   * gitops-engine's decision flow: {@link #FIELD_OWNERSHIP} when the desired object's {@code
   * argocd.argoproj.io/sync-options} annotation lists {@code ServerSideApply=true}; otherwise
   * {@link #THREE_WAY_CLIENT}.
   */
  AUTO,

  /**
   * Client-side apply, as {@code kubectl apply}: a three-way merge of live's {@code
   * kubectl.kubernetes.io/last-applied-configuration}, the desired object and live; without that
   * annotation the desired object stands in as its own last-applied configuration (two-way).
   */
  THREE_WAY_CLIENT,

  /**
   * Server-side apply computed locally: the desired object is applied to live with force, as
   * the {@linkplain DiffOptions#manager() manager}, honouring live's {@code managedFields}.
   */
  FIELD_OWNERSHIP,

  /**
   * A server-side-apply dry run through a {@link io.gitopskit.core.cluster.ClusterTarget}: the
   * cluster's own defaulting, admission and webhooks predict the result.
   */
  SERVER_SIDE
}
