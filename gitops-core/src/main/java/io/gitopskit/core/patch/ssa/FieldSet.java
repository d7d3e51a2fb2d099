package io.gitopskit.core.patch.ssa;

import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.patch.TypeInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable set of {@link FieldPath}s: the fields a manager owns, in Kubernetes'
 * {@code fieldsV1} form. Stored as a trie; each node knows whether its own path is a member
 * ({@code .} in fieldsV1) and holds the non-empty subsets below it. Iteration order is
 * deterministic.
 *
 * <p>Which paths are members follows structured-merge-diff's {@code ToFieldSet}: every scalar
 * and every atomic list or map, every item of a map or set list, and every field whose value is
 * {@code null} or {@code {}}; a non-empty granular object is not a member itself, only its
 * fields are.
 *
 * @since 0.1
 */
public final class FieldSet {

  private static final FieldSet EMPTY = new FieldSet(false, Collections.emptySortedMap());

  /** The paths the API server never tracks (k8s-defaults section 2.2). */
  static final FieldSet NEVER_TRACKED = ofPaths(List.of(
      FieldPath.fields("apiVersion"), FieldPath.fields("kind"), FieldPath.fields("metadata"),
      FieldPath.fields("metadata", "name"), FieldPath.fields("metadata", "namespace"),
      FieldPath.fields("metadata", "creationTimestamp"), FieldPath.fields("metadata", "selfLink"),
      FieldPath.fields("metadata", "uid"), FieldPath.fields("metadata", "clusterName"),
      FieldPath.fields("metadata", "generation"), FieldPath.fields("metadata", "managedFields"),
      FieldPath.fields("metadata", "resourceVersion")));

  private final boolean self;
  private final SortedMap<PathElement, FieldSet> children;
  private final int size;

  private FieldSet(boolean self, SortedMap<PathElement, FieldSet> children) {
    this.self = self;
    this.children = children;
    int n = self ? 1 : 0;
    for (FieldSet c : children.values()) {
      n += c.size;
    }
    this.size = n;
  }

  private static FieldSet of(boolean self, SortedMap<PathElement, FieldSet> children) {
    if (!self && children.isEmpty()) {
      return EMPTY;
    }
    return new FieldSet(self, Collections.unmodifiableSortedMap(children));
  }

  /**
   * The empty set.
   *
   * @return the shared empty set
   */
  public static FieldSet empty() {
    return EMPTY;
  }

  /**
   * The fields of an object that server-side apply tracks: every member path of the tree
   * except those the API server never tracks ({@code apiVersion}, {@code kind}, {@code
   * metadata} itself and its {@code name}, {@code namespace}, {@code uid}, {@code
   * resourceVersion}, {@code generation}, {@code creationTimestamp}, {@code selfLink},
   * {@code managedFields}). {@code status} is included; callers drop it where a write
   * resets it.
   *
   * @param types list and map semantics
   * @param gvk the kind of the object
   * @param object the object
   * @return its field set
   */
  public static FieldSet of(TypeInfo types, GroupVersionKind gvk, JsonObject object) {
    return new Typed(types, gvk).toFieldSet(object).difference(NEVER_TRACKED);
  }

  /**
   * The part of an object this set covers: members whole, granular objects and keyed lists by
   * their covered parts; keyed list items keep their key fields so their identity survives.
   *
   * @param types the type knowledge
   * @param gvk the object's kind
   * @param object the object
   * @return the covered part (empty when nothing is covered)
   */
  public JsonObject extractFrom(TypeInfo types, GroupVersionKind gvk, JsonObject object) {
    JsonValue part = new Typed(types, gvk).extract(object, this, List.of());
    return part instanceof JsonObject o ? o : JsonObject.empty();
  }

  /**
   * An object without this set's members (whole subtrees), list items matched by key or value.
   *
   * @param types the type knowledge
   * @param gvk the object's kind
   * @param object the object
   * @return the object without the members
   */
  public JsonObject removeFrom(TypeInfo types, GroupVersionKind gvk, JsonObject object) {
    return (JsonObject) new Typed(types, gvk).removeItems(object, this, List.of());
  }

  /**
   * A set of the given paths.
   *
   * @param paths the members
   * @return the set
   */
  public static FieldSet ofPaths(Collection<FieldPath> paths) {
    Builder b = new Builder();
    for (FieldPath p : paths) {
      Builder n = b;
      for (PathElement e : p.elements()) {
        n = n.child(e);
      }
      n.self = true;
    }
    return b.build();
  }

  /**
   * Parses a {@code fieldsV1} trie, e.g. {@code {"f:spec":{"f:replicas":{}}}}.
   *
   * @param fieldsV1 the trie
   * @return the set
   * @throws IllegalArgumentException for keys without a known prefix, malformed key JSON or
   *     non-object values
   */
  public static FieldSet fromFieldsV1(JsonObject fieldsV1) {
    Objects.requireNonNull(fieldsV1, "fieldsV1");
    return parse(fieldsV1, false, 0);
  }

  private static FieldSet parse(JsonObject node, boolean leafIfEmpty, int depth) {
    if (depth > 200) {
      throw new IllegalArgumentException("fieldsV1 nests too deeply");
    }
    boolean self = leafIfEmpty && node.isEmpty();
    SortedMap<PathElement, FieldSet> children = new TreeMap<>();
    for (int i = 0; i < node.size(); i++) {
      String key = node.keyAt(i);
      if (!(node.valueAt(i) instanceof JsonObject value)) {
        throw new IllegalArgumentException("fieldsV1 values must be objects");
      }
      if (key.equals(".")) {
        self = true;
        continue;
      }
      FieldSet child = parse(value, true, depth + 1);
      if (!child.isEmpty()) {
        children.merge(PathElement.parse(key), child, FieldSet::union);
      }
    }
    return of(self, children);
  }

