package io.gitopskit.core.appset.template;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The part of Go's {@code fmt.Sprintf} templates use: {@code %s %v %d %q %t %f %x %%}. */
final class GoFormat {

  private GoFormat() {}

  /** Go's {@code fmt} refuses widths and precisions above this ({@code %!(NOVERB)}). */
  static final int MAX_WIDTH = 1_000_000;

  private record Spec(boolean minus, boolean plus, boolean zero, int width, int precision) {}

  static String sprintf(String format, List<Object> args) {
    StringBuilder out = new StringBuilder(format.length() + 16);
    int arg = 0;
    int n = format.length();
    for (int i = 0; i < n; i++) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      int j = i + 1;
      boolean minus = false;
      boolean plus = false;
      boolean zero = false;
      while (j < n && "+-# 0".indexOf(format.charAt(j)) >= 0) {
        char f = format.charAt(j++);
        minus |= f == '-';
        plus |= f == '+';
        zero |= f == '0';
      }
      int width = -1;
      int start = j;
      long num = 0;
      for (; j < n && Character.isDigit(format.charAt(j)) && format.charAt(j) < 128; j++) {
        num = num * 10 + (format.charAt(j) - '0');
        if (num > MAX_WIDTH) {
          // Go gives up on the rest of the format ("crazy long number")
          out.append("%!(NOVERB)");
          return finish(out, args, arg);
        }
      }
      if (j > start) {
        width = (int) num;
      }
      int precision = -1;
      if (j < n && format.charAt(j) == '.') {
        j++;
        num = 0;
        for (; j < n && Character.isDigit(format.charAt(j)) && format.charAt(j) < 128; j++) {
          num = num * 10 + (format.charAt(j) - '0');
          if (num > MAX_WIDTH) {
            out.append("%!(NOVERB)");
            return finish(out, args, arg);
          }
        }
        precision = (int) num;
      }
      if (j >= n) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(j);
      i = j;
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (arg >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      Object v = args.get(arg++);
      format(verb, new Spec(minus, plus, zero, width, precision), v, out);
      if (out.length() > GoTemplate.MAX_CHARS) {
        throw new TemplateException("printf: result longer than " + GoTemplate.MAX_CHARS
            + " characters");
      }
    }
    return finish(out, args, arg);
  }

  private static String finish(StringBuilder out, List<Object> args, int arg) {
    if (arg < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = arg; k < args.size(); k++) {
        if (k > arg) {
          out.append(", ");
        }
        out.append(GoValues.describe(args.get(k))).append('=');
        if (GoValues.printedSizeExceeds(args.get(k), GoTemplate.MAX_CHARS - out.length())) {
          throw new TemplateException("printf: result longer than " + GoTemplate.MAX_CHARS
              + " characters");
        }
        GoValues.print(args.get(k), out);
      }
      out.append(')');
    }
    return out.toString();
  }

  private static void format(char verb, Spec spec, @Nullable Object v, StringBuilder out) {
    if (GoValues.printedSizeExceeds(v, GoTemplate.MAX_CHARS)) {
      throw new TemplateException("printf: result longer than " + GoTemplate.MAX_CHARS
          + " characters");
    }
    String body;
    boolean numeric = false;
    switch (verb) {
      case 'v', 's' -> {
        body = GoValues.toText(v);
        if (spec.precision() >= 0 && v instanceof String) {
          body = truncateRunes(body, spec.precision());
        }
      }
      case 'd' -> {
        numeric = true;
        if (v instanceof Long || (v instanceof Double d && d == Math.rint(d))) {
          long l = GoFunctions.toLong(v);
          body = (spec.plus() && l >= 0 ? "+" : "") + l;
        } else {
          body = bad(verb, v);
        }
      }
      case 'q' -> {
        StringBuilder b = new StringBuilder();
        quote(GoFunctions.str(v), b);
        body = b.toString();
      }
      case 't' -> body = v instanceof Boolean ? v.toString() : bad(verb, v);
      case 'f', 'F', 'e', 'g' -> {
        if (!(v instanceof Number num)) {
          out.append(bad(verb, v));
          return;
        }
        numeric = true;
        int prec = spec.precision() >= 0 ? spec.precision() : 6;
        body = verb == 'g' ? GoValues.formatFloat(num.doubleValue())
            : String.format(Locale.ROOT, "%." + prec + (verb == 'e' ? "e" : "f"),
                num.doubleValue());
        if (spec.plus() && num.doubleValue() >= 0) {
          body = "+" + body;
        }
      }
      case 'x' -> body = v instanceof Long l ? Long.toHexString(l)
          : toHex(GoFunctions.str(v));
      default -> body = bad(verb, v);
    }
    int length = body.codePointCount(0, body.length());
    int pad = spec.width() - length;
    if (pad <= 0) {
      out.append(body);
    } else if (spec.minus()) {
      out.append(body);
      out.append(" ".repeat(pad));
    } else if (spec.zero()) {
      int sign = numeric && !body.isEmpty() && (body.charAt(0) == '-' || body.charAt(0) == '+')
          ? 1 : 0;
      out.append(body, 0, sign).append("0".repeat(pad)).append(body, sign, body.length());
    } else {
      out.append(" ".repeat(pad)).append(body);
    }
  }

  private static String truncateRunes(String s, int runes) {
    if (s.codePointCount(0, s.length()) <= runes) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, runes));
  }

  private static String toHex(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      b.append(String.format(Locale.ROOT, "%02x", x & 0xff));
    }
    return b.toString();
  }

  private static String bad(char verb, @Nullable Object v) {
    return "%!" + verb + "(" + GoValues.describe(v) + "=" + GoValues.toText(v) + ")";
  }

  /** Go's {@code strconv.Quote}. */
  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\u0007' -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\u000b' -> out.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
