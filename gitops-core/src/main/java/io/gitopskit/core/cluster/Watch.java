package io.gitopskit.core.cluster;

/**
 * An open watch; closing it stops the delivery of events. Closing twice is harmless.
 *
 * @since 0.1
 */
public interface Watch extends AutoCloseable {

  /** Stops delivering events. */
  @Override
  void close();
}