  /**
   * The {@code fieldsV1} trie: each member without children is {@code {}}; a member with
   * children carries {@code ".": {}} beside them.
   *
   * @return the trie
   */
  public JsonObject toFieldsV1() {
    JsonObject.Builder b = JsonObject.builder();
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      FieldSet c = e.getValue();
      JsonObject inner = c.toFieldsV1();
      if (c.self && !c.children.isEmpty()) {
        inner = inner.with(".", JsonObject.empty());
      }
      b.put(e.getKey().fieldsV1Key(), inner);
    }
    return b.build();
  }

  /**
   * Whether the set has no members.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * The number of members.
   *
   * @return the count
   */
  public int size() {
    return size;
  }

  /**
   * Whether a path is a member.
   *
   * @param path the path
   * @return true when it is
   */
  public boolean contains(FieldPath path) {
    FieldSet n = this;
    for (PathElement e : path.elements()) {
      n = n.children.get(e);
      if (n == null) {
        return false;
      }
    }
    return n.self;
  }

  /**
   * The subsets below each first step, in order; each subset's paths are relative to it.
   *
   * @return an unmodifiable sorted view
   */
  public Map<PathElement, FieldSet> children() {
    return children;
  }

  /**
   * The paths below one first step, relative to it.
   *
   * @param element the step
   * @return the subset, possibly empty
   */
  public FieldSet child(PathElement element) {
    FieldSet c = children.get(element);
    return c == null ? EMPTY : c;
  }

  /**
   * The members, in structured-merge-diff's iteration order: at each level the members among
   * the next steps first, then what lies below each step, both in element order.
   *
   * @return the paths
   */
  public List<FieldPath> paths() {
    List<FieldPath> out = new ArrayList<>(size);
    if (self) {
      out.add(FieldPath.ROOT);
    }
    collect(FieldPath.ROOT, out);
    return out;
  }

  private void collect(FieldPath prefix, List<FieldPath> out) {
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      if (e.getValue().self) {
        out.add(prefix.append(e.getKey()));
      }
    }
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      e.getValue().collect(prefix.append(e.getKey()), out);
    }
  }

  /**
   * The paths in either set.
   *
   * @param other the other set
   * @return the union
   */
  public FieldSet union(FieldSet other) {
    if (other.isEmpty() || other == this) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    SortedMap<PathElement, FieldSet> c = new TreeMap<>(children);
    other.children.forEach((k, v) -> c.merge(k, v, FieldSet::union));
    return of(self || other.self, c);
  }

  /**
   * The paths in this set but not in the other.
   *
   * @param other the other set
   * @return the difference
   */
  public FieldSet difference(FieldSet other) {
    if (other.isEmpty() || isEmpty()) {
      return this;
    }
    SortedMap<PathElement, FieldSet> c = new TreeMap<>();
    children.forEach((k, v) -> {
      FieldSet o = other.children.get(k);
      FieldSet d = o == null ? v : v.difference(o);
      if (!d.isEmpty()) {
        c.put(k, d);
      }
    });
    return of(self && !other.self, c);
  }

  /**
   * The paths in both sets.
   *
   * @param other the other set
   * @return the intersection
   */
  public FieldSet intersection(FieldSet other) {
    if (other.isEmpty() || isEmpty()) {
      return EMPTY;
    }
    SortedMap<PathElement, FieldSet> c = new TreeMap<>();
    children.forEach((k, v) -> {
      FieldSet o = other.children.get(k);
      if (o != null) {
        FieldSet i = v.intersection(o);
        if (!i.isEmpty()) {
          c.put(k, i);
        }
      }
    });
    return of(self && other.self, c);
  }

  /** Whether this node's own (relative empty) path is a member. */
  boolean self() {
    return self;
  }

  /**
   * This set with every object field that has members below it made a member too
   * (structured-merge-diff's {@code EnsureNamedFieldsAreMembers}), as pruning needs.
   */
  FieldSet withFieldsAsMembers() {
    if (children.isEmpty()) {
      return this;
    }
    SortedMap<PathElement, FieldSet> c = new TreeMap<>();
    children.forEach((k, v) -> {
      FieldSet inner = v.withFieldsAsMembers();
      if (k instanceof PathElement.Field && !inner.children.isEmpty() && !inner.self) {
        inner = of(true, new TreeMap<>(inner.children));
      }
      c.put(k, inner);
    });
    return of(self, c);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet f && f.self == self && f.size == size
        && f.children.equals(children);
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(self) * 31 + children.hashCode();
  }

  /** The fieldsV1 JSON text. */
  @Override
  public String toString() {
    JsonValue v = toFieldsV1();
    return self ? "(root) " + v.toJson() : v.toJson();
  }

  /** A mutable trie node for building sets during tree walks. */
  static final class Builder {
    boolean self;
    private final TreeMap<PathElement, Builder> kids = new TreeMap<>();

    Builder child(PathElement e) {
      return kids.computeIfAbsent(e, k -> new Builder());
    }

    FieldSet build() {
      SortedMap<PathElement, FieldSet> c = new TreeMap<>();
      kids.forEach((k, v) -> {
        FieldSet s = v.build();
        if (!s.isEmpty()) {
          c.put(k, s);
        }
      });
      return of(self, c);
    }
  }
}
