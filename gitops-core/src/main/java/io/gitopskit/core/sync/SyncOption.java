package io.gitopskit.core.sync;

import io.gitopskit.core.cluster.PropagationPolicy;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The keys of Argo CD's sync option strings ({@code Key=Value}), each knowing which values it
 * accepts. Values are matched exactly as Argo CD matches them ({@code true}, {@code false},
 * {@code confirm}); only {@code PrunePropagationPolicy} ignores case.
 *
 * @since 0.1
 */
public enum SyncOption {
  /** {@code Validate=true|false}: kubectl schema validation (default true). */
  VALIDATE("Validate", SyncOption::bool, true),
  /** {@code SkipDryRunOnMissingResource=true}: skip the dry run when the kind is unknown. */
  SKIP_DRY_RUN_ON_MISSING_RESOURCE("SkipDryRunOnMissingResource", SyncOption::bool, false),
  /** {@code Prune=false|confirm}: never prune, or prune only after confirmation. */
  PRUNE("Prune", SyncOption::consent, Consent.ALLOWED),
  /** {@code PruneLast=true}: prune after the last wave of the Sync phase. */
  PRUNE_LAST("PruneLast", SyncOption::bool, false),
  /** {@code Replace=true}: replace (or create) instead of apply. */
  REPLACE("Replace", SyncOption::bool, false),
  /** {@code Force=true}: apply or replace with {@code --force}. */
  FORCE("Force", SyncOption::bool, false),
  /** {@code ServerSideApply=true|false}: server-side apply on or off. */
  SERVER_SIDE_APPLY("ServerSideApply", SyncOption::bool, false),
  /** {@code ApplyOutOfSyncOnly=true}: skip resources that are in sync (hooks still run). */
  APPLY_OUT_OF_SYNC_ONLY("ApplyOutOfSyncOnly", SyncOption::bool, false),
  /** {@code CreateNamespace=true}: create the destination namespace if no manifest does. */
  CREATE_NAMESPACE("CreateNamespace", SyncOption::bool, false),
  /** {@code PrunePropagationPolicy=foreground|background|orphan} (default foreground). */
  PRUNE_PROPAGATION_POLICY("PrunePropagationPolicy", SyncOption::policy,
      PropagationPolicy.FOREGROUND),
  /** {@code RespectIgnoreDifferences=true}: keep ignored fields as they are live. */
  RESPECT_IGNORE_DIFFERENCES("RespectIgnoreDifferences", SyncOption::bool, false),
  /** {@code FailOnSharedResource=true}: fail when a resource is tracked by another app. */
  FAIL_ON_SHARED_RESOURCE("FailOnSharedResource", SyncOption::bool, false),
  /** {@code Delete=false|confirm}: keep, or confirm, when the application is deleted. */
  DELETE("Delete", SyncOption::consent, Consent.ALLOWED);

  private final String key;
  private final Function<String, Optional<Object>> parser;
  private final Object defaultValue;

  SyncOption(String key, Function<String, Optional<Object>> parser, Object defaultValue) {
    this.key = key;
    this.parser = parser;
    this.defaultValue = defaultValue;
  }

  /**
   * The option's key as Argo CD spells it, e.g. {@code PruneLast}.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Finds an option by its key, exactly as written.
   *
   * @param key e.g. {@code Replace}
   * @return the option, or empty for an unknown key
   */
  public static Optional<SyncOption> forKey(String key) {
    for (SyncOption o : values()) {
      if (o.key.equals(key)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  Optional<Object> parseValue(String value) {
    return parser.apply(value);
  }

  Object defaultValue() {
    return defaultValue;
  }

  static String format(Object value) {
    if (value instanceof PropagationPolicy p) {
      return p.wireName().toLowerCase(Locale.ROOT);
    }
    if (value instanceof Consent c) {
      return c == Consent.CONFIRM ? "confirm" : c == Consent.REFUSED ? "false" : "true";
    }
    return value.toString();
  }

  private static Optional<Object> bool(String v) {
    if (v.equals("true")) {
      return Optional.of(Boolean.TRUE);
    }
    return v.equals("false") ? Optional.of(Boolean.FALSE) : Optional.empty();
  }

  private static Optional<Object> consent(String v) {
    switch (v) {
      case "true":
        return Optional.of(Consent.ALLOWED);
      case "false":
        return Optional.of(Consent.REFUSED);
      case "confirm":
        return Optional.of(Consent.CONFIRM);
      default:
        return Optional.empty();
    }
  }

  private static Optional<Object> policy(String v) {
    for (PropagationPolicy p : PropagationPolicy.values()) {
      if (p.wireName().equalsIgnoreCase(v)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
