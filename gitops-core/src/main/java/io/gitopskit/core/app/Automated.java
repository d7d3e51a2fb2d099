package io.gitopskit.core.app;

import org.jspecify.annotations.Nullable;

/**
 * {@code syncPolicy.automated}. Every flag keeps Argo CD's pointer semantics: {@code null}
 * means "not written", which is not the same as {@code false} when the object is written back
 * (writing {@code allowEmpty: false} where it was absent is a known cause of endless
 * OutOfSync). Auto-sync is on when {@code automated} is present and {@code enabled} is null or
 * true; {@code automated: {}} means auto-sync with every flag at its default.
 *
 * @param enabled whether auto-sync is on; null counts as true
 * @param prune whether auto-sync prunes; null counts as false
 * @param selfHeal whether drift in the cluster triggers a sync; null counts as false
 * @param allowEmpty whether auto-sync may prune every resource; null counts as false
 * @since 0.1
 */
public record Automated(@Nullable Boolean enabled, @Nullable Boolean prune,
    @Nullable Boolean selfHeal, @Nullable Boolean allowEmpty) {

  private static final Automated DEFAULTS = new Automated(null, null, null, null);

  /**
   * {@code automated: {}}: auto-sync on, everything else at its default.
   *
   * @return the policy
   */
  public static Automated defaults() {
    return DEFAULTS;
  }

  /** @return whether auto-sync is on ({@code enabled} null or true) */
  public boolean isEnabled() {
    return enabled == null || enabled;
  }

  /** @return whether auto-sync prunes */
  public boolean isPrune() {
    return prune != null && prune;
  }

  /** @return whether self-heal is on */
  public boolean isSelfHeal() {
    return selfHeal != null && selfHeal;
  }

  /** @return whether auto-sync may prune everything */
  public boolean isAllowEmpty() {
    return allowEmpty != null && allowEmpty;
  }

  /**
   * A copy with {@code enabled} set.
   *
   * @param value the flag, or null to leave it unwritten
   * @return the copy
   */
  public Automated withEnabled(@Nullable Boolean value) {
    return new Automated(value, prune, selfHeal, allowEmpty);
  }

  /**
   * A copy with {@code prune} set.
   *
   * @param value the flag, or null to leave it unwritten
   * @return the copy
   */
  public Automated withPrune(@Nullable Boolean value) {
    return new Automated(enabled, value, selfHeal, allowEmpty);
  }

  /**
   * A copy with {@code selfHeal} set.
   *
   * @param value the flag, or null to leave it unwritten
   * @return the copy
   */
  public Automated withSelfHeal(@Nullable Boolean value) {
    return new Automated(enabled, prune, value, allowEmpty);
  }

  /**
   * A copy with {@code allowEmpty} set.
   *
   * @param value the flag, or null to leave it unwritten
   * @return the copy
   */
  public Automated withAllowEmpty(@Nullable Boolean value) {
    return new Automated(enabled, prune, selfHeal, value);
  }
}
