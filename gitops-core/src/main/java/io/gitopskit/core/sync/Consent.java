package io.gitopskit.core.sync;

/**
 * The three answers of the {@code Prune} and {@code Delete} sync options: allowed (the
 * default), {@code =false} and {@code =confirm}.
 *
 * @since 0.1
 */
public enum Consent {
  /** The operation may go ahead (no option, or {@code =true}). */
  ALLOWED,
  /** Never ({@code =false}). */
  REFUSED,
  /** Only after an explicit confirmation ({@code =confirm}). */
  CONFIRM
}
