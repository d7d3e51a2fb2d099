package io.gitopskit.core.patch;

/**
 * How server-side apply treats a list ({@code x-kubernetes-list-type}).
 *
 * @since 0.1
 */
public enum ListType {
  /** Replaced as a whole and owned as one field; the default for lists of unknown types. */
  ATOMIC,
  /** A set of scalars: items are merged by value and owned one by one. */
  SET,
  /** A list of objects identified by key fields: items are merged by key and owned per key. */
  MAP
}
