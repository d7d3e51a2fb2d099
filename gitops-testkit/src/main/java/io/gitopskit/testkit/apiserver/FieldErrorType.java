package io.gitopskit.testkit.apiserver;

/**
 * The kinds of field validation error ({@code field.ErrorType} in apimachinery): the machine
 * reason that goes into a {@code FieldCause}, the text that starts its message, and whether that
 * text shows the offending value.
 *
 * <p>Internal to the test kit: public so the simulated API server can use it, not a stable API.
 *
 * @since 0.1
 */
public enum FieldErrorType {
  /** A referenced value does not exist. */
  NOT_FOUND("FieldValueNotFound", "Not found", true),
  /** A required value is missing. */
  REQUIRED("FieldValueRequired", "Required value", false),
  /** A value that must be unique is repeated. */
  DUPLICATE("FieldValueDuplicate", "Duplicate value", true),
  /** A malformed or disallowed value; also "field is immutable". */
  INVALID("FieldValueInvalid", "Invalid value", true),
  /** A value outside an enumeration. */
  NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value", true),
  /** A valid value that is not permitted here. */
  FORBIDDEN("FieldValueForbidden", "Forbidden", false),
  /** A value that is too long (never shown). */
  TOO_LONG("FieldValueTooLong", "Too long", false),
  /** A list with too many items. */
  TOO_MANY("FieldValueTooMany", "Too many", true),
  /** A server-side failure unrelated to the input. */
  INTERNAL("InternalError", "Internal error", false),
  /** A value of the wrong JSON type. */
  TYPE_INVALID("FieldValueTypeInvalid", "Invalid value", true);

  private final String reason;
  private final String text;
  private final boolean showsValue;

  FieldErrorType(String reason, String text, boolean showsValue) {
    this.reason = reason;
    this.text = text;
    this.showsValue = showsValue;
  }

  /**
   * The cause reason, as in {@code details.causes[].reason}.
   *
   * @return e.g. {@code FieldValueInvalid}
   */
  public String reason() {
    return reason;
  }

  /**
   * The text that starts the message.
   *
   * @return e.g. {@code Invalid value}
   */
  public String text() {
    return text;
  }

  /**
   * Whether the message shows the offending value after the text.
   *
   * @return false for Required, Forbidden, Too long and Internal error
   */
  public boolean showsValue() {
    return showsValue;
  }
}
