package io.gitopskit.core.internal;

/** JSON string literals, in standard or Go encoder flavour. Not API. */
public final class Escapes {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Escapes() {}

  /**
   * Appends {@code s} as a double-quoted JSON string.
   *
   * @param s the string
   * @param out where to append
   * @param go escape as Go's {@code encoding/json} does: also {@code <}, {@code >} and
   *     {@code &}, and every control character other than newline, return and tab as
   *     {@code \}{@code uXXXX}; otherwise the short escapes of RFC 8259 are used
   */
  public static void quote(String s, StringBuilder out, boolean go) {
    out.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (!go && c == '\b') {
            out.append("\\b");
          } else if (!go && c == '\f') {
            out.append("\\f");
          } else if (c < 0x20 || c == 0x2028 || c == 0x2029
              || (go && (c == '<' || c == '>' || c == '&'))) {
            out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
