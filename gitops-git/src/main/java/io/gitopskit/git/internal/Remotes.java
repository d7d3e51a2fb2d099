package io.gitopskit.git.internal;

import io.gitopskit.git.RepoCredentials;
import io.gitopskit.git.RetryPolicy;
import io.gitopskit.git.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The mirrors under one directory with their transports and retry policy, as a {@code
 * GitSource} or a {@code GitWriter} uses them. Thread-safe. Not API.
 */
public final class Remotes implements AutoCloseable {

  private final MirrorCache mirrors;
  private final Transports transports;
  private final Retrying retrying;

  /**
   * Creates the directory if needed and the mirrors' wiring.
   *
   * @param dir the directory holding one bare mirror per repository
   * @param credentials credentials and TLS settings per URL prefix
   * @param timeout the network timeout
   * @param retry how transient failures are retried
   * @param sleeper how to wait between tries
   * @throws UncheckedIOException if the directory cannot be created
   */
  public Remotes(Path dir, List<RepoCredentials> credentials, Duration timeout,
      RetryPolicy retry, Sleeper sleeper) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory " + dir, e);
    }
    this.mirrors = new MirrorCache(dir);
    this.transports = new Transports(credentials, dir, timeout);
    this.retrying = new Retrying(retry, sleeper);
  }

  /**
   * The mirror of a repository.
   *
   * @param url the repository URL
   * @return the mirror, created empty on first use
   */
  public Mirror mirror(String url) {
    return mirrors.get(url);
  }

  /**
   * Credentials and failure mapping.
   *
   * @return the transports
   */
  public Transports transports() {
    return transports;
  }

  /**
   * The retry loop.
   *
   * @return the retrying helper
   */
  public Retrying retrying() {
    return retrying;
  }

  /**
   * Fetches a repository's mirror with the caller's URL (and so its current credentials),
   * retrying transient failures.
   *
   * @param url the repository URL
   * @return the fetched mirror
   * @throws io.gitopskit.git.GitException after the last try
   */
  public Mirror fetched(String url) {
    Mirror mirror = mirrors.get(url);
    retrying.run(a -> {
      mirror.fetch(url, transports);
      return null;
    });
    return mirror;
  }

  /** Releases the mirrors and SSH clients. */
  @Override
  public void close() {
    transports.close();
    mirrors.close();
  }
}
