package io.gitopskit.core.project;

import io.gitopskit.core.app.Application;
import io.gitopskit.core.app.ApplicationDestination;
import io.gitopskit.core.app.ApplicationSource;
import io.gitopskit.core.internal.RepoUrls;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.project.Decision.Check;
import io.gitopskit.core.project.Decision.Refused;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Enforces an {@link AppProject} with Argo CD's evaluation rules. Every method is a pure
 * function of the project, the builder's settings and its arguments (time comes from the
 * injected {@link Clock}), and every refusal names the rule that refused ({@link
 * Decision.Refused#rule()}).
 *
 * <ul>
 *   <li>{@link #evaluate(Application)}: the application's project, the namespace its object
 *       lives in ({@code sourceNamespaces}), every source ({@code sourceRepos}) and the
 *       destination ({@code destinations}); the first refusal wins.
 *   <li>{@link #evaluateResource}: a resource kind against the cluster- or namespace-scoped
 *       allow and deny lists, and a namespaced resource's own namespace against the
 *       destinations.
 *   <li>{@link #evaluateSyncWindows}: whether a sync may run now (deny beats allow; a manual
 *       sync passes an active deny only when every active deny window has {@code manualSync}).
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ProjectPolicy {

  /** Argo CD's control-plane namespace. */
  public static final String DEFAULT_CONTROL_PLANE_NAMESPACE = "argocd";

  private final AppProject project;
  private final String controlPlaneNamespace;
  private final @Nullable List<ProjectCluster> clusters;
  private final Clock clock;
  /** {@code spec.sourceRepos} normalized as {@link #evaluateSource} compares them. */
  private final List<String> sourceRepoPatterns;

  private ProjectPolicy(Builder b) {
    this.project = b.project;
    this.controlPlaneNamespace = b.controlPlaneNamespace;
    this.clusters = b.clusters == null ? null : List.copyOf(b.clusters);
    this.clock = b.clock;
    this.sourceRepoPatterns = project.sourceRepos().stream()
        .map(raw -> Patterns.isDeny(raw)
            ? "!" + Patterns.normalizeRepoUrl(raw.substring(1)) : Patterns.normalizeRepoUrl(raw))
        .toList();
  }

  /**
   * A policy with the defaults: control-plane namespace {@code argocd}, destinations checked
   * as the application writes them, the system clock.
   *
   * @param project the project
   * @return the policy
   */
  public static ProjectPolicy of(AppProject project) {
    return builder(project).build();
  }

  /**
   * Starts a policy.
   *
   * @param project the project
   * @return a builder
   */
  public static Builder builder(AppProject project) {
    return new Builder(project);
  }

  /** @return the project enforced */
  public AppProject project() {
    return project;
  }

  // ---------------------------------------------------------------- application

  /**
   * Checks an application against the project: project name, source namespace, every source
   * and the destination.
   *
   * @param app the application
   * @return allowed, or the first refusal
   */
  public Decision evaluate(Application app) {
    if (!app.project().equals(project.name())) {
      return new Refused(Check.PROJECT, "spec.project", "application belongs to project '"
          + app.project() + "', not '" + project.name() + "'");
    }
    Decision d = evaluateSourceNamespace(app.namespace());
    if (!d.isAllowed()) {
      return d;
    }
    for (ApplicationSource s : app.sources()) {
      d = evaluateSource(s.repoURL());
      if (!d.isAllowed()) {
        return d;
      }
    }
    return evaluateDestination(app.destination());
  }

  /**
   * Checks the namespace an Application object lives in: the control-plane namespace (or none)
   * is always allowed, others must match {@code sourceNamespaces} (globs, or {@code /regex/}
   * matched anywhere in the name).
   *
   * @param appNamespace the Application object's namespace, {@code ""} for none
   * @return the decision
   */
  public Decision evaluateSourceNamespace(String appNamespace) {
    if (appNamespace.isEmpty() || appNamespace.equals(controlPlaneNamespace)) {
      return Decision.allowed("application is in the control-plane namespace");
    }
    List<String> list = project.sourceNamespaces();
    for (int i = 0; i < list.size(); i++) {
      if (Patterns.sourceNamespace(list.get(i), appNamespace)) {
        return Decision.allowed("spec.sourceNamespaces[" + i + "] matches");
      }
    }
    return new Refused(Check.SOURCE_NAMESPACE, "spec.sourceNamespaces", "application"
        + " namespace '" + appNamespace + "' is not permitted in project '" + project.name()
        + "'");
  }

  /**
   * Checks a repository URL against {@code sourceRepos}: URL and patterns are normalised as Argo
   * CD's {@code NormalizeGitURL} does and matched as globs where {@code *} stays within a path
   * segment and {@code **} crosses them (a pattern of exactly {@code *} matches everything).
   * The URL is permitted when some pattern matches and no {@code !} pattern excludes it; note
   * that a {@code !} pattern which does not exclude the URL counts as a match.
   *
   * @param repoURL the source's repository URL
   * @return the decision
   */
  public Decision evaluateSource(String repoURL) {
    // credentials written into an https URL are not part of the repository's identity: with
    // them, a "!" pattern naming the repository would not exclude it (Argo CD matches the URL
    // with its credentials; we do not, so that a deny cannot be bypassed that way)
    String url = Patterns.normalizeRepoUrl(RepoUrls.withoutHttpCredentials(repoURL));
    int matchedBy = -1;
    for (int i = 0; i < sourceRepoPatterns.size(); i++) {
      String pattern = sourceRepoPatterns.get(i);
      boolean matched = Patterns.glob(pattern, url, true, "/");
      if (matched) {
        if (matchedBy < 0) {
          matchedBy = i;
        }
      } else if (Patterns.isDeny(pattern)) {
        return new Refused(Check.SOURCE_REPOSITORY, "spec.sourceRepos[" + i + "]",
            "application repo " + Patterns.redactUserInfo(repoURL) + " is not permitted in"
                + " project '" + project.name() + "': excluded by "
                + Patterns.quote(project.sourceRepos().get(i)));
      }
    }
    if (matchedBy < 0) {
      return new Refused(Check.SOURCE_REPOSITORY, "spec.sourceRepos", "application repo "
          + Patterns.redactUserInfo(repoURL) + " is not permitted in project '" + project.name()
          + "': no pattern matches");
    }
    return Decision.allowed("spec.sourceRepos[" + matchedBy + "] matches");
  }

  /**
   * Checks a destination against {@code destinations}. With known clusters (see {@link
   * Builder#clusters}) the destination's cluster is looked up and both its server and name
   * are compared; otherwise only what the destination sets. An entry matches when its server or
   * name glob matches and its namespace glob matches; a failing {@code !name} refuses outright,
   * a failing {@code !server} refuses when the namespace matched, a failing {@code !namespace}
   * refuses when the server matched. With {@code permitOnlyProjectScopedClusters}, the cluster
   * must also be scoped to this project.
   *
   * @param destination the destination (server or name, and namespace)
   * @return the decision
   */
  public Decision evaluateDestination(ApplicationDestination destination) {
    ApplicationDestination dst = destination;
    ProjectCluster cluster = null;
    if (clusters != null) {
      cluster = findCluster(destination);
      if (cluster == null) {
        return new Refused(Check.DESTINATION, "spec.destination", destination.server()
            .isEmpty() ? "there are no clusters with this name: " + destination.name()
            : "there are no clusters with this URL: " + destination.server());
      }
      dst = new ApplicationDestination(cluster.server(), cluster.name(),
          destination.namespace());
    }
    int matchedBy = -1;
    List<ApplicationDestination> list = project.destinations();
    for (int i = 0; i < list.size(); i++) {
      ApplicationDestination item = list.get(i);
      boolean nameMatched = !dst.name().isEmpty()
          && Patterns.glob(item.name(), dst.name(), true, "");
      boolean serverMatched = !dst.server().isEmpty()
          && Patterns.glob(item.server(), dst.server(), true, "");
      boolean namespaceMatched = Patterns.glob(item.namespace(), dst.namespace(), true, "");
      boolean matched = (serverMatched || nameMatched) && namespaceMatched;
      String denied = null;
      if (matched) {
        if (matchedBy < 0) {
          matchedBy = i;
        }
      } else if (!nameMatched && Patterns.isDeny(item.name())) {
        denied = "name " + Patterns.quote(item.name());
      } else if (!serverMatched && Patterns.isDeny(item.server()) && namespaceMatched) {
        denied = "server " + Patterns.quote(item.server());
      } else if (!namespaceMatched && Patterns.isDeny(item.namespace()) && serverMatched) {
        denied = "namespace " + Patterns.quote(item.namespace());
      }
      if (denied != null) {
        return new Refused(Check.DESTINATION, "spec.destinations[" + i + "]",
            destinationText(destination) + " is excluded by " + denied + " in project '"
                + project.name() + "'");
      }
    }
    if (matchedBy < 0) {
      return new Refused(Check.DESTINATION, "spec.destinations", destinationText(destination)
          + " do not match any of the allowed destinations in project '" + project.name()
          + "'");
    }
    if (project.permitOnlyProjectScopedClusters()
        && (cluster == null || !cluster.project().equals(project.name()))) {
      return new Refused(Check.DESTINATION, "spec.permitOnlyProjectScopedClusters",
          "cluster " + (dst.server().isEmpty() ? dst.name() : dst.server())
              + " is not scoped to project '" + project.name() + "'");
    }
    return Decision.allowed("spec.destinations[" + matchedBy + "] matches");
  }

  private @Nullable ProjectCluster findCluster(ApplicationDestination d) {
    for (ProjectCluster c : Objects.requireNonNull(clusters)) {
      if (!d.server().isEmpty() ? c.server().equals(d.server()) : c.name().equals(d.name())) {
        return c;
      }
    }
    return null;
  }

  private static String destinationText(ApplicationDestination d) {
    return "application destination " + (d.server().isEmpty() ? "name '" + d.name() + "'"
        : "server '" + d.server() + "'") + " and namespace '" + d.namespace() + "'";
  }

  // ---------------------------------------------------------------- resources

  /**
   * Checks one resource an application would manage. Kinds are matched with Go's {@code
   * filepath.Match} on group and kind. Namespaced: allowed when {@code
   * namespaceResourceWhitelist} is not written or lists the kind (an explicitly empty list
   * allows none), and the blacklist does not; then the resource's namespace must pass {@link
   * #evaluateDestination}. Cluster-scoped: denied unless {@code clusterResourceWhitelist}
   * lists it (names matched too; an empty name matches all) and the blacklist does not.
   *
   * @param groupKind the resource's group ({@code ""} for core) and kind
   * @param name the resource's name
   * @param namespaced whether the kind is namespaced
   * @param namespace the resource's effective namespace (its own, else the destination's)
   * @param destination the application's destination (for the cluster)
   * @return the decision
   */
  public Decision evaluateResource(GroupKind groupKind, String name, boolean namespaced,
      String namespace, ApplicationDestination destination) {
    String g = groupKind.group();
    String k = groupKind.kind();
    String what = (g.isEmpty() ? "" : g + "/") + k + " " + name;
    if (namespaced) {
      List<ResourceRule> white = project.namespaceResourceWhitelist();
      if (white != null) {
        if (white.isEmpty()) {
          return new Refused(Check.NAMESPACED_RESOURCE, "spec.namespaceResourceWhitelist",
              what + ": the namespaced whitelist is empty, so no namespaced resource is"
                  + " permitted in project '" + project.name() + "'");
        }
        if (indexOf(white, g, k, name, false) < 0) {
          return new Refused(Check.NAMESPACED_RESOURCE, "spec.namespaceResourceWhitelist",
              what + ": resource kind " + k + " of group '" + g + "' is not whitelisted in"
                  + " project '" + project.name() + "'");
        }
      }
      int black = indexOf(project.namespaceResourceBlacklist(), g, k, name, false);
      if (black >= 0) {
        return new Refused(Check.NAMESPACED_RESOURCE, "spec.namespaceResourceBlacklist["
            + black + "]", what + ": resource kind " + k + " of group '" + g
            + "' is blacklisted in project '" + project.name() + "'");
      }
      ApplicationDestination at = new ApplicationDestination(destination.server(),
          destination.name(), namespace);
      Decision d = evaluateDestination(at);
      if (d instanceof Refused r) {
        return new Refused(Check.DESTINATION, r.rule(), what + ": " + r.message());
      }
      return Decision.allowed("namespaced resource permitted");
    }
    int white = indexOf(project.clusterResourceWhitelist(), g, k, name, true);
    if (white < 0) {
      return new Refused(Check.CLUSTER_RESOURCE, "spec.clusterResourceWhitelist", what
          + ": cluster-scoped resource kind " + k + " of group '" + g + "' is not whitelisted"
          + " in project '" + project.name() + "'");
    }
    int black = indexOf(project.clusterResourceBlacklist(), g, k, name, true);
    if (black >= 0) {
      return new Refused(Check.CLUSTER_RESOURCE, "spec.clusterResourceBlacklist[" + black
          + "]", what + ": cluster-scoped resource kind " + k + " of group '" + g
          + "' is blacklisted in project '" + project.name() + "'");
    }
    return Decision.allowed("spec.clusterResourceWhitelist[" + white + "] matches");
  }

  private static int indexOf(List<ResourceRule> rules, String g, String k, String name,
      boolean named) {
    for (int i = 0; i < rules.size(); i++) {
      ResourceRule r = rules.get(i);
      boolean kindMatches = Patterns.filepath(r.kind(), k) && Patterns.filepath(r.group(), g);
      if (kindMatches && (!named || r.name().isEmpty() || Patterns.filepath(r.name(), name))) {
        return i;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- sync windows

  /**
   * Whether a sync of an application may start now.
   *
   * @param app the application
   * @param manual whether the sync is manual (auto-sync and RollingSync are not)
   * @return the decision
   */
  public Decision evaluateSyncWindows(Application app, boolean manual) {
    return SyncWindows.canSync(project.syncWindows(), app, clock.instant(), manual, null);
  }

  /**
   * Whether a running sync operation of an application may continue now: as {@link
   * #evaluateSyncWindows(Application, boolean)}, except that windows with {@code syncOverrun}
   * let an operation that was allowed when it started run on.
   *
   * @param app the application
   * @param manual whether the operation is manual
   * @param operationStartedAt when the operation started
   * @return the decision
   */
  public Decision evaluateSyncWindows(Application app, boolean manual,
      Instant operationStartedAt) {
    return SyncWindows.canSync(project.syncWindows(), app, clock.instant(), manual,
        Objects.requireNonNull(operationStartedAt, "operationStartedAt"));
  }

  /** Builds a {@link ProjectPolicy}; every setter returns this builder. */
  public static final class Builder {
    private final AppProject project;
    private String controlPlaneNamespace = DEFAULT_CONTROL_PLANE_NAMESPACE;
    private @Nullable List<ProjectCluster> clusters;
    private Clock clock = Clock.systemUTC();

    private Builder(AppProject project) {
      this.project = Objects.requireNonNull(project, "project");
    }

    /** @param value the control-plane namespace (default {@code argocd}) @return this */
    public Builder controlPlaneNamespace(String value) {
      controlPlaneNamespace = Objects.requireNonNull(value, "controlPlaneNamespace");
      return this;
    }

    /**
     * The known clusters. With them, destinations are resolved to a cluster (an unknown one is
     * refused) and compared by both server and name, and {@code
     * permitOnlyProjectScopedClusters} can be satisfied. Without them (the default) a
     * destination is compared as written and that setting refuses every destination.
     *
     * @param value the clusters
     * @return this
     */
    public Builder clusters(Collection<ProjectCluster> value) {
      clusters = new ArrayList<>(value);
      return this;
    }

    /** @param value the clock sync windows are judged by @return this */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** @return the policy */
    public ProjectPolicy build() {
      return new ProjectPolicy(this);
    }
  }
}
