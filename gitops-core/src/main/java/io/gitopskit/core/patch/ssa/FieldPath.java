package io.gitopskit.core.patch.ssa;

import java.util.ArrayList;
import java.util.List;

/**
 * A path to one field, list item or value in an object, as server-side apply tracks them.
 *
 * @param elements the steps from the object root; empty for the root itself
 * @since 0.1
 */
public record FieldPath(List<PathElement> elements) implements Comparable<FieldPath> {

  /** The empty path: the object itself. */
  public static final FieldPath ROOT = new FieldPath(List.of());

  /** Copies the elements. */
  public FieldPath {
    elements = List.copyOf(elements);
  }

  /**
   * A path of object fields only, e.g. {@code fields("spec", "replicas")}.
   *
   * @param names the field names
   * @return the path
   */
  public static FieldPath fields(String... names) {
    List<PathElement> e = new ArrayList<>(names.length);
    for (String n : names) {
      e.add(new PathElement.Field(n));
    }
    return new FieldPath(e);
  }

  /**
   * This path with one more step.
   *
   * @param element the step
   * @return the longer path
   */
  public FieldPath append(PathElement element) {
    List<PathElement> e = new ArrayList<>(elements.size() + 1);
    e.addAll(elements);
    e.add(element);
    return new FieldPath(e);
  }

  /** Element by element, shorter first on a common prefix. */
  @Override
  public int compareTo(FieldPath other) {
    int n = Math.min(elements.size(), other.elements.size());
    for (int i = 0; i < n; i++) {
      int c = elements.get(i).compareTo(other.elements.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(elements.size(), other.elements.size());
  }

  /**
   * The API server's form, e.g. {@code .spec.template.spec.containers[name="web"].image}.
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (PathElement e : elements) {
      b.append(e);
    }
    return b.toString();
  }
}
