package io.gitopskit.core.cluster;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Kubernetes label selector: a conjunction of requirements such as {@code app=web},
 * {@code tier!=db}, {@code env in (dev,staging)}, {@code !canary}.
 *
 * @param requirements the requirements, all of which must hold; empty selects everything
 * @since 0.1
 */
public record LabelSelector(List<Requirement> requirements) {

  private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  /** Copies the requirements in a canonical order (by key, then operator). */
  public LabelSelector {
    List<Requirement> sorted = new ArrayList<>(requirements);
    sorted.sort((a, b) -> {
      int c = a.key().compareTo(b.key());
      return c != 0 ? c : a.operator().compareTo(b.operator());
    });
    requirements = List.copyOf(sorted);
  }

  /** How a requirement compares a label. */
  public enum Operator {
    /** {@code key=value} or {@code key==value}. */
    EQUALS,
    /** {@code key!=value}: absent labels match too. */
    NOT_EQUALS,
    /** {@code key in (a,b)}. */
    IN,
    /** {@code key notin (a,b)}: absent labels match too. */
    NOT_IN,
    /** {@code key}: the label is present. */
    EXISTS,
    /** {@code !key}: the label is absent. */
    DOES_NOT_EXIST
  }

  /**
   * One requirement.
   *
   * @param key the label key
   * @param operator the comparison
   * @param values the values (one for equality, one or more for set operators, none for
   *     existence)
   */
  public record Requirement(String key, Operator operator, Set<String> values) {

    /** Validates and copies the values in sorted order. */
    public Requirement {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("label selector key must not be blank");
      }
      Objects.requireNonNull(operator, "operator");
      values = Collections.unmodifiableSet(new TreeSet<>(values));
      boolean existence = operator == Operator.EXISTS || operator == Operator.DOES_NOT_EXIST;
      if (existence && !values.isEmpty()) {
        throw new IllegalArgumentException("operator " + operator + " takes no values");
      }
      if (!existence && values.isEmpty()) {
        throw new IllegalArgumentException("operator " + operator + " needs a value");
      }
      if ((operator == Operator.EQUALS || operator == Operator.NOT_EQUALS) && values.size() != 1) {
        throw new IllegalArgumentException("operator " + operator + " takes exactly one value");
      }
    }

