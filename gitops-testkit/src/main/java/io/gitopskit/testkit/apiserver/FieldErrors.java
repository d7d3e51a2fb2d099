package io.gitopskit.testkit.apiserver;

import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link FieldCause}s with the exact texts of apimachinery's {@code field.Error}: the
 * message is {@code <Type>[: <value>][: <detail>]}, where the value is shown for every type but
 * Required, Forbidden, Too long and Internal error, strings are Go-quoted ({@code "x"}), numbers
 * and booleans are plain, {@code null} is {@code null}, and objects and arrays are rendered as
 * Go's {@code json.Marshal} does (keys sorted, HTML characters escaped).
 *
 * <p>Internal to the test kit: public so the simulated API server can use it, not a stable API.
 *
 * @since 0.1
 */
public final class FieldErrors {

  /** The generic detail of an immutable field. */
  public static final String IMMUTABLE = "field is immutable";

  private FieldErrors() {}

  /**
   * A cause with a value rendered from JSON.
   *
   * @param type the error type
   * @param field the field path, e.g. {@code spec.selector}
   * @param value the offending value; null (or JSON null) renders as {@code null}
   * @param detail the detail text, or {@code ""}
   * @return the cause
   */
  public static FieldCause of(FieldErrorType type, String field, @Nullable JsonValue value,
      String detail) {
    return rendered(type, field, render(value), detail);
  }

