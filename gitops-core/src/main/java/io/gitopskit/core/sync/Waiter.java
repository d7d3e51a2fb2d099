package io.gitopskit.core.sync;

import java.time.Duration;

/**
 * How the {@link SyncExecutor} lets time pass between polls and retries. Production code sleeps;
 * tests against a simulated cluster advance its manual clock instead.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Waiter {

  /**
   * Lets the given time pass.
   *
   * @param duration how long
   * @throws InterruptedException if the waiting thread is interrupted (the executor then stops
   *     as if terminated)
   */
  void await(Duration duration) throws InterruptedException;

  /**
   * A waiter that sleeps the current thread.
   *
   * @return the waiter
   */
  static Waiter sleeping() {
    return d -> Thread.sleep(d.toMillis());
  }
}
