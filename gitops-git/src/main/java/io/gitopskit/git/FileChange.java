package io.gitopskit.git;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One change of a commit made by {@link GitWriter}: write a file, edit a file's text, or
 * delete a file. Paths are relative to the repository root and may not escape it.
 *
 * <p>An {@link Edit} is applied to the file as it is at the head the commit is built on, so
 * when a push is replayed on a remote that moved, the edit (e.g. "set the image tag to
 * 1.4.2") is re-applied to the new content rather than overwriting it.
 *
 * @since 0.1
 */
public sealed interface FileChange permits FileChange.Put, FileChange.Edit, FileChange.Delete {

  /**
   * The file's path.
   *
   * @return the path from the repository root
   */
  String path();

  /**
   * Writes a file (creating it or replacing it).
   *
   * @param path the path
   * @param content the new content
   * @return the change
   */
  static Put put(String path, byte[] content) {
    return new Put(path, content);
  }

  /**
   * Writes a UTF-8 text file.
   *
   * @param path the path
   * @param text the new content
   * @return the change
   */
  static Put put(String path, String text) {
    return new Put(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Edits an existing UTF-8 text file.
   *
   * @param path the path
   * @param edit from the current text to the new text
   * @return the change
   */
  static Edit edit(String path, UnaryOperator<String> edit) {
    return new Edit(path, edit);
  }

  /**
   * Deletes a file.
   *
   * @param path the path
   * @return the change
   */
  static Delete delete(String path) {
    return new Delete(path);
  }

  /**
   * Write a file.
   *
   * @param path the path
   * @param content the bytes (copied)
   */
  record Put(String path, byte[] content) implements FileChange {
    /** Validates and copies. */
    public Put {
      Objects.requireNonNull(path, "path");
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Put && ((Put) o).path.equals(path)
          && java.util.Arrays.equals(((Put) o).content, content);
    }

    @Override
    public int hashCode() {
      return path.hashCode() * 31 + java.util.Arrays.hashCode(content);
    }

    @Override
    public String toString() {
      return "Put[" + path + ", " + content.length + " bytes]";
    }
  }

  /**
   * Edit a text file.
   *
   * @param path the path
   * @param edit the edit, applied to the file's current UTF-8 text
   */
  record Edit(String path, UnaryOperator<String> edit) implements FileChange {
    /** Validates the components. */
    public Edit {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(edit, "edit");
    }
  }

  /**
   * Delete a file.
   *
   * @param path the path
   */
  record Delete(String path) implements FileChange {
    /** Validates the components. */
    public Delete {
      Objects.requireNonNull(path, "path");
    }
  }
}
