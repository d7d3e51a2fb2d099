package io.gitopskit.core.model;

import java.util.Objects;

/**
 * Where a manifest or an error came from: a file (or other origin name), a 1-based line and
 * column, and the 1-based index of the YAML/JSON document within the file. Unknown parts are 0.
 *
 * @param file the file path relative to its source root, or an origin name such as
 *     {@code <string>}
 * @param line the 1-based line, 0 when unknown
 * @param column the 1-based column, 0 when unknown
 * @param document the 1-based document index within the file, 0 when unknown
 * @since 0.1
 */
public record SourceLocation(String file, int line, int column, int document) {

  /** Validates the components. */
  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 0 || column < 0 || document < 0) {
      throw new IllegalArgumentException("line, column and document must not be negative");
    }
  }

  /**
   * A location naming only a file.
   *
   * @param file the file
   * @return the location
   */
  public static SourceLocation ofFile(String file) {
    return new SourceLocation(file, 0, 0, 0);
  }

  /** {@code file:line:column (document n)}, leaving out unknown parts. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(file);
    if (line > 0) {
      b.append(':').append(line);
      if (column > 0) {
        b.append(':').append(column);
      }
    }
    if (document > 0) {
      b.append(" (document ").append(document).append(')');
    }
    return b.toString();
  }
}
