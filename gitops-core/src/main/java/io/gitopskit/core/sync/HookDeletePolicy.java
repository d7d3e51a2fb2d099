package io.gitopskit.core.sync;

import java.util.Optional;

/**
 * When a hook object is deleted ({@code argocd.argoproj.io/hook-delete-policy}, or Helm's
 * {@code helm.sh/hook-delete-policy}). Without any policy a hook gets {@link
 * #BEFORE_HOOK_CREATION}.
 *
 * @since 0.1
 */
public enum HookDeletePolicy {
  /** Deleted once the sync succeeded. */
  HOOK_SUCCEEDED("HookSucceeded", "hook-succeeded"),
  /** Deleted once the sync failed. */
  HOOK_FAILED("HookFailed", "hook-failed"),
  /** An existing live hook is deleted before the new one is created (the default). */
  BEFORE_HOOK_CREATION("BeforeHookCreation", "before-hook-creation");

  private final String wireName;
  private final String helmName;

  HookDeletePolicy(String wireName, String helmName) {
    this.wireName = wireName;
    this.helmName = helmName;
  }

  /**
   * The Argo CD spelling, e.g. {@code HookSucceeded}.
   *
   * @return the wire name
   */
  public String wireName() {
    return wireName;
  }

  /**
   * The Helm spelling, e.g. {@code hook-succeeded}.
   *
   * @return the Helm name
   */
  public String helmName() {
    return helmName;
  }

  /**
   * Parses an Argo CD policy, exactly as written (surrounding blanks are trimmed).
   *
   * @param text e.g. {@code HookFailed}
   * @return the policy, or empty for an unknown value
   */
  public static Optional<HookDeletePolicy> parse(String text) {
    String t = text.trim();
    for (HookDeletePolicy p : values()) {
      if (p.wireName.equals(t)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Parses a Helm policy, exactly as written (surrounding blanks are trimmed).
   *
   * @param text e.g. {@code before-hook-creation}
   * @return the policy, or empty for an unknown value
   */
  public static Optional<HookDeletePolicy> parseHelm(String text) {
    String t = text.trim();
    for (HookDeletePolicy p : values()) {
      if (p.helmName.equals(t)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
