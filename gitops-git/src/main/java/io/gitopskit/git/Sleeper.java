package io.gitopskit.git;

import java.time.Duration;

/**
 * Waits between retries. The default sleeps the calling thread; tests pass one that records the
 * delays and returns at once.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits.
   *
   * @param delay how long
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration delay) throws InterruptedException;

  /**
   * The sleeper that blocks the calling thread.
   *
   * @return {@code Thread.sleep}
   */
  static Sleeper threadSleep() {
    return d -> Thread.sleep(d.toMillis());
  }
}
