package io.gitopskit.core.diff;

import io.gitopskit.core.cluster.ClusterTarget;
import io.gitopskit.core.diff.ignore.IgnoreRules;
import io.gitopskit.core.cluster.WriteOptions;
import io.gitopskit.core.schema.KubernetesSchema;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Differ} compares: its {@link DiffMode}, a user {@link Normalizer}, the Argo CD
 * options, and the type knowledge and cluster it uses. Immutable; the {@code with...} methods
 * return copies.
 *
 * <p>Options are always consistent: {@link DiffMode#SERVER_SIDE} needs a {@link ClusterTarget},
 * so set the cluster first ({@link #withCluster}) or both at once ({@link #withServerSide}).
 *
 * @param mode how the predicted live object is computed
 * @param normalizer the user normalization (ignore-differences rules); in {@link
 *     DiffMode#SERVER_SIDE} it runs on both outputs, otherwise on the inputs
 * @param ignoreAggregatedRoles treat {@code rules} of a ClusterRole or Role with an {@code
 *     aggregationRule} as unset (a controller writes them)
 * @param manager the field manager GitOpsKit applies as; server-side apply predictions and the
 *     webhook filter use it. {@value #DEFAULT_MANAGER} by default, the manager of {@link
 *     io.gitopskit.core.cluster.ApplyOptions#defaults()} (Argo CD's is {@code argocd-controller})
 * @param ignoreMutationWebhook in {@link DiffMode#SERVER_SIDE}, revert every field of the dry
 *     run's result that {@code manager} does not own to its live value, so that mutating webhooks
 *     and other writers do not show as drift
 * @param schema the type knowledge: list merge keys, map types, formats; pass {@link
 *     KubernetesSchema#builtIn()} extended with the cluster's CustomResourceDefinitions
 * @param cluster the cluster for {@link DiffMode#SERVER_SIDE}; null otherwise
 * @param ignoreRules Argo CD's {@code ignoreDifferences}: JSON pointers and jq expressions run
 *     after {@code normalizer}; fields owned by {@code managedFieldsManagers} and changed are
 *     removed from both sides first
 * @since 0.1
 */
public record DiffOptions(DiffMode mode, Normalizer normalizer, boolean ignoreAggregatedRoles,
    String manager, boolean ignoreMutationWebhook, KubernetesSchema schema,
    @Nullable ClusterTarget cluster, IgnoreRules ignoreRules) {

  /** The default field manager, {@value}, as {@link WriteOptions#DEFAULT_MANAGER}. */
  public static final String DEFAULT_MANAGER = WriteOptions.DEFAULT_MANAGER;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when the manager is blank or longer than 128 characters
   * @throws IllegalStateException when the mode is {@link DiffMode#SERVER_SIDE} without a
   *     cluster
   */
  public DiffOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(normalizer, "normalizer");
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(ignoreRules, "ignoreRules");
    if (manager.isBlank() || manager.length() > 128) {
      throw new IllegalArgumentException("manager must be 1 to 128 characters");
    }
    if (mode == DiffMode.SERVER_SIDE && cluster == null) {
      throw new IllegalStateException("diff mode SERVER_SIDE needs a ClusterTarget for its dry"
          + " runs: call withCluster(target) first, or withServerSide(target)");
    }
  }

  /**
   * A copy with ignore-differences rules.
   *
   * @param value the rules
   * @return the new options
   */
  public DiffOptions withIgnoreRules(IgnoreRules value) {
    return new DiffOptions(mode, normalizer, ignoreAggregatedRoles, manager,
        ignoreMutationWebhook, schema, cluster, value);
  }

  /**
   * Mode {@link DiffMode#AUTO}, no normalizer, aggregated roles compared, manager {@value
   * #DEFAULT_MANAGER}, mutation webhooks ignored, the built-in schema, no cluster.
   *
   * @return the defaults
   */
  public static DiffOptions defaults() {
    return new DiffOptions(DiffMode.AUTO, Normalizer.NONE, false, DEFAULT_MANAGER, true,
        KubernetesSchema.builtIn(), null, IgnoreRules.empty());
  }

  /**
   * A copy with another mode.
   *
   * @param value the mode
   * @return the new options
   * @throws IllegalStateException for {@link DiffMode#SERVER_SIDE} when no cluster is set
   */
  public DiffOptions withMode(DiffMode value) {
    return new DiffOptions(value, normalizer, ignoreAggregatedRoles, manager,
        ignoreMutationWebhook, schema, cluster, ignoreRules);
  }

  /**
   * A copy with another user normalizer.
   *
   * @param value the normalizer, e.g. built from ignore-differences rules
   * @return the new options
   */
  public DiffOptions withNormalizer(Normalizer value) {
    return new DiffOptions(mode, value, ignoreAggregatedRoles, manager, ignoreMutationWebhook,
        schema, cluster, ignoreRules);
  }

  /**
   * A copy that does or does not ignore the rules of aggregated roles.
   *
   * @param value true to ignore them
   * @return the new options
   */
  public DiffOptions withIgnoreAggregatedRoles(boolean value) {
    return new DiffOptions(mode, normalizer, value, manager, ignoreMutationWebhook, schema,
        cluster, ignoreRules);
  }

  /**
   * A copy with another field manager.
   *
   * @param value the manager name
   * @return the new options
   * @throws IllegalArgumentException when blank or longer than 128 characters
   */
  public DiffOptions withManager(String value) {
    return new DiffOptions(mode, normalizer, ignoreAggregatedRoles, value,
        ignoreMutationWebhook, schema, cluster, ignoreRules);
  }

  /**
   * A copy that does or does not revert fields the manager does not own in server-side diffs.
   *
   * @param value true to ignore mutation webhooks
   * @return the new options
   */
  public DiffOptions withIgnoreMutationWebhook(boolean value) {
    return new DiffOptions(mode, normalizer, ignoreAggregatedRoles, manager, value, schema,
        cluster, ignoreRules);
  }

  /**
   * A copy with other type knowledge.
   *
   * @param value the schema, e.g. the built-in one with the cluster's CRDs
   * @return the new options
   */
  public DiffOptions withSchema(KubernetesSchema value) {
    return new DiffOptions(mode, normalizer, ignoreAggregatedRoles, manager,
        ignoreMutationWebhook, value, cluster, ignoreRules);
  }

  /**
   * A copy with another cluster for server-side diffs.
   *
   * @param value the cluster, or null for none
   * @return the new options
   * @throws IllegalStateException when null while the mode is {@link DiffMode#SERVER_SIDE}
   */
  public DiffOptions withCluster(@Nullable ClusterTarget value) {
    return new DiffOptions(mode, normalizer, ignoreAggregatedRoles, manager,
        ignoreMutationWebhook, schema, value, ignoreRules);
  }

  /**
   * A copy in {@link DiffMode#SERVER_SIDE} with the cluster to dry-run against.
   *
   * @param value the cluster
   * @return the new options
   */
  public DiffOptions withServerSide(ClusterTarget value) {
    return new DiffOptions(DiffMode.SERVER_SIDE, normalizer, ignoreAggregatedRoles, manager,
        ignoreMutationWebhook, schema, Objects.requireNonNull(value, "value"), ignoreRules);
  }
}
