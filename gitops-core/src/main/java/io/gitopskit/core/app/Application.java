package io.gitopskit.core.app;

import io.gitopskit.core.diff.ignore.IgnoreRule;
import io.gitopskit.core.diff.ignore.IgnoreRules;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.model.ManifestSet;
import io.gitopskit.core.sync.RetryPolicy;
import io.gitopskit.core.sync.SyncOptions;
import io.gitopskit.core.sync.SyncRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An Argo CD {@code Application} ({@code argoproj.io/v1alpha1}): an immutable value read with
 * {@link ApplicationYaml} or built with {@link #builder(String)}.
 *
 * <p>The {@code status} and {@code operation} objects are kept as written and not interpreted;
 * the conversion helpers ({@link #syncOptions()}, {@link #retryPolicy(boolean)}, {@link
 * #ignoreRules()}, {@link #syncRequest(ManifestSet, boolean)}) hand the spec to the diff and
 * sync stages.
 *
 * @param metadata name, namespace, labels, annotations, finalizers
 * @param spec the spec
 * @param status the status as written, or null
 * @param operation a requested operation as written, or null
 * @since 0.1
 */
public record Application(AppMetadata metadata, ApplicationSpec spec,
    @Nullable JsonObject status, @Nullable JsonObject operation) {

  /** The API group. */
  public static final String GROUP = "argoproj.io";

  /** The API version. */
  public static final String API_VERSION = "argoproj.io/v1alpha1";

  /** The kind. */
  public static final String KIND = "Application";

  /** The finalizer that deletes an application's resources with it (foreground). */
  public static final String RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";

  /** Checks for nulls. */
  public Application {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(spec, "spec");
  }

  /**
   * Starts an application.
   *
   * @param name the application name
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * A builder holding this application.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(metadata.name());
    b.metadata = metadata;
    b.project = spec.project();
    b.source = spec.source();
    b.sources.addAll(spec.sources());
    b.destination = spec.destination();
    b.syncPolicy = spec.syncPolicy();
    b.ignoreDifferences.addAll(spec.ignoreDifferences());
    b.info.addAll(spec.info());
    b.revisionHistoryLimit = spec.revisionHistoryLimit();
    b.sourceHydrator = spec.sourceHydrator();
    b.status = status;
    b.operation = operation;
    return b;
  }

  /** @return {@code metadata.name} */
  public String name() {
    return metadata.name();
  }

  /** @return {@code metadata.namespace}, {@code ""} when not set */
  public String namespace() {
    return metadata.namespace();
  }

  /** @return the project, {@code default} when not set */
  public String project() {
    return spec.effectiveProject();
  }

  /** @return the sources that count (see {@link ApplicationSpec#effectiveSources()}) */
  public List<ApplicationSource> sources() {
    return spec.effectiveSources();
  }

  /** @return {@code spec.destination} */
  public ApplicationDestination destination() {
    return spec.destination();
  }

  /** @return whether auto-sync is on */
  public boolean isAutomated() {
    return spec.syncPolicy() != null && spec.syncPolicy().isAutomated();
  }

  /**
   * The auto-sync settings in effect, or {@link Automated#defaults()} flags all off when there
   * are none.
   *
   * @return the settings; check {@link #isAutomated()} for whether auto-sync is on
   */
  public Automated automated() {
    SyncPolicy p = spec.syncPolicy();
    return p == null || p.automated() == null ? new Automated(false, null, null, null)
        : p.automated();
  }

  /**
   * {@code syncPolicy.syncOptions} parsed.
   *
   * @return the options; the defaults when none are written
   */
  public SyncOptions syncOptions() {
    return spec.syncPolicy() == null ? SyncOptions.defaults()
        : spec.syncPolicy().toSyncOptions();
  }

  /**
   * The retry policy of an operation on this application.
   *
   * @param automatedOperation whether auto-sync started the operation (which retries 5 times
   *     by default)
   * @return the policy
   */
  public RetryPolicy retryPolicy(boolean automatedOperation) {
    if (spec.syncPolicy() == null) {
      return automatedOperation ? RetryPolicy.defaults() : RetryPolicy.none();
    }
    return spec.syncPolicy().toRetryPolicy(automatedOperation);
  }

  /**
   * {@code spec.ignoreDifferences} as diff ignore rules.
   *
   * @return the rules (with the default jq timeout)
   */
  public IgnoreRules ignoreRules() {
    return IgnoreRules.of(spec.ignoreDifferences());
  }

  /**
   * Starts a sync request from this application's spec: its sync options, destination
   * namespace and {@code allowEmpty}; pruning is on for an automated operation when {@code
   * automated.prune} is set (a manual sync sets {@link SyncRequest.Builder#prune} itself).
   *
   * @param desired the rendered desired objects
   * @param automatedOperation whether auto-sync starts the sync
   * @return a builder to complete with live objects, diffs and the operation
   */
  public SyncRequest.Builder syncRequest(ManifestSet desired, boolean automatedOperation) {
    Automated a = automated();
    SyncRequest.Builder b = SyncRequest.builder(desired)
        .options(syncOptions())
        .namespace(spec.destination().namespace())
        .allowEmpty(a.isAllowEmpty())
        .prune(automatedOperation && a.isPrune());
    ManagedNamespaceMetadata m = spec.syncPolicy() == null ? null
        : spec.syncPolicy().managedNamespaceMetadata();
    return m == null ? b : b.namespaceMetadata(m.labels(), m.annotations());
  }

  /**
   * The instance name written into tracking labels and annotations: the name, or {@code
   * <namespace>_<name>} for an application outside the control-plane namespace.
   *
   * @param controlPlaneNamespace the namespace of the control plane (Argo CD's {@code argocd})
   * @return the instance name
   */
  public String instanceName(String controlPlaneNamespace) {
    String ns = metadata.namespace();
    return ns.isEmpty() || ns.equals(controlPlaneNamespace) ? metadata.name()
        : ns + "_" + metadata.name();
  }

  /**
   * The value of the {@code argocd.argoproj.io/tracking-id} annotation for one resource:
   * {@code <instance>:<group>/<kind>:<namespace>/<name>}; a resource without a namespace gets
   * the destination namespace.
   *
   * @param controlPlaneNamespace the control-plane namespace (see {@link #instanceName})
   * @param groupKind the resource's group (empty for core) and kind
   * @param namespace the resource's namespace, {@code ""} when it has none
   * @param name the resource's name
   * @return e.g. {@code my-app:apps/Deployment:default/web}
   */
  public String trackingId(String controlPlaneNamespace, GroupKind groupKind, String namespace,
      String name) {
    String ns = namespace.isEmpty() ? spec.destination().namespace() : namespace;
    return instanceName(controlPlaneNamespace) + ":" + groupKind.group() + "/"
        + groupKind.kind() + ":" + ns + "/" + name;
  }

  /** Builds an {@link Application}; every setter returns this builder. */
  public static final class Builder {
    private AppMetadata metadata;
    private String project = "";
    private @Nullable ApplicationSource source;
    private final List<ApplicationSource> sources = new ArrayList<>();
    private ApplicationDestination destination =
        ApplicationDestination.ofServer(ApplicationDestination.IN_CLUSTER_SERVER, "");
    private @Nullable SyncPolicy syncPolicy;
    private final List<IgnoreRule> ignoreDifferences = new ArrayList<>();
    private final List<Info> info = new ArrayList<>();
    private @Nullable Long revisionHistoryLimit;
    private @Nullable JsonObject sourceHydrator;
    private @Nullable JsonObject status;
    private @Nullable JsonObject operation;

    private Builder(String name) {
      this.metadata = AppMetadata.of(name, "");
    }

    /** @param value the whole metadata @return this */
    public Builder metadata(AppMetadata value) {
      metadata = value;
      return this;
    }

    /** @param value the namespace the application object lives in @return this */
    public Builder namespace(String value) {
      metadata = metadata.withNamespace(value);
      return this;
    }

    /** @param value the labels @return this */
    public Builder labels(Map<String, String> value) {
      metadata = metadata.withLabels(value);
      return this;
    }

    /** @param value the annotations @return this */
    public Builder annotations(Map<String, String> value) {
      metadata = metadata.withAnnotations(value);
      return this;
    }

    /** @param value the finalizers @return this */
    public Builder finalizers(List<String> value) {
      metadata = metadata.withFinalizers(value);
      return this;
    }

    /** @param value the project name @return this */
    public Builder project(String value) {
      project = value;
      return this;
    }

    /** @param value the single source, or null @return this */
    public Builder source(@Nullable ApplicationSource value) {
      source = value;
      return this;
    }

    /** @param value a source to add to {@code sources} @return this */
    public Builder addSource(ApplicationSource value) {
      sources.add(value);
      return this;
    }

    /** @param value the destination (default: in-cluster, no namespace) @return this */
    public Builder destination(ApplicationDestination value) {
      destination = value;
      return this;
    }

    /** @param value the sync policy, or null @return this */
    public Builder syncPolicy(@Nullable SyncPolicy value) {
      syncPolicy = value;
      return this;
    }

    /** @param value an ignore rule to add @return this */
    public Builder ignoreDifference(IgnoreRule value) {
      ignoreDifferences.add(value);
      return this;
    }

    /** @param value an info entry to add @return this */
    public Builder info(Info value) {
      info.add(value);
      return this;
    }

    /** @param value the history limit, or null for the default @return this */
    public Builder revisionHistoryLimit(@Nullable Long value) {
      revisionHistoryLimit = value;
      return this;
    }

    /** @param value source hydrator settings as written, or null @return this */
    public Builder sourceHydrator(@Nullable JsonObject value) {
      sourceHydrator = value;
      return this;
    }

    /** @param value the status as written, or null @return this */
    public Builder status(@Nullable JsonObject value) {
      status = value;
      return this;
    }

    /** @param value the operation as written, or null @return this */
    public Builder operation(@Nullable JsonObject value) {
      operation = value;
      return this;
    }

    /**
     * Builds the application.
     *
     * @return the application
     * @throws IllegalArgumentException as {@link ApplicationSpec}'s constructor
     */
    public Application build() {
      return new Application(metadata, new ApplicationSpec(project, source, sources,
          destination, syncPolicy, ignoreDifferences, info, revisionHistoryLimit,
          sourceHydrator), status, operation);
    }
  }
}