    /**
     * Whether a label set satisfies this requirement.
     *
     * @param labels the labels
     * @return true when satisfied
     */
    public boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (operator) {
        case EQUALS, IN -> v != null && values.contains(v);
        case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
        case EXISTS -> v != null;
        case DOES_NOT_EXIST -> v == null;
      };
    }

    @Override
    public String toString() {
      return switch (operator) {
        case EQUALS -> key + "=" + values.iterator().next();
        case NOT_EQUALS -> key + "!=" + values.iterator().next();
        case IN -> key + " in (" + String.join(",", values) + ")";
        case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
      };
    }
  }

  /**
   * The selector that selects everything.
   *
   * @return the empty selector
   */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  /**
   * A selector requiring every given label to equal its value.
   *
   * @param labels the labels to match
   * @return the selector
   */
  public static LabelSelector matchLabels(Map<String, String> labels) {
    List<Requirement> r = new ArrayList<>();
    labels.forEach((k, v) -> r.add(new Requirement(k, Operator.EQUALS, Set.of(v))));
    return new LabelSelector(r);
  }

  /**
   * Parses the string syntax of {@code kubectl -l}: comma-separated {@code k=v}, {@code k==v},
   * {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}.
   *
   * @param text the selector; blank selects everything
   * @return the selector
   * @throws IllegalArgumentException naming the offending part when malformed
   */
  public static LabelSelector parse(String text) {
    List<Requirement> out = new ArrayList<>();
    String s = text.trim();
    int i = 0;
    while (i < s.length()) {
      int end = nextComma(s, i);
      String part = s.substring(i, end).trim();
      if (part.isEmpty()) {
        throw new IllegalArgumentException("empty requirement in label selector \"" + text + "\"");
      }
      out.add(parseRequirement(part, text));
      i = end + 1;
    }
    return new LabelSelector(out);
  }

  private static int nextComma(String s, int from) {
    int depth = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return s.length();
  }

  private static Requirement parseRequirement(String part, String text) {
    if (part.startsWith("!")) {
      return new Requirement(part.substring(1).trim(), Operator.DOES_NOT_EXIST, Set.of());
    }
    int ne = part.indexOf("!=");
    if (ne > 0) {
      return new Requirement(part.substring(0, ne).trim(), Operator.NOT_EQUALS,
          Set.of(part.substring(ne + 2).trim()));
    }
    int eq = part.indexOf('=');
    if (eq > 0) {
      int valueStart = part.startsWith("==", eq) ? eq + 2 : eq + 1;
      return new Requirement(part.substring(0, eq).trim(), Operator.EQUALS,
          Set.of(part.substring(valueStart).trim()));
    }
    String[] words = part.split("\\s+", 2);
    if (words.length == 2) {
      String rest = words[1].trim();
      Operator op;
      if (rest.startsWith("notin")) {
        op = Operator.NOT_IN;
        rest = rest.substring(5).trim();
      } else if (rest.startsWith("in")) {
        op = Operator.IN;
        rest = rest.substring(2).trim();
      } else {
        throw new IllegalArgumentException("malformed requirement \"" + part
            + "\" in label selector \"" + text + "\"");
      }
      if (!rest.startsWith("(") || !rest.endsWith(")")) {
        throw new IllegalArgumentException("set requirement needs (values): \"" + part + "\"");
      }
      Set<String> values = new TreeSet<>();
      for (String v : rest.substring(1, rest.length() - 1).split(",")) {
        if (!v.trim().isEmpty()) {
          values.add(v.trim());
        }
      }
      return new Requirement(words[0], op, values);
    }
    return new Requirement(part, Operator.EXISTS, Set.of());
  }

  /**
   * Reads the object form of a selector ({@code matchLabels} and {@code matchExpressions} with
   * operators {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}).
   *
   * @param selector the selector object, e.g. a Deployment's {@code spec.selector}
   * @return the selector
   * @throws IllegalArgumentException for an unknown operator or malformed field
   */
  public static LabelSelector fromJson(JsonObject selector) {
    List<Requirement> out = new ArrayList<>();
    selector.getObject("matchLabels").ifPresent(m -> {
      for (int i = 0; i < m.size(); i++) {
        if (!(m.valueAt(i) instanceof JsonString s)) {
          throw new IllegalArgumentException("matchLabels." + m.keyAt(i) + " must be a string");
        }
        out.add(new Requirement(m.keyAt(i), Operator.EQUALS, Set.of(s.value())));
      }
    });
    selector.getArray("matchExpressions").ifPresent(a -> {
      for (JsonValue item : a.items()) {
        if (!(item instanceof JsonObject e)) {
          throw new IllegalArgumentException("matchExpressions items must be objects");
        }
        String key = e.getString("key").orElseThrow(
            () -> new IllegalArgumentException("matchExpressions item needs a key"));
        String op = e.getString("operator").orElse("");
        Set<String> values = new TreeSet<>();
        e.getArray("values").map(JsonArray::items).orElse(List.of()).forEach(v -> {
          if (v instanceof JsonString s) {
            values.add(s.value());
          }
        });
        Operator operator = switch (op) {
          case "In" -> Operator.IN;
          case "NotIn" -> Operator.NOT_IN;
          case "Exists" -> Operator.EXISTS;
          case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
          default -> throw new IllegalArgumentException("unknown selector operator \"" + op + "\"");
        };
        out.add(new Requirement(key, operator, values));
      }
    });
    return new LabelSelector(out);
  }

  /**
   * Whether this selector selects everything.
   *
   * @return true when there are no requirements
   */
  public boolean isEverything() {
    return requirements.isEmpty();
  }

  /**
   * Whether a label set satisfies every requirement.
   *
   * @param labels the labels
   * @return true when selected
   */
  public boolean matches(Map<String, String> labels) {
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** The canonical string syntax, e.g. {@code app=web,env in (dev,prod)}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    requirements.forEach(r -> parts.add(r.toString()));
    return String.join(",", parts);
  }
}
