package io.gitopskit.core.appset.template;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The part of Go's {@code fmt.Sprintf} templates use: {@code %s %v %d %q %t %f %x %%}. */
final class GoFormat {

  private GoFormat() {}

  static String sprintf(String format, List<Object> args) {
    StringBuilder out = new StringBuilder(format.length() + 16);
    int arg = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 1 >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      // flags, width and precision
      int j = i + 1;
      StringBuilder spec = new StringBuilder();
      while (j < format.length() && "+-# 0123456789.".indexOf(format.charAt(j)) >= 0) {
        spec.append(format.charAt(j));
        j++;
      }
      if (j >= format.length()) {
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
      String s = format(verb, spec.toString(), v);
      out.append(s);
    }
    if (arg < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = arg; k < args.size(); k++) {
        if (k > arg) {
          out.append(", ");
        }
        out.append(GoValues.describe(args.get(k))).append('=');
        GoValues.print(args.get(k), out);
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String format(char verb, String spec, @Nullable Object v) {
    String body;
    switch (verb) {
      case 'v', 's' -> body = GoValues.toText(v);
      case 'd' -> body = v instanceof Long || (v instanceof Double d && d == Math.rint(d))
          ? Long.toString(GoFunctions.toLong(v)) : bad(verb, v);
      case 'q' -> {
        StringBuilder b = new StringBuilder();
        quote(GoFunctions.str(v), b);
        body = b.toString();
      }
      case 't' -> body = v instanceof Boolean ? v.toString() : bad(verb, v);
      case 'f', 'F', 'e', 'g' -> {
        if (!(v instanceof Number n)) {
          return bad(verb, v);
        }
        int dot = spec.indexOf('.');
        int prec = dot >= 0 ? Integer.parseInt("0" + spec.substring(dot + 1)) : 6;
        body = verb == 'g' ? GoValues.formatFloat(n.doubleValue())
            : String.format(Locale.ROOT, "%." + prec + (verb == 'e' ? "e" : "f"), n.doubleValue());
        spec = dot >= 0 ? spec.substring(0, dot) : spec;
      }
      case 'x' -> body = v instanceof Long l ? Long.toHexString(l)
          : toHex(GoFunctions.str(v));
      default -> body = bad(verb, v);
    }
    String width = spec.replaceAll("[^0-9]", "");
    if (!width.isEmpty() && !spec.contains(".")) {
      int w = Integer.parseInt(width);
      boolean left = spec.startsWith("-");
      boolean zero = spec.startsWith("0") && !left;
      while (body.length() < w) {
        body = left ? body + " " : (zero ? "0" : " ") + body;
      }
    }
    return body;
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
