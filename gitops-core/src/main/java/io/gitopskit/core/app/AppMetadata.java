package io.gitopskit.core.app;

import io.gitopskit.core.internal.ArgoDocuments;
import io.gitopskit.core.internal.JsonFields;
import io.gitopskit.core.json.JsonObject;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Kubernetes metadata of an Argo CD object ({@code Application}, {@code AppProject}): name,
 * namespace, labels, annotations and finalizers, plus every other metadata field (uid,
 * resourceVersion, ...) kept as written so that writing the object back loses nothing.
 *
 * @param name the object name; never empty
 * @param namespace the namespace, {@code ""} when not set
 * @param labels the labels, sorted by key
 * @param annotations the annotations, sorted by key
 * @param finalizers the finalizers, in order
 * @param other the remaining metadata fields, as written
 * @since 0.1
 */
public record AppMetadata(String name, String namespace, Map<String, String> labels,
    Map<String, String> annotations, List<String> finalizers, JsonObject other) {

  /** Metadata fields with their own component; everything else goes to {@link #other()}. */
  static final List<String> MODELLED = ArgoDocuments.METADATA_FIELDS;

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the name is empty or {@code other} holds a modelled
   *     field
   */
  public AppMetadata {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(other, "other");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("metadata.name is required");
    }
    for (String k : MODELLED) {
      if (other.has(k)) {
        throw new IllegalArgumentException("metadata." + k + " belongs in its own component");
      }
    }
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    finalizers = List.copyOf(finalizers);
  }

  /**
   * Metadata with only a name and a namespace.
   *
   * @param name the name
   * @param namespace the namespace, or {@code ""}
   * @return the metadata
   */
  public static AppMetadata of(String name, String namespace) {
    return new AppMetadata(name, namespace, Map.of(), Map.of(), List.of(), JsonObject.empty());
  }

  /**
   * This metadata as JSON: the modelled fields (left out when empty) and every other field.
   *
   * @return the {@code metadata} object
   */
  public JsonObject toJson() {
    JsonObject.Builder b = other.toBuilder();
    b.put("name", name);
    JsonFields.putIfSet(b, "namespace", namespace);
    JsonFields.putIfSet(b, "labels", labels);
    JsonFields.putIfSet(b, "annotations", annotations);
    JsonFields.putIfSet(b, "finalizers", finalizers);
    return b.build();
  }

  /**
   * A copy with another namespace.
   *
   * @param value the namespace
   * @return the copy
   */
  public AppMetadata withNamespace(String value) {
    return new AppMetadata(name, value, labels, annotations, finalizers, other);
  }

  /**
   * A copy with other labels.
   *
   * @param value the labels
   * @return the copy
   */
  public AppMetadata withLabels(Map<String, String> value) {
    return new AppMetadata(name, namespace, value, annotations, finalizers, other);
  }

  /**
   * A copy with other annotations.
   *
   * @param value the annotations
   * @return the copy
   */
  public AppMetadata withAnnotations(Map<String, String> value) {
    return new AppMetadata(name, namespace, labels, value, finalizers, other);
  }

  /**
   * A copy with other finalizers.
   *
   * @param value the finalizers
   * @return the copy
   */
  public AppMetadata withFinalizers(List<String> value) {
    return new AppMetadata(name, namespace, labels, annotations, value, other);
  }
}
