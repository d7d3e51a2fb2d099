package io.gitopskit.core.sync;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where operation states are kept between steps, so that an operation interrupted by a crash
 * can be resumed by another process ({@link SyncExecutor#resume}). Pair it with {@link
 * SyncExecutor#SyncExecutor(java.util.function.Consumer)} to save after every step:
 *
 * <pre>{@code
 * StateStore store = StateStore.directory(dir);
 * SyncExecutor executor = new SyncExecutor(s -> store.save("shop", s));
 * // ... after a restart:
 * store.load("shop").ifPresent(s -> new SyncExecutor().resume(plan, cluster, s, options));
 * }</pre>
 *
 * <p>Implementations must be safe for use from several threads.
 *
 * @since 0.1
 */
public interface StateStore {

  /**
   * Saves the latest state of an operation, replacing the previous one as a whole: a crash
   * during a save leaves the previous state.
   *
   * @param operation the operation's id: at most 250 letters, digits, {@code .}, {@code _}
   *     and {@code -}
   * @param state the state
   * @throws IllegalArgumentException for an invalid id
   * @throws io.gitopskit.core.GitOpsException if the state cannot be written
   */
  void save(String operation, OperationState state);

  /**
   * The latest saved state of an operation.
   *
   * @param operation the operation's id
   * @return the state; empty when none was saved
   * @throws IllegalArgumentException for an invalid id, or a stored state that cannot be read
   * @throws io.gitopskit.core.GitOpsException if the store cannot be read
   */
  Optional<OperationState> load(String operation);

  /**
   * Forgets an operation (e.g. once it completed and its result was recorded elsewhere).
   *
   * @param operation the operation's id
   * @throws IllegalArgumentException for an invalid id
   */
  void remove(String operation);

  /**
   * The ids of the saved operations.
   *
   * @return the ids, sorted
   */
  List<String> operations();

  /**
   * A store in this process's memory (lost with it; for tests and embedding without a crash
   * story).
   *
   * @return an empty store
   */
  static StateStore inMemory() {
    return new StateStores.InMemory();
  }

  /**
   * A store of one JSON file per operation ({@code <id>.json}, {@link OperationStateCodec}) in
   * a directory, each written to a temporary file and moved into place atomically. The
   * directory is created when missing.
   *
   * @param directory the directory
   * @return the store
   */
  static StateStore directory(Path directory) {
    return new StateStores.Directory(directory);
  }
}