  /**
   * A cause with a value already rendered (for Go values whose JSON form this JSON model cannot
   * express, such as structs with a fixed field order).
   *
   * @param type the error type
   * @param field the field path
   * @param renderedValue the value text; ignored when the type does not show values
   * @param detail the detail text, or {@code ""}
   * @return the cause
   */
  public static FieldCause rendered(FieldErrorType type, String field, String renderedValue,
      String detail) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(renderedValue, "renderedValue");
    Objects.requireNonNull(detail, "detail");
    StringBuilder body = new StringBuilder(type.text());
    if (type.showsValue()) {
      body.append(": ").append(renderedValue);
    }
    if (!detail.isEmpty()) {
      body.append(": ").append(detail);
    }
    return new FieldCause(type.reason(), body.toString(), field);
  }

  /**
   * {@code <field>: Invalid value: <value>: <detail>}.
   *
   * @param field the field path
   * @param value the offending value, or null
   * @param detail the detail text
   * @return the cause
   */
  public static FieldCause invalid(String field, @Nullable JsonValue value, String detail) {
    return of(FieldErrorType.INVALID, field, value, detail);
  }

  /**
   * {@code <field>: Invalid value: <n>: <detail>}.
   *
   * @param field the field path
   * @param value the offending number
   * @param detail the detail text
   * @return the cause
   */
  public static FieldCause invalid(String field, long value, String detail) {
    return invalid(field, JsonNumber.of(value), detail);
  }

  /**
   * {@code <field>: Invalid value: "<s>": <detail>}.
   *
   * @param field the field path
   * @param value the offending string
   * @param detail the detail text
   * @return the cause
   */
  public static FieldCause invalid(String field, String value, String detail) {
    return invalid(field, JsonString.of(value), detail);
  }

  /**
   * {@code <field>: Invalid value: <new value>: field is immutable}.
   *
   * @param field the field path
   * @param newValue the value the update asked for, or null
   * @return the cause
   */
  public static FieldCause immutable(String field, @Nullable JsonValue newValue) {
    return invalid(field, newValue, IMMUTABLE);
  }

  /**
   * {@code <field>: Required value[: <detail>]}.
   *
   * @param field the field path
   * @param detail the detail text, or {@code ""}
   * @return the cause
   */
  public static FieldCause required(String field, String detail) {
    return rendered(FieldErrorType.REQUIRED, field, "", detail);
  }

  /**
   * {@code <field>: Forbidden: <detail>}.
   *
   * @param field the field path
   * @param detail the detail text
   * @return the cause
   */
  public static FieldCause forbidden(String field, String detail) {
    return rendered(FieldErrorType.FORBIDDEN, field, "", detail);
  }

  /**
   * {@code <field>: Unsupported value: <value>: supported values: "a", "b"}.
   *
   * @param field the field path
   * @param value the offending value
   * @param supported the allowed values, in the order the server lists them
   * @return the cause
   */
  public static FieldCause notSupported(String field, @Nullable JsonValue value,
      List<String> supported) {
    StringBuilder detail = new StringBuilder();
    for (String s : supported) {
      detail.append(detail.length() == 0 ? "supported values: " : ", ").append(quote(s));
    }
    return of(FieldErrorType.NOT_SUPPORTED, field, value, detail.toString());
  }

  /**
   * The cause of a PUT without {@code metadata.resourceVersion} on a kind that requires one:
   * {@code metadata.resourceVersion: Invalid value: 0: must be specified for an update}.
   *
   * @return the cause
   */
  public static FieldCause resourceVersionRequired() {
    return invalid("metadata.resourceVersion", 0, "must be specified for an update");
  }

  /**
   * A value as a field error shows it.
   *
   * @param value the value; null means absent and renders as {@code null}
   * @return e.g. {@code "web"}, {@code 3}, {@code true}, {@code null}, {@code {"a":"b"}}
   */
  public static String render(@Nullable JsonValue value) {
    if (value == null || value instanceof JsonNull) {
      return "null";
    }
    if (value instanceof JsonString s) {
      return quote(s.value());
    }
    if (value instanceof JsonBoolean || value instanceof JsonNumber) {
      return value.toJson();
    }
    return json(value);
  }

  /**
   * Go's {@code json.Marshal} text of an object or array: compact, keys sorted, with the HTML
   * characters {@code <}, {@code >} and {@code &} written as JSON Unicode escapes.
   *
   * @param value the value
   * @return the JSON text
   */
  public static String json(JsonValue value) {
    String text = value.toJson();
    if (text.indexOf('<') < 0 && text.indexOf('>') < 0 && text.indexOf('&') < 0) {
      return text;
    }
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  /**
   * An object rendered as Go marshals a struct: the given fields in declaration order, each
   * omitted when absent or empty ({@code omitempty}).
   *
   * @param object the object, or null (renders {@code null})
   * @param fieldOrder the field names in declaration order
   * @return the JSON text
   */
  public static String struct(@Nullable JsonObject object, List<String> fieldOrder) {
    if (object == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("{");
    for (String f : fieldOrder) {
      JsonValue v = object.getOrNull(f);
      if (v == null || v instanceof JsonNull || (v instanceof JsonObject o && o.isEmpty())
          || (v instanceof JsonArray a && a.isEmpty())
          || (v instanceof JsonString s && s.value().isEmpty())) {
        continue;
      }
      if (b.length() > 1) {
        b.append(',');
      }
      b.append(json(JsonString.of(f))).append(':').append(json(v));
    }
    return b.append('}').toString();
  }

  /**
   * Go's {@code strconv.Quote}: double quotes, with backslash escapes for quotes, backslashes,
   * control and non-printable characters; printable Unicode is kept.
   *
   * @param s the string
   * @return the quoted string
   */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case 0x07:
          b.append("\\a");
          break;
        case '\b':
          b.append("\\b");
          break;
        case '\f':
          b.append("\\f");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        case 0x0b:
          b.append("\\v");
          break;
        default:
          if (cp < 0x20 || cp == 0x7f) {
            b.append(String.format(Locale.ROOT, "\\x%02x", cp));
          } else if (!printable(cp)) {
            b.append(String.format(Locale.ROOT, cp < 0x10000 ? "\\u%04x" : "\\U%08x", cp));
          } else {
            b.appendCodePoint(cp);
          }
      }
    });
    return b.append('"').toString();
  }

  private static boolean printable(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }
}
