package io.gitopskit.core.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 6901 JSON Pointer such as {@code /spec/template/spec/containers/0/image}, with
 * immutable read, set and remove operations on a tree.
 *
 * @param tokens the unescaped reference tokens; empty for the whole document
 * @since 0.1
 */
public record JsonPointer(List<String> tokens) {

  /** The pointer to the whole document. */
  public static final JsonPointer ROOT = new JsonPointer(List.of());

  /** Copies the tokens. */
  public JsonPointer {
    tokens = List.copyOf(tokens);
  }

  /**
   * Parses a pointer; {@code ~1} stands for {@code /} and {@code ~0} for {@code ~}.
   *
   * @param text the pointer text, {@code ""} or starting with {@code /}
   * @return the pointer
   * @throws IllegalArgumentException if the text does not start with {@code /} or has a bad
   *     escape
   */
  public static JsonPointer parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      return ROOT;
    }
    if (text.charAt(0) != '/') {
      throw new IllegalArgumentException("JSON pointer must start with '/': \"" + text + "\"");
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : text.substring(1).split("/", -1)) {
      StringBuilder t = new StringBuilder(raw.length());
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '~') {
          char next = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
          if (next == '0') {
            t.append('~');
          } else if (next == '1') {
            t.append('/');
          } else {
            throw new IllegalArgumentException("bad '~' escape in JSON pointer \"" + text + "\"");
          }
          i++;
        } else {
          t.append(c);
        }
      }
      tokens.add(t.toString());
    }
    return new JsonPointer(tokens);
  }

  /**
   * A pointer made of the given (unescaped) tokens.
   *
   * @param tokens the tokens
   * @return the pointer
   */
  public static JsonPointer of(String... tokens) {
    return new JsonPointer(List.of(tokens));
  }

  /**
   * Reads the value this pointer addresses.
   *
   * @param root the document
   * @return the value, or empty when any step is missing
   */
  public Optional<JsonValue> get(JsonValue root) {
    JsonValue current = root;
    for (String token : tokens) {
      if (current instanceof JsonObject o) {
        current = o.getOrNull(token);
      } else if (current instanceof JsonArray a) {
        int i = index(token);
        current = i >= 0 && i < a.size() ? a.get(i) : null;
      } else {
        current = null;
      }
      if (current == null) {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  /**
   * Returns a copy of the document with the addressed value set. Missing objects on the way are
   * created; an array step must address an existing index, or {@code -} to append.
   *
   * @param root the document
   * @param value the value to set
   * @return the new document
   * @throws IllegalArgumentException if a step crosses a scalar, or an array index is invalid
   */
  public JsonValue set(JsonValue root, JsonValue value) {
    return set(root, 0, value);
  }

  private JsonValue set(JsonValue node, int depth, JsonValue value) {
    if (depth == tokens.size()) {
      return value;
    }
    String token = tokens.get(depth);
    if (node instanceof JsonObject o) {
      JsonValue child = o.getOrNull(token);
      if (child == null || (child instanceof JsonNull && depth + 1 < tokens.size())) {
        child = JsonObject.empty();
      }
      return o.with(token, set(child, depth + 1, value));
    }
    if (node instanceof JsonArray a) {
      if (token.equals("-")) {
        return a.append(set(JsonObject.empty(), depth + 1, value));
      }
      int i = index(token);
      if (i < 0 || i >= a.size()) {
        throw new IllegalArgumentException("no array index " + token + " at " + prefix(depth));
      }
      return a.with(i, set(a.get(i), depth + 1, value));
    }
    throw new IllegalArgumentException("cannot descend into a scalar at " + prefix(depth));
  }

  /**
   * Returns a copy of the document without the addressed value; unchanged when it is absent.
   *
   * @param root the document
   * @return the new document
   */
  public JsonValue remove(JsonValue root) {
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("cannot remove the whole document");
    }
    return remove(root, 0);
  }

  private JsonValue remove(JsonValue node, int depth) {
    String token = tokens.get(depth);
    boolean last = depth == tokens.size() - 1;
    if (node instanceof JsonObject o) {
      JsonValue child = o.getOrNull(token);
      if (child == null) {
        return node;
      }
      return last ? o.without(token) : o.with(token, remove(child, depth + 1));
    }
    if (node instanceof JsonArray a) {
      int i = index(token);
      if (i < 0 || i >= a.size()) {
        return node;
      }
      return last ? a.without(i) : a.with(i, remove(a.get(i), depth + 1));
    }
    return node;
  }

  private String prefix(int depth) {
    return new JsonPointer(tokens.subList(0, depth)).toString();
  }

  private static int index(String token) {
    if (token.isEmpty() || token.length() > 9) {
      return -1;
    }
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return -1;
      }
    }
    if (token.length() > 1 && token.charAt(0) == '0') {
      return -1;
    }
    return Integer.parseInt(token);
  }

  /** The escaped pointer text, e.g. {@code /metadata/annotations/a~1b}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (String t : tokens) {
      b.append('/').append(t.replace("~", "~0").replace("/", "~1"));
    }
    return b.toString();
  }
}
