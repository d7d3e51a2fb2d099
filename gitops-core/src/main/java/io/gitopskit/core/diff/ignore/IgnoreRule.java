package io.gitopskit.core.diff.ignore;

import io.gitopskit.core.internal.Glob;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonPointer;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One ignore-differences rule, mirroring Argo CD's {@code ResourceIgnoreDifferences}.
 *
 * @param group the API group glob; {@code ""} is the core group and {@code *} any group
 * @param kind the kind glob, e.g. {@code Deployment} or {@code *}
 * @param name the object name to match exactly, or {@code ""} for any name
 * @param namespace the namespace to match exactly, or {@code ""} for any namespace
 * @param jsonPointers RFC 6901 pointers of fields to remove, e.g. {@code /spec/replicas}
 * @param jqPathExpressions jq path expressions of fields to remove, e.g. {@code
 *     .webhooks[]?.clientConfig.caBundle}
 * @param managedFieldsManagers field managers whose fields are ignored where they differ, e.g.
 *     {@code kube-controller-manager}
 * @since 0.1
 */
public record IgnoreRule(String group, String kind, String name, String namespace,
    List<String> jsonPointers, List<String> jqPathExpressions,
    List<String> managedFieldsManagers) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the kind is blank, a glob is malformed, a pointer is
   *     malformed or addresses the whole object, or an expression or manager is blank
   */
  public IgnoreRule {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    if (kind.isBlank()) {
      throw new IllegalArgumentException("ignore rule kind must not be blank");
    }
    Glob.compile(group);
    Glob.compile(kind);
    jsonPointers = List.copyOf(jsonPointers);
    jqPathExpressions = List.copyOf(jqPathExpressions);
    managedFieldsManagers = List.copyOf(managedFieldsManagers);
    for (String p : jsonPointers) {
      if (JsonPointer.parse(p).tokens().isEmpty()) {
        throw new IllegalArgumentException("ignore rule JSON pointer must not address the whole"
            + " object");
      }
    }
    for (String e : jqPathExpressions) {
      if (e.isBlank()) {
        throw new IllegalArgumentException("ignore rule jq expression must not be blank");
      }
    }
    for (String m : managedFieldsManagers) {
      if (m.isEmpty()) {
        throw new IllegalArgumentException("ignore rule manager must not be empty");
      }
    }
  }

  /**
   * A rule for a group and kind that ignores nothing yet; add to it with the {@code with...}
   * methods.
   *
   * @param group the group glob, {@code ""} for core
   * @param kind the kind glob
   * @return the rule
   * @throws IllegalArgumentException if the kind is blank or a glob is malformed
   */
  public static IgnoreRule of(String group, String kind) {
    return new IgnoreRule(group, kind, "", "", List.of(), List.of(), List.of());
  }

  /**
   * Reads Argo CD's JSON or YAML form: {@code group}, {@code kind}, {@code name}, {@code
   * namespace}, {@code jsonPointers}, {@code jqPathExpressions}, {@code
   * managedFieldsManagers}; absent fields are empty.
   *
   * @param json one {@code spec.ignoreDifferences} item
   * @return the rule
   * @throws IllegalArgumentException if a field has the wrong type or the rule is invalid
   */
  public static IgnoreRule fromJson(JsonObject json) {
    return new IgnoreRule(string(json, "group"), string(json, "kind"), string(json, "name"),
        string(json, "namespace"), strings(json, "jsonPointers"),
        strings(json, "jqPathExpressions"), strings(json, "managedFieldsManagers"));
  }

  private static String string(JsonObject json, String field) {
    JsonValue v = json.getOrNull(field);
    if (v == null || v instanceof JsonNull) {
      return "";
    }
    if (!(v instanceof JsonString s)) {
      throw new IllegalArgumentException("ignoreDifferences." + field + " must be a string");
    }
    return s.value();
  }

  private static List<String> strings(JsonObject json, String field) {
    JsonValue v = json.getOrNull(field);
    if (v == null || v instanceof JsonNull) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      throw new IllegalArgumentException("ignoreDifferences." + field + " must be a list");
    }
    List<String> out = new ArrayList<>(a.size());
    for (JsonValue item : a.items()) {
      if (!(item instanceof JsonString s)) {
        throw new IllegalArgumentException("ignoreDifferences." + field
            + " must hold strings");
      }
      out.add(s.value());
    }
    return out;
  }

  /**
   * This rule restricted to one object name.
   *
   * @param newName the name, or {@code ""} for any
   * @return the new rule
   */
  public IgnoreRule withName(String newName) {
    return new IgnoreRule(group, kind, newName, namespace, jsonPointers, jqPathExpressions,
        managedFieldsManagers);
  }

  /**
   * This rule restricted to one namespace.
   *
   * @param newNamespace the namespace, or {@code ""} for any
   * @return the new rule
   */
  public IgnoreRule withNamespace(String newNamespace) {
    return new IgnoreRule(group, kind, name, newNamespace, jsonPointers, jqPathExpressions,
        managedFieldsManagers);
  }

  /**
   * This rule with more JSON pointers.
   *
   * @param pointers e.g. {@code /spec/replicas}
   * @return the new rule
   * @throws IllegalArgumentException if a pointer is malformed
   */
  public IgnoreRule withJsonPointers(String... pointers) {
    return new IgnoreRule(group, kind, name, namespace, concat(jsonPointers, pointers),
        jqPathExpressions, managedFieldsManagers);
  }

  /**
   * This rule with more jq path expressions.
   *
   * @param expressions e.g. {@code .webhooks[]?.clientConfig.caBundle}
   * @return the new rule
   * @throws IllegalArgumentException if an expression is blank
   */
  public IgnoreRule withJqPathExpressions(String... expressions) {
    return new IgnoreRule(group, kind, name, namespace, jsonPointers,
        concat(jqPathExpressions, expressions), managedFieldsManagers);
  }

  /**
   * This rule with more trusted field managers.
   *
   * @param managers e.g. {@code kube-controller-manager}
   * @return the new rule
   */
  public IgnoreRule withManagedFieldsManagers(String... managers) {
    return new IgnoreRule(group, kind, name, namespace, jsonPointers, jqPathExpressions,
        concat(managedFieldsManagers, managers));
  }

  private static List<String> concat(List<String> a, String[] b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(Arrays.asList(b));
    return out;
  }

  /**
   * Whether this rule applies to an object: group and kind match their globs, and name and
   * namespace are equal where set.
   *
   * @param object the object
   * @return true when it applies
   */
  public boolean matches(Manifest object) {
    return matches(object.group(), object.kind(), object.namespace(), object.name());
  }

  /**
   * Whether this rule applies to an object with the given identity.
   *
   * @param objectGroup the object's group, {@code ""} for core
   * @param objectKind the object's kind
   * @param objectNamespace the object's namespace, {@code ""} when none
   * @param objectName the object's name
   * @return true when it applies
   */
  public boolean matches(String objectGroup, String objectKind, String objectNamespace,
      String objectName) {
    return (name.isEmpty() || name.equals(objectName))
        && (namespace.isEmpty() || namespace.equals(objectNamespace))
        && Globs.matches(group, objectGroup) && Globs.matches(kind, objectKind);
  }

  /** {@code group/kind} with {@code namespace/name} when set, e.g. {@code apps/Deployment}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(group).append('/').append(kind);
    if (!namespace.isEmpty() || !name.isEmpty()) {
      b.append(' ').append(namespace.isEmpty() ? "*" : namespace).append('/')
          .append(name.isEmpty() ? "*" : name);
    }
    return b.toString();
  }
}
