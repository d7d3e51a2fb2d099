package io.gitopskit.core.load;

import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * Plain-scalar resolution exactly as Kubernetes reads YAML (sigs.k8s.io/yaml over go-yaml v2,
 * i.e. YAML 1.1 rules), so a manifest means here what it means to kubectl and Argo CD:
 *
 * <ul>
 *   <li>null: empty, {@code ~}, {@code null}, {@code Null}, {@code NULL};
 *   <li>booleans: {@code true/false}, {@code yes/no}, {@code on/off}, {@code y/n} in lower,
 *       capitalized and upper case;
 *   <li>integers, after removing {@code _}: decimal, {@code 0x} hex, {@code 0o} or leading
 *       {@code 0} octal ({@code 0644} is 420), {@code 0b} binary, with an optional sign;
 *   <li>floats: {@code [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?};
 *   <li>everything else is a string. {@code .inf} and {@code .nan} are refused by the caller,
 *       because JSON cannot carry them.
 * </ul>
 */
final class Scalars {

  private Scalars() {}

  /** Marker returned for YAML's infinities and NaN, which JSON cannot represent. */
  static final JsonString NOT_FINITE = new JsonString(".inf/.nan");

  /** Resolves a plain (unquoted) scalar. */
  static JsonValue resolvePlain(String v) {
    if (v.isEmpty()) {
      return JsonNull.INSTANCE;
    }
    char c = v.charAt(0);
    switch (c) {
      case '~':
        return v.length() == 1 ? JsonNull.INSTANCE : JsonString.of(v);
      case 'n': case 'N':
        if (v.equals("null") || v.equals("Null") || v.equals("NULL")) {
          return JsonNull.INSTANCE;
        }
        return isOneOf(v, "n", "N", "no", "No", "NO") ? JsonBoolean.FALSE : JsonString.of(v);
      case 't': case 'T':
        return isOneOf(v, "true", "True", "TRUE") ? JsonBoolean.TRUE : JsonString.of(v);
      case 'f': case 'F':
        return isOneOf(v, "false", "False", "FALSE") ? JsonBoolean.FALSE : JsonString.of(v);
      case 'y': case 'Y':
        return isOneOf(v, "y", "Y", "yes", "Yes", "YES") ? JsonBoolean.TRUE : JsonString.of(v);
      case 'o': case 'O':
        if (isOneOf(v, "on", "On", "ON")) {
          return JsonBoolean.TRUE;
        }
        return isOneOf(v, "off", "Off", "OFF") ? JsonBoolean.FALSE : JsonString.of(v);
      case '.':
        if (isOneOf(v, ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN")) {
          return NOT_FINITE;
        }
        break;
      case '+': case '-':
        if (isOneOf(v.substring(1), ".inf", ".Inf", ".INF")) {
          return NOT_FINITE;
        }
        break;
      case '_':
        break;
      default:
        if (c < '0' || c > '9') {
          return JsonString.of(v);
        }
    }
    JsonNumber n = number(v);
    return n != null ? n : JsonString.of(v);
  }

  private static boolean isOneOf(String v, String... options) {
    for (String o : options) {
      if (o.equals(v)) {
        return true;
      }
    }
    return false;
  }

  /** Parses an integer or float literal with go-yaml v2's rules, or returns null. */
  static @Nullable JsonNumber number(String v) {
    String s = v.indexOf('_') >= 0 ? v.replace("_", "") : v;
    if (s.isEmpty() || s.length() > 400) {
      return null;
    }
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    if (body.isEmpty()) {
      return null;
    }
    BigInteger integer = null;
    if (body.length() > 2 && body.charAt(0) == '0') {
      char p = body.charAt(1);
      if (p == 'x' || p == 'X') {
        integer = digits(body.substring(2), 16);
      } else if (p == 'o' || p == 'O') {
        integer = digits(body.substring(2), 8);
      } else if (p == 'b' || p == 'B') {
        integer = digits(body.substring(2), 2);
      }
    }
    if (integer == null && body.length() > 1 && body.charAt(0) == '0') {
      integer = digits(body.substring(1), 8);
    }
    if (integer == null) {
      if (body.length() <= 18 && allDigits(body)) {
        long value = Long.parseLong(body);
        return JsonNumber.of(negative ? -value : value);
      }
      integer = digits(body, 10);
    }
    if (integer != null) {
      return JsonNumber.of(new BigDecimal(negative ? integer.negate() : integer));
    }
    return isFloat(s) ? JsonNumber.of(new BigDecimal(s)) : null;
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static @Nullable BigInteger digits(String s, int radix) {
    if (s.isEmpty()) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), radix) < 0) {
        return null;
      }
    }
    return new BigInteger(s, radix);
  }

  /** {@code [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?}, hand-coded. */
  private static boolean isFloat(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int intDigits = 0;
    while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        fracDigits++;
      }
      if (intDigits == 0 && fracDigits == 0) {
        return false;
      }
    } else if (intDigits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        expDigits++;
      }
      if (expDigits == 0 || expDigits > 9) {
        return false;
      }
    }
    return i == n;
  }

  /**
   * Whether a string can be written as a plain YAML scalar and read back as the same string by
   * this resolver and by YAML 1.1 and 1.2 readers alike.
   */
  static boolean isSafePlain(String s) {
    int n = s.length();
    if (n == 0 || n > 200) {
      return false;
    }
    char first = s.charAt(0);
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '/')) {
      return false;
    }
    if (s.charAt(n - 1) == ' ') {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == '/' || c == '-' || c == '@' || c == '+' || c == '='
          || c == '(' || c == ')' || (c == ' ' && s.charAt(i - 1) != ' ');
      if (!ok) {
        return false;
      }
    }
    return resolvePlain(s) instanceof JsonString r && r != NOT_FINITE && r.value().equals(s);
  }
}
