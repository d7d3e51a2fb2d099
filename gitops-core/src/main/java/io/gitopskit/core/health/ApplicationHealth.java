package io.gitopskit.core.health;

import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The health of an application: the worst health of its resources, with Argo CD's rules
 * ({@code controller/health.go}), and the health of each resource.
 *
 * <p>The resources are the desired keys and the live objects the application manages (a live
 * object that is no longer desired still counts). For each, in {@link ResourceKey} order:
 *
 * <ul>
 *   <li>hooks and ignored resources are skipped entirely;
 *   <li>a live object annotated {@value #IGNORE_HEALTHCHECK}{@code : "true"} gets no health and
 *       is not aggregated (it still counts as a live resource);
 *   <li>a desired resource absent from the cluster is Missing, but is not aggregated: its sync
 *       status (OutOfSync) already says so;
 *   <li>the application's own object ({@link Builder#self(ResourceKey)}) is skipped;
 *   <li>otherwise the registry judges the live object; no health means not aggregated, and a
 *       child Argo CD Application that is Missing or Unknown is not aggregated either.
 * </ul>
 *
 * <p>The application starts Healthy and takes the worst aggregated code. If it expects
 * resources (any not skipped as hook or ignored) but none of them is live, it is Missing
 * (unless already worse). The application's status has no message.
 *
 * @since 0.1
 */
public final class ApplicationHealth {

  /** The annotation that, set to {@code "true"}, leaves a resource out of the app's health. */
  public static final String IGNORE_HEALTHCHECK = "argocd.argoproj.io/ignore-healthcheck";

  private static final String ARGO_GROUP = "argoproj.io";

  private final HealthStatus status;
  private final List<ResourceHealth> resources;

  private ApplicationHealth(HealthStatus status, List<ResourceHealth> resources) {
    this.status = status;
    this.resources = resources;
  }

  /**
   * A builder for the inputs.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The application's health: a code and an empty message.
   *
   * @return the status
   */
  public HealthStatus status() {
    return status;
  }

  /**
   * The application's health code.
   *
   * @return the code
   */
  public HealthCode code() {
    return status.code();
  }

  /**
   * Every resource (desired or live, hooks included) in {@link ResourceKey} order.
   *
   * @return an unmodifiable list
   */
  public List<ResourceHealth> resources() {
    return resources;
  }

  /**
   * One resource's entry.
   *
   * @param key the resource
   * @return the entry, or empty when the resource is neither desired nor live
   */
  public Optional<ResourceHealth> resource(ResourceKey key) {
    int lo = 0;
    int hi = resources.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = resources.get(mid).key().compareTo(key);
      if (c == 0) {
        return Optional.of(resources.get(mid));
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "ApplicationHealth[" + status + ", " + resources.size() + " resources]";
  }

  /**
   * The health of one resource of the application.
   *
   * @param key the resource
   * @param health its health; empty for hooks, ignored and skipped resources and kinds without
   *     health
   * @param aggregated whether the health counted towards the application's health
   * @since 0.1
   */
  public record ResourceHealth(ResourceKey key, Optional<HealthStatus> health,
      boolean aggregated) {

    /**
     * Validates.
     *
     * @param key the resource
     * @param health its health, if any
     * @param aggregated whether it counted
     * @throws IllegalArgumentException if aggregated without a health
     */
    public ResourceHealth {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(health, "health");
      if (aggregated && health.isEmpty()) {
        throw new IllegalArgumentException("an aggregated resource must have a health");
      }
    }
  }

  /** Collects the inputs of an application health assessment; not thread-safe. */
  public static final class Builder {

    private final Set<ResourceKey> desired = new HashSet<>();
    private final Map<ResourceKey, Manifest> live = new HashMap<>();
    private final Set<ResourceKey> hooks = new HashSet<>();
    private final Set<ResourceKey> ignored = new HashSet<>();
    private @Nullable ResourceKey self;

    private Builder() {}

    /**
     * Adds desired resources (rendered from the source).
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder desired(Collection<ResourceKey> keys) {
      keys.forEach(k -> desired.add(Objects.requireNonNull(k, "key")));
      return this;
    }

    /**
     * Adds one desired resource.
     *
     * @param key the key
     * @return this builder
     */
    public Builder desired(ResourceKey key) {
      desired.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    /**
     * Adds live objects managed by the application.
     *
     * @param objects the objects, with their status
     * @return this builder
     * @throws IllegalArgumentException if two live objects share a key
     */
    public Builder live(Collection<Manifest> objects) {
      objects.forEach(this::live);
      return this;
    }

    /**
     * Adds one live object managed by the application.
     *
     * @param object the object, with its status
     * @return this builder
     * @throws IllegalArgumentException if a live object with the same key was added
     */
    public Builder live(Manifest object) {
      ResourceKey key = object.key();
      if (live.putIfAbsent(key, object) != null) {
        throw new IllegalArgumentException("two live objects share the key " + key);
      }
      return this;
    }

    /**
     * Marks resources as hooks (Argo CD: {@code argocd.argoproj.io/hook} or Helm hooks, and
     * desired resources with the hook type {@code Skip}); they do not count.
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder hooks(Collection<ResourceKey> keys) {
      keys.forEach(k -> hooks.add(Objects.requireNonNull(k, "key")));
      return this;
    }

    /**
     * Marks resources the sync engine ignores (Argo CD: a hook annotation without a known hook
     * type); they do not count.
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder ignored(Collection<ResourceKey> keys) {
      keys.forEach(k -> ignored.add(Objects.requireNonNull(k, "key")));
      return this;
    }

    /**
     * The application's own object, for an application that manages itself: it does not
     * affect its own health.
     *
     * @param key the Application's key
     * @return this builder
     */
    public Builder self(ResourceKey key) {
      self = Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Assesses the application.
     *
     * @param checks the registry that judges each live object
     * @return the application's health and each resource's
     */
    public ApplicationHealth assess(HealthChecks checks) {
      Objects.requireNonNull(checks, "checks");
      TreeSet<ResourceKey> keys = new TreeSet<>(desired);
      keys.addAll(live.keySet());
      List<ResourceHealth> out = new ArrayList<>(keys.size());
      HealthCode app = HealthCode.HEALTHY;
      boolean expectsResources = false;
      boolean hasLive = false;
      for (ResourceKey key : keys) {
        Manifest object = live.get(key);
        if (hooks.contains(key) || ignored.contains(key)) {
          out.add(new ResourceHealth(key, Optional.empty(), false));
          continue;
        }
        expectsResources = true;
        if (object == null) {
          out.add(new ResourceHealth(key, Optional.of(HealthStatus.missing()), false));
          continue;
        }
        hasLive = true;
        if ("true".equals(object.annotation(IGNORE_HEALTHCHECK).orElse(null))
            || key.equals(self)) {
          out.add(new ResourceHealth(key, Optional.empty(), false));
          continue;
        }
        Optional<HealthStatus> health = checks.assess(object);
        boolean counted = health.isPresent() && !(isApplication(key)
            && (health.get().code() == HealthCode.MISSING
                || health.get().code() == HealthCode.UNKNOWN));
        out.add(new ResourceHealth(key, health, counted));
        if (counted) {
          app = HealthCode.worst(app, health.get().code());
        }
      }
      if (expectsResources && !hasLive && HealthCode.MISSING.isWorseThan(app)) {
        app = HealthCode.MISSING;
      }
      return new ApplicationHealth(HealthStatus.of(app, ""), Collections.unmodifiableList(out));
    }

    private static boolean isApplication(ResourceKey key) {
      return key.kind().equals("Application") && key.group().equals(ARGO_GROUP);
    }
  }
}
