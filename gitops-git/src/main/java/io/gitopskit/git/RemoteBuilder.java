package io.gitopskit.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link GitSource.Builder} and {@link GitWriter.Builder} share: the directory for the
 * mirrors, credentials, retries and the network timeout. Not thread-safe.
 *
 * @param <B> the concrete builder
 */
abstract class RemoteBuilder<B extends RemoteBuilder<B>> {

  @Nullable Path directory;
  final List<RepoCredentials> credentials = new ArrayList<>();
  RetryPolicy retry = RetryPolicy.defaults();
  Sleeper sleeper = Sleeper.threadSleep();
  Duration timeout = Duration.ofSeconds(60);

  RemoteBuilder() {}

  abstract B self();

  /**
   * Adds credentials and TLS settings; for a URL, the longest matching prefix wins among the
   * authentication entries and, separately, among the TLS entries.
   *
   * @param values the credentials
   * @return this builder
   */
  public B credentials(RepoCredentials... values) {
    for (RepoCredentials c : values) {
      credentials.add(Objects.requireNonNull(c, "credentials"));
    }
    return self();
  }

  /**
   * How transient failures (network, authentication, a revision not there yet) are retried
   * (default: 3 tries, 250 ms then 500 ms).
   *
   * @param value the policy
   * @return this builder
   */
  public B retry(RetryPolicy value) {
    this.retry = Objects.requireNonNull(value, "retry");
    return self();
  }

  /**
   * How to wait between tries (default: sleep the thread).
   *
   * @param value the sleeper
   * @return this builder
   */
  public B sleeper(Sleeper value) {
    this.sleeper = Objects.requireNonNull(value, "sleeper");
    return self();
  }

  /**
   * The network timeout of one fetch or push (default 60 s).
   *
   * @param value the timeout, at least one second
   * @return this builder
   * @throws IllegalArgumentException if shorter than a second
   */
  public B timeout(Duration value) {
    if (value.toSeconds() < 1) {
      throw new IllegalArgumentException("timeout must be at least one second");
    }
    this.timeout = value;
    return self();
  }

  /**
   * The directory, checked.
   *
   * @param name the setter's name for the message
   * @return the directory
   * @throws IllegalStateException if it was not set
   */
  Path requireDirectory(String name) {
    if (directory == null) {
      throw new IllegalStateException(name + " is required");
    }
    return directory;
  }
}
