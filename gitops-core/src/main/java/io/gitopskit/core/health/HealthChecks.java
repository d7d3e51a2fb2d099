package io.gitopskit.core.health;

import io.gitopskit.core.internal.Glob;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The immutable registry of health checks: Argo CD's {@code GetResourceHealth} with overrides.
 * Thread-safe; {@link #assess(Manifest)} never throws for any manifest.
 *
 * <p>{@link #assess(Manifest)} decides in this order:
 *
 * <ol>
 *   <li>{@code metadata.deletionTimestamp} set and no finalizer {@value #HOOK_FINALIZER}:
 *       Progressing "Pending deletion";
 *   <li>the overrides matching the object's group and kind, most specific first: the first
 *       non-empty result wins; an exception is Unknown with the exception's message; empty
 *       falls through to the next override and then to the built-ins;
 *   <li>the built-in check of the group and kind (Argo CD's rules and messages; other versions
 *       of a typed kind are Unknown "unsupported Kind GVK: ...");
 *   <li>for kinds without a built-in check, the generic kstatus-style condition check, which
 *       applies only to objects carrying a {@code Ready}, {@code Stalled} or {@code Reconciling}
 *       condition;
 *   <li>otherwise empty: the object has no health (ConfigMaps, Secrets, most CRs, Argo CD
 *       Applications), as in Argo CD.
 * </ol>
 *
 * <p>Override patterns match the group ({@code ""} for the core group) and kind exactly, or as
 * globs: {@code "*"} matches everything, {@code "*.crossplane.io"} every Crossplane group. A
 * pattern part scores 2 when exact, 1 when a glob other than {@code "*"}, 0 for {@code "*"};
 * overrides are tried by total score, highest first, and among equal scores the later
 * registration first. Registering the same group and kind pattern again replaces the earlier
 * check.
 *
 * @since 0.1
 */
public final class HealthChecks {

  /** The finalizer of Argo CD hooks; a hook being deleted is not "Pending deletion". */
  public static final String HOOK_FINALIZER = "argocd.argoproj.io/hook-finalizer";

  private static final HealthStatus PENDING_DELETION =
      HealthStatus.progressing("Pending deletion");
  private static final int MAX_CACHED_KINDS = 4096;
  private static final Entry[] NONE = new Entry[0];
  private static final HealthChecks BUILT_IN = new HealthChecks(NONE, true);

  private final Entry[] overrides;
  private final boolean builtIns;
  private final Map<String, Map<String, Entry[]>> chains = new ConcurrentHashMap<>();
  private final AtomicInteger cached = new AtomicInteger();

  private HealthChecks(Entry[] overrides, boolean builtIns) {
    this.overrides = overrides;
    this.builtIns = builtIns;
  }

  /**
   * The built-in checks plus the generic condition check, without overrides.
   *
   * @return the shared registry
   */
  public static HealthChecks builtIn() {
    return BUILT_IN;
  }

  /**
   * A builder that starts from the built-in checks.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The health of a live object.
   *
   * @param live the object as the cluster returned it, with its status
   * @return the health, or empty when the object has no health (no check has an opinion)
   */
  public Optional<HealthStatus> assess(Manifest live) {
    if (pendingDeletion(live.metadata())) {
      return Optional.of(PENDING_DELETION);
    }
    if (overrides.length > 0) {
      for (Entry o : chain(live.group(), live.kind())) {
        Optional<HealthStatus> result;
        try {
          result = o.check.assess(live);
        } catch (Exception e) {
          return Optional.of(HealthStatus.unknown(message(e)));
        }
        if (result != null && result.isPresent()) {
          return result;
        }
      }
    }
    if (!builtIns) {
      return Optional.empty();
    }
    HealthStatus status = BuiltInChecks.assess(live);
    return Optional.ofNullable(status != null ? status : ConditionHealth.assess(live));
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("HealthChecks[");
    b.append(builtIns ? "built-ins" : "no built-ins");
    for (Entry o : overrides) {
      b.append(", ").append(o.group.text).append('/').append(o.kind.text);
    }
    return b.append(']').toString();
  }

  private static boolean pendingDeletion(JsonObject metadata) {
    JsonValue at = metadata.getOrNull("deletionTimestamp");
    if (at == null || at instanceof JsonNull) {
      return false;
    }
    if (metadata.getOrNull("finalizers") instanceof JsonArray finalizers) {
      for (int i = 0; i < finalizers.size(); i++) {
        if (finalizers.get(i) instanceof JsonString f && f.value().equals(HOOK_FINALIZER)) {
          return false;
        }
      }
    }
    return true;
  }

  private static String message(Exception e) {
    String m = e.getMessage();
    return m != null ? m : e.getClass().getName();
  }

  /** The overrides matching a group and kind, in precedence order; cached per kind. */
  private Entry[] chain(String group, String kind) {
    Map<String, Entry[]> byKind = chains.get(group);
    Entry[] chain = byKind == null ? null : byKind.get(kind);
    if (chain != null) {
      return chain;
    }
    List<Entry> matching = new ArrayList<>();
    for (Entry o : overrides) {
      if (o.group.matches(group) && o.kind.matches(kind)) {
        matching.add(o);
      }
    }
    chain = matching.isEmpty() ? NONE : matching.toArray(NONE);
    if (cached.get() < MAX_CACHED_KINDS) {
      cached.incrementAndGet();
      chains.computeIfAbsent(group, g -> new ConcurrentHashMap<>()).put(kind, chain);
    }
    return chain;
  }

  /** Builds a {@link HealthChecks}; not thread-safe. */
  public static final class Builder {

    private final List<Entry> overrides = new ArrayList<>();
    private boolean builtIns = true;
    private int sequence;

    private Builder() {}

    /**
     * Registers a check that takes precedence over the built-in rules for matching objects.
     *
     * @param group the API group ({@code ""} for core), {@code "*"}, or a glob such as
     *     {@code "*.crossplane.io"}
     * @param kind the kind, {@code "*"}, or a glob
     * @param check the check; empty results fall through, exceptions become Unknown
     * @return this builder
     * @throws IllegalArgumentException if the kind is empty or a pattern is a malformed glob
     */
    public Builder override(String group, String kind, HealthCheck check) {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(check, "check");
      if (kind.isEmpty()) {
        throw new IllegalArgumentException("kind must not be empty");
      }
      overrides.removeIf(o -> o.group.text.equals(group) && o.kind.text.equals(kind));
      overrides.add(new Entry(Pattern.of(group), Pattern.of(kind), check, sequence++));
      return this;
    }

    /**
     * Drops the built-in checks and the generic condition check: only the overrides (and the
     * "Pending deletion" rule) remain.
     *
     * @return this builder
     */
    public Builder withoutBuiltIns() {
      builtIns = false;
      return this;
    }

    /**
     * The registry.
     *
     * @return an immutable registry
     */
    public HealthChecks build() {
      if (overrides.isEmpty() && builtIns) {
        return BUILT_IN;
      }
      Entry[] sorted = overrides.toArray(NONE);
      Arrays.sort(sorted, Comparator.comparingInt((Entry o) -> o.score())
          .thenComparingInt(o -> o.sequence).reversed());
      return new HealthChecks(sorted, builtIns);
    }
  }

  /** One registered override. */
  private record Entry(Pattern group, Pattern kind, HealthCheck check, int sequence) {
    int score() {
      return group.score + kind.score;
    }
  }

  /** An exact name, {@code "*"}, or a glob compiled once. */
  private static final class Pattern {
    final String text;
    final int score;
    final @Nullable Glob glob;

    private Pattern(String text, int score, @Nullable Glob glob) {
      this.text = text;
      this.score = score;
      this.glob = glob;
    }

    static Pattern of(String text) {
      if (text.equals("*")) {
        return new Pattern(text, 0, null);
      }
      for (int i = 0; i < text.length(); i++) {
        if ("*?[{\\".indexOf(text.charAt(i)) >= 0) {
          return new Pattern(text, 1, Glob.compile(text));
        }
      }
      return new Pattern(text, 2, null);
    }

    boolean matches(String value) {
      if (score == 0) {
        return true;
      }
      return glob == null ? text.equals(value) : glob.matches(value);
    }
  }
}
