package io.gitopskit.core.app;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Labels and annotations put on the destination namespace when {@code CreateNamespace=true}
 * creates it ({@code syncPolicy.managedNamespaceMetadata}).
 *
 * @param labels the labels, sorted by key
 * @param annotations the annotations, sorted by key
 * @since 0.1
 */
public record ManagedNamespaceMetadata(Map<String, String> labels,
    Map<String, String> annotations) {

  /** Copies. */
  public ManagedNamespaceMetadata {
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
  }
}
