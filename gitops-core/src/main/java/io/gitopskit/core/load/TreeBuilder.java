package io.gitopskit.core.load;

import io.gitopskit.core.internal.Interner;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds one document's tree from parser events with an explicit stack (no recursion, so deep
 * input cannot overflow the Java stack), enforcing depth, node and alias limits, refusing
 * duplicate keys, applying YAML merge keys, and remembering the positions of the few fields a
 * manifest error may name (top-level fields, {@code metadata.*}, and the same inside
 * {@code items[n]} of a List).
 */
final class TreeBuilder {

  /** Thrown for a problem at a position; the caller adds file and document. */
  static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;
    final @Nullable String field;
    int document;

    Problem(String message, int line, int column, @Nullable String field) {
      super(message, null, false, false);
      this.line = line;
      this.column = column;
      this.field = field;
    }

    Problem atDocument(int index) {
      if (document == 0) {
        document = index;
      }
      return this;
    }
  }

  private static final Set<String> TRACKED_ROOT = Set.of("apiVersion", "kind", "metadata", "items");
  private static final Set<String> TRACKED_ITEM = Set.of("apiVersion", "kind", "metadata");

  private final LoadLimits limits;
  private final ArrayList<Frame> stack = new ArrayList<>();
  private final Map<String, int[]> marks = new HashMap<>();
  private final Map<String, Anchored> anchors = new HashMap<>();
  private @Nullable JsonValue result;
  private long nodes;
  private int aliases;

  private record Anchored(JsonValue value, long nodes) {}

  private static final class Frame {
    final boolean object;
    final JsonObject.@Nullable Builder object_;
    final JsonArray.@Nullable Builder array;
    final @Nullable String path;
    final @Nullable String anchor;
    final long nodesAtStart;
    final int line;
    final int column;
    @Nullable String pendingKey;
    int keyLine;
    int keyColumn;
    boolean pendingMerge;
    /** Keys seen so far: a small array first, a hash set past eight keys. */
    final String[] small = new String[8];
    int smallCount;
    @Nullable Set<String> seen;
    @Nullable List<JsonValue> merges;

    boolean hasKey(String key) {
      if (seen != null) {
        return seen.contains(key);
      }
      for (int i = 0; i < smallCount; i++) {
        if (small[i].equals(key)) {
          return true;
        }
      }
      return false;
    }

    void addKey(String key) {
      if (seen != null) {
        seen.add(key);
      } else if (smallCount < small.length) {
        small[smallCount++] = key;
      } else {
        seen = new HashSet<>(32);
        for (int i = 0; i < smallCount; i++) {
          seen.add(small[i]);
        }
        seen.add(key);
      }
    }

    Frame(boolean object, @Nullable String path, @Nullable String anchor, long nodesAtStart,
        int line, int column) {
      this.object = object;
      this.object_ = object ? JsonObject.builder() : null;
      this.array = object ? null : JsonArray.builder();
      this.path = path;
      this.anchor = anchor;
      this.nodesAtStart = nodesAtStart;
      this.line = line;
      this.column = column;
    }
  }

  TreeBuilder(LoadLimits limits) {
    this.limits = limits;
  }

  /** Whether the next scalar is a mapping key. */
  boolean expectingKey() {
    if (stack.isEmpty()) {
      return false;
    }
    Frame top = stack.get(stack.size() - 1);
    return top.object && top.pendingKey == null && !top.pendingMerge;
  }

  /** Starts an object or array at a position. */
  void start(boolean object, @Nullable String anchor, int line, int column) {
    if (expectingKey()) {
      throw new Problem("complex mapping keys are not supported", line, column, currentPath());
    }
    if (stack.size() >= limits.maxDepth()) {
      throw new Problem("nesting deeper than the limit of " + limits.maxDepth(), line, column,
          null);
    }
    countNode(line, column);
    String path = childPath();
    if (path != null) {
      marks.putIfAbsent(path, new int[] {line, column});
    }
    stack.add(new Frame(object, path, anchor, nodes, line, column));
  }

  /** Ends the innermost object or array. */
  void end() {
    Frame f = stack.remove(stack.size() - 1);
    JsonValue value;
    if (f.object) {
      JsonObject.Builder b = f.object_;
      if (f.merges != null) {
        for (JsonValue source : f.merges) {
          if (source instanceof JsonObject o) {
            mergeInto(f, b, o);
          } else {
            for (JsonValue item : ((JsonArray) source).items()) {
              mergeInto(f, b, (JsonObject) item);
            }
          }
        }
      }
      value = b.build();
    } else {
      value = f.array.build();
    }
    if (f.anchor != null) {
      anchors.put(f.anchor, new Anchored(value, nodes - f.nodesAtStart + 1));
    }
    add(value, f.line, f.column);
  }

  private static void mergeInto(Frame f, JsonObject.Builder b, JsonObject source) {
    for (int i = 0; i < source.size(); i++) {
      String k = source.keyAt(i);
      if (!f.hasKey(k)) {
        b.put(k, source.valueAt(i));
        f.addKey(k);
      }
    }
  }

  /** A mapping key (already converted to text). */
  void key(String rawKey, boolean mergeKey, int line, int column) {
    Frame top = stack.get(stack.size() - 1);
    if (mergeKey) {
      top.pendingMerge = true;
      top.keyLine = line;
      top.keyColumn = column;
      return;
    }
    String key = Interner.intern(rawKey);
    if (top.hasKey(key)) {
      String where = top.path == null ? null : (top.path.isEmpty() ? key : top.path + "." + key);
      throw new Problem("duplicate key \"" + key + "\"", line, column, where);
    }
    top.addKey(key);
    top.pendingKey = key;
    top.keyLine = line;
    top.keyColumn = column;
  }

  /** A scalar value at a position. */
  void scalar(JsonValue value, @Nullable String anchor, int line, int column) {
    countNode(line, column);
    String path = childPath();
    if (path != null) {
      marks.putIfAbsent(path, new int[] {line, column});
    }
    if (anchor != null) {
      anchors.put(anchor, new Anchored(value, 1));
    }
    add(value, line, column);
  }

  /** An alias to an earlier anchor. */
  void alias(String anchor, int line, int column) {
    if (expectingKey()) {
      throw new Problem("aliases as mapping keys are not supported", line, column, null);
    }
    if (++aliases > limits.maxAliases()) {
      throw new Problem("more than " + limits.maxAliases() + " YAML aliases in one document",
          line, column, null);
    }
    Anchored a = anchors.get(anchor);
    if (a == null) {
      throw new Problem("unknown alias *" + anchor, line, column, null);
    }
    nodes += a.nodes;
    if (nodes > limits.maxNodes()) {
      throw new Problem("document expands to more than " + limits.maxNodes()
          + " nodes (alias *" + anchor + ")", line, column, null);
    }
    String path = childPath();
    if (path != null) {
      marks.putIfAbsent(path, new int[] {line, column});
    }
    add(a.value, line, column);
  }

  private void countNode(int line, int column) {
    if (++nodes > limits.maxNodes()) {
      throw new Problem("document has more than " + limits.maxNodes() + " nodes", line, column,
          null);
    }
  }

  private void add(JsonValue value, int line, int column) {
    if (stack.isEmpty()) {
      result = value;
      return;
    }
    Frame top = stack.get(stack.size() - 1);
    if (top.object) {
      if (top.pendingMerge) {
        top.pendingMerge = false;
        if (!isMergeSource(value)) {
          throw new Problem("merge key \"<<\" needs a mapping or a list of mappings", line, column,
              null);
        }
        if (top.merges == null) {
          top.merges = new ArrayList<>(2);
        }
        top.merges.add(value);
        return;
      }
      top.object_.put(top.pendingKey, value);
      top.pendingKey = null;
    } else {
      top.array.add(value);
    }
  }

  private static boolean isMergeSource(JsonValue value) {
    if (value instanceof JsonObject) {
      return true;
    }
    if (value instanceof JsonArray a) {
      for (JsonValue item : a.items()) {
        if (!(item instanceof JsonObject)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** The tracked path of the value about to be added, or null when not tracked. */
  private @Nullable String childPath() {
    if (stack.isEmpty()) {
      return "";
    }
    Frame top = stack.get(stack.size() - 1);
    String parent = top.path;
    if (parent == null) {
      return null;
    }
    if (!top.object) {
      return parent.equals("items") ? "items[" + top.array.size() + "]" : null;
    }
    String key = top.pendingKey;
    if (key == null) {
      return null;
    }
    if (parent.isEmpty()) {
      return TRACKED_ROOT.contains(key) ? key : null;
    }
    if (parent.startsWith("items[")) {
      int dot = parent.indexOf('.');
      if (dot < 0) {
        return TRACKED_ITEM.contains(key) ? parent + "." + key : null;
      }
      String rest = parent.substring(dot + 1);
      return rest.equals("metadata") || rest.equals("metadata.labels")
          || rest.equals("metadata.annotations") ? parent + "." + key : null;
    }
    return parent.equals("metadata") || parent.equals("metadata.labels")
        || parent.equals("metadata.annotations") ? parent + "." + key : null;
  }

  private @Nullable String currentPath() {
    return stack.isEmpty() ? null : stack.get(stack.size() - 1).path;
  }

  /** The finished document, or null for an empty one. */
  @Nullable JsonValue result() {
    return result;
  }

  /** Positions of tracked fields: dotted path to {line, column}. */
  Map<String, int[]> marks() {
    return marks;
  }
}
