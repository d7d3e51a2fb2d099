package io.gitopskit.git.internal;

import io.gitopskit.git.GitException;
import io.gitopskit.git.RetryPolicy;
import io.gitopskit.git.Sleeper;
import java.util.function.IntFunction;

/** Runs an operation, retrying transient {@link GitException}s with backoff. Not API. */
public final class Retrying {

  private final RetryPolicy policy;
  private final Sleeper sleeper;

  /**
   * Creates the helper.
   *
   * @param policy tries and delays
   * @param sleeper how to wait
   */
  public Retrying(RetryPolicy policy, Sleeper sleeper) {
    this.policy = policy;
    this.sleeper = sleeper;
  }

  /**
   * Runs an operation.
   *
   * @param op the operation, given the try number from 1
   * @param <T> the result type
   * @return the first successful result
   * @throws GitException the last failure, or the first one that is not transient
   */
  public <T> T run(IntFunction<T> op) {
    for (int attempt = 1; ; attempt++) {
      try {
        return op.apply(attempt);
      } catch (GitException e) {
        if (!e.isTransient() || attempt >= policy.maxAttempts()) {
          throw e;
        }
        try {
          sleeper.sleep(policy.delayAfter(attempt));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
