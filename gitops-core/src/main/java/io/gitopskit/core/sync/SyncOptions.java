package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.PropagationPolicy;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Argo CD sync options, parsed from {@code Key=Value} strings: the application's {@code
 * syncPolicy.syncOptions} and a resource's {@code argocd.argoproj.io/sync-options} annotation
 * (comma-separated). A resource's options override the application's one key at a time ({@link
 * #overriddenBy}).
 *
 * @param values every option's effective value (defaults filled in), keyed in enum order
 * @param explicit the options that were written (not defaulted), in the order they are stored
 * @param ignored the strings that were not understood (unknown key or value), as written
 * @since 0.1
 */
public record SyncOptions(Map<SyncOption, Object> values, List<SyncOption> explicit,
    List<String> ignored) {

  /** The resource annotation that holds per-resource sync options. */
  public static final String ANNOTATION = "argocd.argoproj.io/sync-options";

  private static final SyncOptions DEFAULTS =
      new SyncOptions(new EnumMap<>(SyncOption.class), List.of(), List.of());

  /**
   * Validates, fills in defaults and copies.
   *
   * @throws IllegalArgumentException when a value has the wrong type for its option
   */
  public SyncOptions {
    EnumMap<SyncOption, Object> all = new EnumMap<>(SyncOption.class);
    for (SyncOption o : SyncOption.values()) {
      Object v = values.getOrDefault(o, o.defaultValue());
      if (!o.defaultValue().getClass().isInstance(v)) {
        throw new IllegalArgumentException("bad value for " + o.key() + ": " + v);
      }
      all.put(o, v);
    }
    values = java.util.Collections.unmodifiableMap(all);
    explicit = List.copyOf(explicit);
    ignored = List.copyOf(ignored);
  }

  /**
   * Every option at its default (validate on, prune allowed, foreground propagation).
   *
   * @return the defaults
   */
  public static SyncOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Parses option strings; blanks around keys and values are trimmed, duplicates collapse, and a
   * later string for the same key wins. Unknown keys and values are kept in {@link #ignored()}.
   *
   * @param options e.g. {@code ["PruneLast=true", "Prune=confirm"]}
   * @return the options
   */
  public static SyncOptions parse(Collection<String> options) {
    EnumMap<SyncOption, Object> values = new EnumMap<>(SyncOption.class);
    List<SyncOption> explicit = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (String raw : options) {
      String s = raw.trim();
      if (s.isEmpty()) {
        continue;
      }
      int eq = s.indexOf('=');
      Optional<SyncOption> option = eq < 0 ? Optional.empty()
          : SyncOption.forKey(s.substring(0, eq).trim());
      Optional<Object> value = option.flatMap(o -> o.parseValue(s.substring(eq + 1).trim()));
      if (option.isEmpty() || value.isEmpty()) {
        if (!ignored.contains(s)) {
          ignored.add(s);
        }
        continue;
      }
      values.put(option.get(), value.get());
      explicit.remove(option.get());
      explicit.add(option.get());
    }
    return new SyncOptions(values, explicit, ignored);
  }

  /**
   * Parses the comma-separated form of the {@code argocd.argoproj.io/sync-options} annotation.
   *
   * @param csv e.g. {@code "Prune=false,ServerSideApply=true"}
   * @return the options
   */
  public static SyncOptions parseAnnotation(String csv) {
    return parse(Arrays.asList(csv.split(",", -1)));
  }

  /**
   * The options a resource's annotation sets.
   *
   * @param manifest a desired or live object
   * @return its options; the defaults when it has no annotation
   */
  public static SyncOptions of(Manifest manifest) {
    return manifest.annotation(ANNOTATION).map(SyncOptions::parseAnnotation).orElse(DEFAULTS);
  }

  /**
   * These options with every option that {@code other} sets explicitly taking its value there.
   *
   * @param other e.g. a resource's annotation options
   * @return the merged options; ignored strings of both are kept
   */
  public SyncOptions overriddenBy(SyncOptions other) {
    if (other.explicit.isEmpty() && other.ignored.isEmpty()) {
      return this;
    }
    EnumMap<SyncOption, Object> merged = new EnumMap<>(SyncOption.class);
    List<SyncOption> exp = new ArrayList<>(explicit);
    for (SyncOption o : explicit) {
      merged.put(o, values.get(o));
    }
    for (SyncOption o : other.explicit) {
      merged.put(o, other.values.get(o));
      exp.remove(o);
      exp.add(o);
    }
    List<String> ign = new ArrayList<>(ignored);
    for (String s : other.ignored) {
      if (!ign.contains(s)) {
        ign.add(s);
      }
    }
    return new SyncOptions(merged, exp, ign);
  }

  /**
   * These options overridden by a resource's annotation.
   *
   * @param manifest a desired or live object
   * @return the effective options for it
   */
  public SyncOptions forResource(Manifest manifest) {
    return overriddenBy(of(manifest));
  }

  /**
   * The explicit options as {@code Key=Value} strings, in stored order.
   *
   * @return e.g. {@code ["Prune=confirm"]}
   */
  public List<String> toStrings() {
    List<String> out = new ArrayList<>(explicit.size());
    for (SyncOption o : explicit) {
      out.add(o.key() + "=" + SyncOption.format(Objects.requireNonNull(values.get(o))));
    }
    return List.copyOf(out);
  }

  private boolean flag(SyncOption o) {
    return (Boolean) Objects.requireNonNull(values.get(o));
  }

  /** @return {@code Validate} (default true) */
  public boolean validate() {
    return flag(SyncOption.VALIDATE);
  }

  /** @return {@code SkipDryRunOnMissingResource} */
  public boolean skipDryRunOnMissingResource() {
    return flag(SyncOption.SKIP_DRY_RUN_ON_MISSING_RESOURCE);
  }

  /** @return {@code Prune}: allowed, refused ({@code false}) or {@code confirm} */
  public Consent prune() {
    return (Consent) Objects.requireNonNull(values.get(SyncOption.PRUNE));
  }

  /** @return {@code PruneLast} */
  public boolean pruneLast() {
    return flag(SyncOption.PRUNE_LAST);
  }

  /** @return {@code Replace} */
  public boolean replace() {
    return flag(SyncOption.REPLACE);
  }

  /** @return {@code Force} */
  public boolean force() {
    return flag(SyncOption.FORCE);
  }

  /** @return {@code ServerSideApply} */
  public boolean serverSideApply() {
    return flag(SyncOption.SERVER_SIDE_APPLY);
  }

  /** @return {@code ApplyOutOfSyncOnly} */
  public boolean applyOutOfSyncOnly() {
    return flag(SyncOption.APPLY_OUT_OF_SYNC_ONLY);
  }

  /** @return {@code CreateNamespace} */
  public boolean createNamespace() {
    return flag(SyncOption.CREATE_NAMESPACE);
  }

  /** @return {@code PrunePropagationPolicy} (default foreground) */
  public PropagationPolicy prunePropagationPolicy() {
    return (PropagationPolicy) Objects.requireNonNull(
        values.get(SyncOption.PRUNE_PROPAGATION_POLICY));
  }

  /** @return {@code RespectIgnoreDifferences} */
  public boolean respectIgnoreDifferences() {
    return flag(SyncOption.RESPECT_IGNORE_DIFFERENCES);
  }

  /** @return {@code FailOnSharedResource} */
  public boolean failOnSharedResource() {
    return flag(SyncOption.FAIL_ON_SHARED_RESOURCE);
  }

  /** @return {@code Delete}: allowed, refused ({@code false}) or {@code confirm} */
  public Consent delete() {
    return (Consent) Objects.requireNonNull(values.get(SyncOption.DELETE));
  }
}
