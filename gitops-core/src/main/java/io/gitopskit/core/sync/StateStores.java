package io.gitopskit.core.sync;

import io.gitopskit.core.GitOpsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The built-in {@link StateStore}s. */
final class StateStores {

  /** At most 250 characters, so that {@code <id>.json} fits a file name (255 bytes). */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,249}");
  private static final String SUFFIX = ".json";

  private StateStores() {
  }

  static String checkId(String operation) {
    Objects.requireNonNull(operation, "operation");
    if (!ID.matcher(operation).matches()) {
      throw new IllegalArgumentException("invalid operation id (expected at most 250 letters, digits,"
          + " '.', '_' and '-', starting with a letter or digit): " + operation);
    }
    return operation;
  }

  /** Keeps the states in a map. */
  static final class InMemory implements StateStore {
    private final Map<String, OperationState> states = new ConcurrentHashMap<>();

    @Override
    public void save(String operation, OperationState state) {
      states.put(checkId(operation), Objects.requireNonNull(state, "state"));
    }

    @Override
    public Optional<OperationState> load(String operation) {
      return Optional.ofNullable(states.get(checkId(operation)));
    }

    @Override
    public void remove(String operation) {
      states.remove(checkId(operation));
    }

    @Override
    public List<String> operations() {
      List<String> ids = new ArrayList<>(states.keySet());
      ids.sort(null);
      return List.copyOf(ids);
    }
  }

  /** One JSON file per operation, replaced atomically. */
  static final class Directory implements StateStore {
    private final Path directory;

    Directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public synchronized void save(String operation, OperationState state) {
      Path file = directory.resolve(checkId(operation) + SUFFIX);
      byte[] bytes = OperationStateCodec.toJson(state).getBytes(StandardCharsets.UTF_8);
      try {
        Files.createDirectories(directory);
        Path tmp = Files.createTempFile(directory, ".state-", ".tmp");
        try {
          Files.write(tmp, bytes);
          try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
          }
        } finally {
          Files.deleteIfExists(tmp);
        }
      } catch (IOException e) {
        throw new GitOpsException("failed to save the state of operation " + operation + " to "
            + file, e);
      }
    }

    @Override
    public synchronized Optional<OperationState> load(String operation) {
      Path file = directory.resolve(checkId(operation) + SUFFIX);
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new GitOpsException("failed to read the state of operation " + operation
            + " from " + file, e);
      }
      return Optional.of(OperationStateCodec.fromJson(text, file.toString()));
    }

    @Override
    public synchronized void remove(String operation) {
      Path file = directory.resolve(checkId(operation) + SUFFIX);
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new GitOpsException("failed to remove the state of operation " + operation
            + " at " + file, e);
      }
    }

    @Override
    public synchronized List<String> operations() {
      List<String> ids = new ArrayList<>();
      if (!Files.isDirectory(directory)) {
        return List.of();
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
        for (Path f : files) {
          String name = f.getFileName().toString();
          String id = name.substring(0, name.length() - SUFFIX.length());
          if (ID.matcher(id).matches()) {
            ids.add(id);
          }
        }
      } catch (IOException e) {
        throw new GitOpsException("failed to list the operation states in " + directory, e);
      }
      ids.sort(null);
      return List.copyOf(ids);
    }
  }
}
