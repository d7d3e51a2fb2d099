package io.gitopskit.core.project;

import io.gitopskit.core.app.AppMetadata;
import io.gitopskit.core.app.ApplicationDestination;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An Argo CD {@code AppProject} ({@code argoproj.io/v1alpha1}): which repositories, destinations
 * and resource kinds its applications may use, and when they may sync. Read with {@link
 * AppProjectYaml}, built with {@link #builder(String)}, enforced by {@link ProjectPolicy}.
 *
 * <p>Roles, signature keys and source integrity are kept exactly as written but not
 * interpreted (RBAC and signature checks are outside this model).
 *
 * @param metadata name, namespace, labels, annotations, finalizers
 * @param description free text
 * @param sourceRepos repository URL globs ({@code !} negates)
 * @param destinations allowed destinations (server, name and namespace globs; {@code !}
 *     negates)
 * @param clusterResourceWhitelist cluster-scoped kinds allowed (default: none)
 * @param clusterResourceBlacklist cluster-scoped kinds denied
 * @param namespaceResourceWhitelist namespaced kinds allowed; null (not written) allows every
 *     kind, an empty list allows none
 * @param namespaceResourceBlacklist namespaced kinds denied
 * @param orphanedResources orphaned-resource monitoring, or null when off
 * @param syncWindows the sync windows
 * @param sourceNamespaces namespaces (globs or {@code /regex/}) whose Application objects may
 *     use this project
 * @param permitOnlyProjectScopedClusters whether only clusters scoped to this project may be
 *     destinations
 * @param destinationServiceAccounts service accounts to impersonate per destination
 * @param roles {@code spec.roles} as written, or null
 * @param signatureKeys {@code spec.signatureKeys} as written, or null
 * @param sourceIntegrity {@code spec.sourceIntegrity} as written, or null
 * @param status {@code status} as written, or null
 * @since 0.1
 */
public record AppProject(AppMetadata metadata, String description, List<String> sourceRepos,
    List<ApplicationDestination> destinations, List<ResourceRule> clusterResourceWhitelist,
    List<ResourceRule> clusterResourceBlacklist,
    @Nullable List<ResourceRule> namespaceResourceWhitelist,
    List<ResourceRule> namespaceResourceBlacklist, @Nullable OrphanedResources orphanedResources,
    List<SyncWindow> syncWindows, List<String> sourceNamespaces,
    boolean permitOnlyProjectScopedClusters,
    List<DestinationServiceAccount> destinationServiceAccounts, @Nullable JsonArray roles,
    @Nullable JsonArray signatureKeys, @Nullable JsonObject sourceIntegrity,
    @Nullable JsonObject status) {

  /** The API version. */
  public static final String API_VERSION = "argoproj.io/v1alpha1";

  /** The kind. */
  public static final String KIND = "AppProject";

  /** Checks for nulls and copies. */
  public AppProject {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(description, "description");
    sourceRepos = List.copyOf(sourceRepos);
    destinations = List.copyOf(destinations);
    clusterResourceWhitelist = List.copyOf(clusterResourceWhitelist);
    clusterResourceBlacklist = List.copyOf(clusterResourceBlacklist);
    namespaceResourceWhitelist = namespaceResourceWhitelist == null ? null
        : List.copyOf(namespaceResourceWhitelist);
    namespaceResourceBlacklist = List.copyOf(namespaceResourceBlacklist);
    syncWindows = List.copyOf(syncWindows);
    sourceNamespaces = List.copyOf(sourceNamespaces);
    destinationServiceAccounts = List.copyOf(destinationServiceAccounts);
  }

  /**
   * Argo CD's {@code default} project as it creates it: every repository ({@code *}), every
   * destination ({@code server: *, namespace: *}), every cluster-scoped kind.
   *
   * @param namespace the control-plane namespace it lives in (Argo CD's {@code argocd})
   * @return the project
   */
  public static AppProject defaultProject(String namespace) {
    return builder("default").namespace(namespace)
        .sourceRepo("*")
        .destination(new ApplicationDestination("*", "", "*"))
        .clusterResourceWhitelist(ResourceRule.of("*", "*"))
        .build();
  }

  /** @return {@code metadata.name} */
  public String name() {
    return metadata.name();
  }

  /**
   * Starts a project.
   *
   * @param name the project name
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(AppMetadata.of(name, ""));
  }

  /**
   * A builder holding this project.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(metadata);
    b.description = description;
    b.sourceRepos.addAll(sourceRepos);
    b.destinations.addAll(destinations);
    b.clusterResourceWhitelist.addAll(clusterResourceWhitelist);
    b.clusterResourceBlacklist.addAll(clusterResourceBlacklist);
    b.namespaceResourceWhitelist = namespaceResourceWhitelist == null ? null
        : new ArrayList<>(namespaceResourceWhitelist);
    b.namespaceResourceBlacklist.addAll(namespaceResourceBlacklist);
    b.orphanedResources = orphanedResources;
    b.syncWindows.addAll(syncWindows);
    b.sourceNamespaces.addAll(sourceNamespaces);
    b.permitOnlyProjectScopedClusters = permitOnlyProjectScopedClusters;
    b.destinationServiceAccounts.addAll(destinationServiceAccounts);
    b.roles = roles;
    b.signatureKeys = signatureKeys;
    b.sourceIntegrity = sourceIntegrity;
    b.status = status;
    return b;
  }

  /** Builds an {@link AppProject}; every setter returns this builder. */
  public static final class Builder {
    private AppMetadata metadata;
    private String description = "";
    private final List<String> sourceRepos = new ArrayList<>();
    private final List<ApplicationDestination> destinations = new ArrayList<>();
    private final List<ResourceRule> clusterResourceWhitelist = new ArrayList<>();
    private final List<ResourceRule> clusterResourceBlacklist = new ArrayList<>();
    private @Nullable List<ResourceRule> namespaceResourceWhitelist;
    private final List<ResourceRule> namespaceResourceBlacklist = new ArrayList<>();
    private @Nullable OrphanedResources orphanedResources;
    private final List<SyncWindow> syncWindows = new ArrayList<>();
    private final List<String> sourceNamespaces = new ArrayList<>();
    private boolean permitOnlyProjectScopedClusters;
    private final List<DestinationServiceAccount> destinationServiceAccounts = new ArrayList<>();
    private @Nullable JsonArray roles;
    private @Nullable JsonArray signatureKeys;
    private @Nullable JsonObject sourceIntegrity;
    private @Nullable JsonObject status;

    private Builder(AppMetadata metadata) {
      this.metadata = metadata;
    }

    /** @param value the whole metadata @return this */
    public Builder metadata(AppMetadata value) {
      metadata = value;
      return this;
    }

    /** @param value the namespace the project object lives in @return this */
    public Builder namespace(String value) {
      metadata = metadata.withNamespace(value);
      return this;
    }

    /** @param value the description @return this */
    public Builder description(String value) {
      description = value;
      return this;
    }

    /** @param value a repository glob to add @return this */
    public Builder sourceRepo(String value) {
      sourceRepos.add(value);
      return this;
    }

    /** @param value a destination to add @return this */
    public Builder destination(ApplicationDestination value) {
      destinations.add(value);
      return this;
    }

    /** @param value a cluster-scoped kind to allow @return this */
    public Builder clusterResourceWhitelist(ResourceRule value) {
      clusterResourceWhitelist.add(value);
      return this;
    }

    /** @param value a cluster-scoped kind to deny @return this */
    public Builder clusterResourceBlacklist(ResourceRule value) {
      clusterResourceBlacklist.add(value);
      return this;
    }

    /**
     * Sets the namespaced whitelist; null (the default) allows every kind, an empty list none.
     *
     * @param value the list, or null
     * @return this
     */
    public Builder namespaceResourceWhitelist(@Nullable List<ResourceRule> value) {
      namespaceResourceWhitelist = value == null ? null : new ArrayList<>(value);
      return this;
    }

    /** @param value a namespaced kind to deny @return this */
    public Builder namespaceResourceBlacklist(ResourceRule value) {
      namespaceResourceBlacklist.add(value);
      return this;
    }

    /** @param value orphaned-resource monitoring, or null @return this */
    public Builder orphanedResources(@Nullable OrphanedResources value) {
      orphanedResources = value;
      return this;
    }

    /** @param value a sync window to add @return this */
    public Builder syncWindow(SyncWindow value) {
      syncWindows.add(value);
      return this;
    }

    /** @param value a source namespace pattern to add @return this */
    public Builder sourceNamespace(String value) {
      sourceNamespaces.add(value);
      return this;
    }

    /** @param value whether only project-scoped clusters are allowed @return this */
    public Builder permitOnlyProjectScopedClusters(boolean value) {
      permitOnlyProjectScopedClusters = value;
      return this;
    }

    /** @param value a destination service account to add @return this */
    public Builder destinationServiceAccount(DestinationServiceAccount value) {
      destinationServiceAccounts.add(value);
      return this;
    }

    /** @param value roles as written, or null @return this */
    public Builder roles(@Nullable JsonArray value) {
      roles = value;
      return this;
    }

    /** @param value signature keys as written, or null @return this */
    public Builder signatureKeys(@Nullable JsonArray value) {
      signatureKeys = value;
      return this;
    }

    /** @param value source integrity as written, or null @return this */
    public Builder sourceIntegrity(@Nullable JsonObject value) {
      sourceIntegrity = value;
      return this;
    }

    /** @param value status as written, or null @return this */
    public Builder status(@Nullable JsonObject value) {
      status = value;
      return this;
    }

    /** @return the project */
    public AppProject build() {
      return new AppProject(metadata, description, sourceRepos, destinations,
          clusterResourceWhitelist, clusterResourceBlacklist, namespaceResourceWhitelist,
          namespaceResourceBlacklist, orphanedResources, syncWindows, sourceNamespaces,
          permitOnlyProjectScopedClusters, destinationServiceAccounts, roles, signatureKeys,
          sourceIntegrity, status);
    }
  }
}
