package io.gitopskit.core.appset.template;

import io.gitopskit.core.internal.Regexes;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.load.ManifestWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * The functions of the Go-template mode: Go's built-ins, the Sprig functions ApplicationSets use
 * in practice, and Argo CD's additions ({@code normalize}, {@code slugify}, {@code toYaml},
 * {@code fromYaml}, {@code fromYamlArray}). Sprig's {@code env}, {@code expandenv} and {@code
 * getHostByName} are absent, as in Argo CD.
 */
final class GoFunctions {

  private static final Set<String> NAMES = Set.of(
      // Go built-ins
      "and", "or", "not", "len", "index", "print", "printf", "println", "eq", "ne", "lt", "le",
      "gt", "ge", "html", "urlquery", "js", "slice",
      // Sprig (subset)
      "default", "empty", "coalesce", "ternary", "lower", "upper", "title", "trim", "trimAll",
      "trimPrefix", "trimSuffix", "replace", "trunc", "substr", "repeat", "nospace", "quote",
      "squote", "contains", "hasPrefix", "hasSuffix", "join", "splitList", "list", "dict", "get",
      "hasKey", "keys", "first", "last", "toString", "int", "int64", "atoi", "float64", "add",
      "sub", "mul", "div", "mod", "toJson", "mustToJson", "toPrettyJson", "toRawJson", "fromJson",
      "b64enc", "b64dec", "sha256sum", "regexMatch", "regexReplaceAll", "regexFind", "kindIs",
      "toStrings", "uniq", "indent", "nindent", "cat", "lookup", "sortAlpha", "has", "dig",
      "add1", "max", "min",
      // Argo CD
      "normalize", "slugify", "toYaml", "fromYaml", "fromYamlArray");

  private GoFunctions() {}

  static boolean exists(String name) {
    return NAMES.contains(name) && !name.equals("lookup");
  }

  static @Nullable Object call(String name, List<Object> a, boolean missingKeyError) {
    switch (name) {
      case "and": {
        need(name, a, 1, -1);
        for (Object o : a) {
          if (!GoValues.truth(o)) {
            return o;
          }
        }
        return a.get(a.size() - 1);
      }
      case "or": {
        need(name, a, 1, -1);
        for (Object o : a) {
          if (GoValues.truth(o)) {
            return o;
          }
        }
        return a.get(a.size() - 1);
      }
      case "not":
        need(name, a, 1, 1);
        return !GoValues.truth(a.get(0));
      case "len": {
        need(name, a, 1, 1);
        Object v = a.get(0);
        if (v instanceof String s) {
          return (long) s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (v instanceof List<?> l) {
          return (long) l.size();
        }
        if (v instanceof Map<?, ?> m) {
          return (long) m.size();
        }
        throw new TemplateException("len of " + GoValues.describe(v));
      }
      case "index":
        need(name, a, 1, -1);
        return index(a, missingKeyError);
      case "slice": {
        need(name, a, 1, 3);
        Object v = a.get(0);
        long from = a.size() > 1 ? toLong(a.get(1)) : 0;
        if (v instanceof String s) {
          long to = a.size() > 2 ? toLong(a.get(2)) : s.length();
          checkSlice(from, to, s.length());
          return s.substring((int) from, (int) to);
        }
        if (v instanceof List<?> l) {
          long to = a.size() > 2 ? toLong(a.get(2)) : l.size();
          checkSlice(from, to, l.size());
          return Collections.unmodifiableList(new ArrayList<>(l.subList((int) from, (int) to)));
        }
        throw new TemplateException("can't slice " + GoValues.describe(v));
      }
      case "print":
        return sprint(a, false);
      case "cat": {
        // Sprig's cat drops nil arguments
        List<Object> present = new ArrayList<>();
        for (Object o : a) {
          if (o != null && o != GoValues.NO_VALUE) {
            present.add(o);
          }
        }
        return sprint(present, true);
      }
      case "println":
        return sprint(a, true) + "\n";
      case "printf":
        need(name, a, 1, -1);
        return GoFormat.sprintf(str(a.get(0)), a.subList(1, a.size()));
      case "eq": {
        need(name, a, 2, -1);
        for (int i = 1; i < a.size(); i++) {
          if (compare(a.get(0), a.get(i), true) == 0) {
            return true;
          }
        }
        return false;
      }
      case "ne":
        need(name, a, 2, 2);
        return compare(a.get(0), a.get(1), true) != 0;
      case "lt":
        need(name, a, 2, 2);
        return compare(a.get(0), a.get(1), false) < 0;
      case "le":
        need(name, a, 2, 2);
        return compare(a.get(0), a.get(1), false) <= 0;
      case "gt":
        need(name, a, 2, 2);
        return compare(a.get(0), a.get(1), false) > 0;
      case "ge":
        need(name, a, 2, 2);
        return compare(a.get(0), a.get(1), false) >= 0;
      case "html":
      case "js":
      case "urlquery":
        return sprint(a, false);
      case "default":
        need(name, a, 1, 2);
        return a.size() < 2 || !GoValues.truth(a.get(1)) ? a.get(0) : a.get(1);
      case "empty":
        need(name, a, 1, 1);
        return !GoValues.truth(a.get(0));
      case "coalesce":
        for (Object o : a) {
          if (GoValues.truth(o)) {
            return o;
          }
        }
        return null;
      case "ternary":
        need(name, a, 3, 3);
        return GoValues.truth(a.get(2)) ? a.get(0) : a.get(1);
      case "lower":
        need(name, a, 1, 1);
        return str(a.get(0)).toLowerCase(Locale.ROOT);
      case "upper":
        need(name, a, 1, 1);
        return str(a.get(0)).toUpperCase(Locale.ROOT);
      case "title":
        need(name, a, 1, 1);
        return title(str(a.get(0)));
      case "trim": {
        need(name, a, 1, 1);
        String s = str(a.get(0));
        int i = 0;
        int j = s.length();
        while (i < j && isGoSpace(s.charAt(i))) {
          i++;
        }
        while (j > i && isGoSpace(s.charAt(j - 1))) {
          j--;
        }
        return s.substring(i, j);
      }
      case "trimAll": {
        need(name, a, 2, 2);
        String cut = str(a.get(0));
        String s = str(a.get(1));
        int i = 0;
        int j = s.length();
        while (i < j && cut.indexOf(s.charAt(i)) >= 0) {
          i++;
        }
        while (j > i && cut.indexOf(s.charAt(j - 1)) >= 0) {
          j--;
        }
        return s.substring(i, j);
      }
      case "trimPrefix": {
        need(name, a, 2, 2);
        String p = str(a.get(0));
        String s = str(a.get(1));
        return s.startsWith(p) ? s.substring(p.length()) : s;
      }
      case "trimSuffix": {
        need(name, a, 2, 2);
        String p = str(a.get(0));
        String s = str(a.get(1));
        return s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
      }
      case "replace": {
        need(name, a, 3, 3);
        String old = str(a.get(0));
        String with = str(a.get(1));
        String s = str(a.get(2));
        long hits = 0;
        if (old.isEmpty()) {
          hits = s.length() + 1L;
        } else {
          for (int at = s.indexOf(old); at >= 0; at = s.indexOf(old, at + old.length())) {
            hits++;
          }
        }
        checkLength(s.length() + (double) hits * (with.length() - old.length()));
        return s.replace(old, with);
      }
      case "trunc": {
        need(name, a, 2, 2);
        long c = toLong(a.get(0));
        String s = str(a.get(1));
        if (c < 0 && s.length() + c > 0) {
          return s.substring((int) (s.length() + c));
        }
        if (c >= 0 && s.length() > c) {
          return s.substring(0, (int) c);
        }
        return s;
      }
      case "substr": {
        // Sprig: start < 0 → s[:end]; end < 0 or past the end → s[start:]; else s[start:end]
        need(name, a, 3, 3);
        long start = toLong(a.get(0));
        long end = toLong(a.get(1));
        String s = str(a.get(2));
        if (start < 0) {
          long to = Math.min(end, s.length());
          checkSlice(0, to, s.length());
          return s.substring(0, (int) to);
        }
        if (end < 0 || end > s.length()) {
          return s.substring((int) Math.min(start, s.length()));
        }
        long to = Math.max(start, end);
        checkSlice(start, to, s.length());
        return s.substring((int) start, (int) to);
      }
      case "repeat": {
        need(name, a, 2, 2);
        long count = toLong(a.get(0));
        String s = str(a.get(1));
        if (count < 0) {
          throw new TemplateException("negative repeat count");
        }
        checkLength((double) count * s.length());
        return s.repeat((int) count);
      }
      case "nospace":
        need(name, a, 1, 1);
        return str(a.get(0)).chars().filter(c -> !isGoSpace((char) c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
      case "quote":
      case "squote": {
        List<String> parts = new ArrayList<>();
        for (Object o : a) {
          if (o != null && o != GoValues.NO_VALUE) {
            if (name.equals("quote")) {
              StringBuilder b = new StringBuilder();
              GoFormat.quote(str(o), b);
              parts.add(b.toString());
            } else {
              parts.add("'" + str(o) + "'");
            }
          }
        }
        return String.join(" ", parts);
      }
      case "contains":
        need(name, a, 2, 2);
        return str(a.get(1)).contains(str(a.get(0)));
      case "hasPrefix":
        need(name, a, 2, 2);
        return str(a.get(1)).startsWith(str(a.get(0)));
      case "hasSuffix":
        need(name, a, 2, 2);
        return str(a.get(1)).endsWith(str(a.get(0)));
      case "join": {
        need(name, a, 2, 2);
        String sep = str(a.get(0));
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (Object o : strslice(a.get(1))) {
          if (!first) {
            b.append(sep);
          }
          first = false;
          b.append(str(o));
          checkLength(b.length());
        }
        return b.toString();
      }
      case "splitList": {
        need(name, a, 2, 2);
        String sep = str(a.get(0));
        String s = str(a.get(1));
        if (sep.isEmpty()) {
          // Go's strings.Split with an empty separator: one item per character
          return s.codePoints().mapToObj(Character::toString).toList();
        }
        return List.of(s.split(Pattern.quote(sep), -1));
      }
      case "toStrings": {
        need(name, a, 1, 1);
        List<Object> out = new ArrayList<>();
        for (Object o : strslice(a.get(0))) {
          out.add(str(o));
        }
        return Collections.unmodifiableList(out);
      }
      case "uniq": {
        need(name, a, 1, 1);
        // a hash set: a list.contains per item would take quadratic time on long lists
        Set<Object> out = new LinkedHashSet<>();
        for (Object o : list(a.get(0))) {
          out.add(o == GoValues.NO_VALUE ? null : o);
        }
        return Collections.unmodifiableList(new ArrayList<>(out));
      }
      case "sortAlpha": {
        need(name, a, 1, 1);
        if (!(a.get(0) instanceof List<?>)) {
          return List.of(str(a.get(0)));
        }
        List<String> out = new ArrayList<>();
        for (Object o : strslice(a.get(0))) {
          out.add(str(o));
        }
        Collections.sort(out);
        return Collections.unmodifiableList(out);
      }
      case "has": {
        need(name, a, 2, 2);
        if (!(a.get(1) instanceof List<?> l)) {
          return false;
        }
        Object needle = a.get(0) == GoValues.NO_VALUE ? null : a.get(0);
        return l.stream().anyMatch(x -> java.util.Objects.equals(x, needle));
      }
      case "dig": {
        // dig key... default dict
        need(name, a, 3, -1);
        Object v = a.get(a.size() - 1);
        for (int i = 0; i < a.size() - 2; i++) {
          if (!(v instanceof Map<?, ?> m)) {
            throw new TemplateException("dig: expected a map, got " + GoValues.describe(v));
          }
          String key = str(a.get(i));
          if (!m.containsKey(key)) {
            return a.get(a.size() - 2);
          }
          v = m.get(key);
        }
        return v;
      }
      case "add1":
        need(name, a, 1, 1);
        return toLongLenient(a.get(0)) + 1;
      case "max":
      case "min": {
        need(name, a, 1, -1);
        long acc = toLongLenient(a.get(0));
        for (Object o : a.subList(1, a.size())) {
          long x = toLongLenient(o);
          acc = name.equals("max") ? Math.max(acc, x) : Math.min(acc, x);
        }
        return acc;
      }
      case "list":
        return Collections.unmodifiableList(new ArrayList<>(a));
      case "dict": {
        Map<String, Object> m = new TreeMap<>();
        for (int i = 0; i < a.size(); i += 2) {
          m.put(str(a.get(i)), i + 1 < a.size() ? a.get(i + 1) : "");
        }
        return Collections.unmodifiableMap(m);
      }
      case "get": {
        need(name, a, 2, 2);
        Map<?, ?> m = map(a.get(0));
        Object v = m.get(str(a.get(1)));
        return v == null ? "" : v;
      }
      case "hasKey":
        need(name, a, 2, 2);
        return map(a.get(0)).containsKey(str(a.get(1)));
      case "keys": {
        List<Object> out = new ArrayList<>();
        for (Object o : a) {
          out.addAll(map(o).keySet().stream().map(String::valueOf).toList());
        }
        return Collections.unmodifiableList(out);
      }
      case "first": {
        need(name, a, 1, 1);
        List<?> l = list(a.get(0));
        return l.isEmpty() ? null : l.get(0);
      }
      case "last": {
        need(name, a, 1, 1);
        List<?> l = list(a.get(0));
        return l.isEmpty() ? null : l.get(l.size() - 1);
      }
      case "toString":
        need(name, a, 1, 1);
        // Sprig's strval formats nil with %v
        return a.get(0) == null || a.get(0) == GoValues.NO_VALUE ? "<nil>" : str(a.get(0));
      case "int":
      case "int64":
      case "atoi":
        need(name, a, 1, 1);
        return toLongLenient(a.get(0));
      case "float64":
        need(name, a, 1, 1);
        return toDouble(a.get(0));
      case "add":
      case "mul": {
        long acc = name.equals("add") ? 0 : 1;
        for (Object o : a) {
          acc = name.equals("add") ? acc + toLongLenient(o) : acc * toLongLenient(o);
        }
        return acc;
      }
      case "sub":
        need(name, a, 2, 2);
        return toLongLenient(a.get(0)) - toLongLenient(a.get(1));
      case "div":
      case "mod": {
        need(name, a, 2, 2);
        long d = toLongLenient(a.get(1));
        if (d == 0) {
          throw new TemplateException("integer divide by zero");
        }
        long n = toLongLenient(a.get(0));
        return name.equals("div") ? n / d : n % d;
      }
      case "toJson":
      case "mustToJson":
      case "toRawJson":
      case "toPrettyJson": {
        need(name, a, 1, 1);
        boolean pretty = name.equals("toPrettyJson");
        if (GoValues.writtenSizeExceeds(a.get(0), GoTemplate.MAX_CHARS, pretty ? 2 : 0)) {
          throw tooLong();
        }
        StringBuilder b = new StringBuilder();
        GoValues.writeJson(a.get(0), b, pretty ? "  " : null, 0, !name.equals("toRawJson"));
        checkLength(b.length());
        return b.toString();
      }
      case "toYaml": {
        need(name, a, 1, 1);
        if (GoValues.writtenSizeExceeds(a.get(0), GoTemplate.MAX_CHARS, 2)) {
          throw tooLong();
        }
        String y = ManifestWriter.toYaml(GoValues.toJson(a.get(0)));
        checkLength(y.length());
        return y.endsWith("\n") ? y.substring(0, y.length() - 1) : y;
      }
      case "fromYaml":
      case "fromJson":
      case "fromYamlArray":
        need(name, a, 1, 1);
        return fromYaml(str(a.get(0)), name);
      case "b64enc":
        need(name, a, 1, 1);
        return Base64.getEncoder().encodeToString(str(a.get(0)).getBytes(StandardCharsets.UTF_8));
      case "b64dec":
        need(name, a, 1, 1);
        try {
          return new String(Base64.getDecoder().decode(str(a.get(0))), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return e.getMessage();
        }
      case "sha256sum":
        need(name, a, 1, 1);
        try {
          return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
              .digest(str(a.get(0)).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      case "regexMatch":
      case "regexFind":
      case "regexReplaceAll": {
        need(name, a, 2, 3);
        Pattern p;
        try {
          p = Pattern.compile(str(a.get(0)));
        } catch (PatternSyntaxException e) {
          throw new TemplateException("bad regular expression: " + e.getDescription());
        } catch (StackOverflowError e) {
          throw new TemplateException("bad regular expression: nested too deeply");
        }
        try {
          if (name.equals("regexMatch")) {
            return Regexes.find(p, str(a.get(1)));
          }
          if (name.equals("regexFind")) {
            return Regexes.findFirst(p, str(a.get(1)));
          }
          need(name, a, 3, 3);
          String repl = javaReplacement(str(a.get(2)), p);
          String out = Regexes.replaceAll(p, str(a.get(1)), repl);
          checkLength(out.length());
          return out;
        } catch (Regexes.TooComplex e) {
          throw new TemplateException(e.getMessage());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
          throw new TemplateException("bad replacement: refers to a group the expression does"
              + " not have");
        }
      }
      case "kindIs":
        need(name, a, 2, 2);
        return kind(a.get(1)).equals(str(a.get(0)));
      case "indent":
      case "nindent": {
        need(name, a, 2, 2);
        long width = toLong(a.get(0));
        if (width < 0) {
          throw new TemplateException("negative indent");
        }
        String text = str(a.get(1));
        long lines = 1 + text.chars().filter(c -> c == '\n').count();
        checkLength(text.length() + 1 + (double) lines * width);
        String pad = " ".repeat((int) width);
        String s = pad + text.replace("\n", "\n" + pad);
        return name.equals("nindent") ? "\n" + s : s;
      }
      case "normalize":
        need(name, a, 1, 1);
        return TemplateRenderer.normalize(str(a.get(0)));
      case "slugify":
        need(name, a, 1, 3);
        return slugify(a);
      default:
        throw new TemplateException("function \"" + name + "\" not defined");
    }
  }

  /**
   * Go's regexp.Expand template as a Java replacement: {@code $$} is a dollar; {@code $name}
   * (the longest run of letters, digits and '_') or {@code ${name}} is a group, empty when the
   * expression has no such group; a {@code $} starting no valid name is literal.
   */
  private static String javaReplacement(String template, Pattern p) {
    int groups = p.matcher("").groupCount();
    StringBuilder out = new StringBuilder(template.length() + 8);
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$') {
        if (c == '\\' || Character.isDigit(c)) {
          out.append('\\');
        }
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
        out.append("\\$");
        i += 2;
        continue;
      }
      boolean brace = i + 1 < template.length() && template.charAt(i + 1) == '{';
      int from = i + (brace ? 2 : 1);
      int to = from;
      while (to < template.length() && (Character.isLetterOrDigit(template.charAt(to))
          || template.charAt(to) == '_') && template.charAt(to) < 0x80) {
        to++;
      }
      String name = template.substring(from, to);
      if (name.isEmpty() || (brace && (to >= template.length() || template.charAt(to) != '}'))) {
        out.append("\\$");
        i++;
        continue;
      }
      i = brace ? to + 1 : to;
      if (name.chars().allMatch(Character::isDigit)) {
        boolean valid = name.length() < 9 && (name.length() == 1 || name.charAt(0) != '0');
        if (valid && Integer.parseInt(name) <= groups) {
          out.append('$').append(Integer.parseInt(name));
        }
      } else if (p.pattern().contains("(?<" + name + ">")) {
        out.append("${").append(name).append('}');
      }
    }
    return out.toString();
  }

  /** Go's unicode.IsSpace (all such characters are in the BMP). */
  private static boolean isGoSpace(char c) {
    return (c >= '\t' && c <= '\r') || c == 0x85 || Character.isSpaceChar(c);
  }

  private static void need(String name, List<Object> a, int min, int max) {
    if (a.size() < min || (max >= 0 && a.size() > max)) {
      throw new TemplateException("wrong number of args for " + name + ": got " + a.size());
    }
  }

  private static @Nullable Object index(List<Object> a, boolean missingKeyError) {
    Object v = a.get(0);
    for (int i = 1; i < a.size(); i++) {
      Object k = a.get(i);
      if (v instanceof Map<?, ?> m) {
        String key = str(k);
        if (m.containsKey(key)) {
          v = m.get(key);
        } else {
          v = GoValues.NO_VALUE;
        }
      } else if (v instanceof List<?> l) {
        long n = toLong(k);
        if (n < 0 || n >= l.size()) {
          throw new TemplateException("index out of range: " + n);
        }
        v = l.get((int) n);
      } else if (v instanceof String s) {
        long n = toLong(k);
        if (n < 0 || n >= s.length()) {
          throw new TemplateException("index out of range: " + n);
        }
        v = (long) s.charAt((int) n);
      } else if (v == null || v == GoValues.NO_VALUE) {
        throw new TemplateException("index of untyped nil");
      } else {
        throw new TemplateException("can't index item of type " + GoValues.describe(v));
      }
    }
    return v;
  }

  private static String sprint(List<Object> a, boolean spaces) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < a.size(); i++) {
      Object o = a.get(i);
      // Go's Sprint adds a space between operands when neither is a string
      if (i > 0 && (spaces || !(o instanceof String) && !(a.get(i - 1) instanceof String))) {
        b.append(' ');
      }
      if (GoValues.printedSizeExceeds(o, GoTemplate.MAX_CHARS - b.length())) {
        throw tooLong();
      }
      GoValues.print(o, b);
    }
    return b.toString();
  }

  /** Sprig's strval: strings as-is, nil as empty, everything else as %v. */
  static String str(@Nullable Object o) {
    if (o instanceof String s) {
      return s;
    }
    if (o == null || o == GoValues.NO_VALUE) {
      return "";
    }
    if (GoValues.printedSizeExceeds(o, GoTemplate.MAX_CHARS)) {
      throw tooLong();
    }
    return GoValues.toText(o);
  }

  private static TemplateException tooLong() {
    return new TemplateException("result longer than " + GoTemplate.MAX_CHARS + " characters");
  }

  /** Refuses a result that would be longer than {@link GoTemplate#MAX_CHARS}. */
  private static void checkLength(double length) {
    if (length > GoTemplate.MAX_CHARS) {
      throw tooLong();
    }
  }

  /** Go's slice bounds rule: 0 ≤ from ≤ to ≤ length. */
  private static void checkSlice(long from, long to, int length) {
    if (from < 0 || to < from || to > length) {
      throw new TemplateException("slice bounds out of range [" + from + ":" + to + "] with"
          + " length " + length);
    }
  }

  private static List<?> list(@Nullable Object o) {
    if (o instanceof List<?> l) {
      return l;
    }
    if (o == null || o == GoValues.NO_VALUE) {
      return List.of();
    }
    throw new TemplateException("expected a list, got " + GoValues.describe(o));
  }

  /** Sprig's strslice: a list without its nils, nil as empty, any other value as one item. */
  private static List<?> strslice(@Nullable Object o) {
    if (o instanceof List<?> l) {
      return l.stream().filter(x -> x != null && x != GoValues.NO_VALUE).toList();
    }
    if (o == null || o == GoValues.NO_VALUE) {
      return List.of();
    }
    return List.of(o);
  }

  private static Map<?, ?> map(@Nullable Object o) {
    if (o instanceof Map<?, ?> m) {
      return m;
    }
    if (o == null || o == GoValues.NO_VALUE) {
      return Map.of();
    }
    throw new TemplateException("expected a map, got " + GoValues.describe(o));
  }

  static long toLong(@Nullable Object o) {
    if (o instanceof Long l) {
      return l;
    }
    if (o instanceof Double d) {
      return (long) (double) d;
    }
    throw new TemplateException("expected an integer, got " + GoValues.describe(o));
  }

  private static long toLongLenient(@Nullable Object o) {
    if (o instanceof String s) {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    if (o instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (o == null || o == GoValues.NO_VALUE) {
      return 0;
    }
    return toLong(o);
  }

  private static double toDouble(@Nullable Object o) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    if (o instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  private static int compare(@Nullable Object x, @Nullable Object y, boolean equality) {
    Object a = x == GoValues.NO_VALUE ? null : x;
    Object b = y == GoValues.NO_VALUE ? null : y;
    if (a instanceof Number n && b instanceof Number m) {
      if (a instanceof Long l && b instanceof Long k) {
        return Long.compare(l, k);
      }
      return Double.compare(n.doubleValue(), m.doubleValue());
    }
    if (a instanceof String s && b instanceof String t) {
      return s.compareTo(t);
    }
    if (equality) {
      if (a == null || b == null) {
        return a == b ? 0 : 1;
      }
      if (a instanceof Boolean && b instanceof Boolean) {
        return a.equals(b) ? 0 : 1;
      }
    }
    throw new TemplateException("incompatible types for comparison: " + GoValues.describe(a)
        + " and " + GoValues.describe(b));
  }

  private static String title(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(start ? Character.toTitleCase(c) : c);
      // Go's strings.Title: ASCII other than letters, digits and '_' separates words, as do
      // Unicode spaces; other letters and marks do not
      start = c < 0x80 ? !(Character.isLetterOrDigit(c) || c == '_')
          : Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
    return b.toString();
  }

  private static String kind(@Nullable Object o) {
    if (o == null || o == GoValues.NO_VALUE) {
      return "invalid";
    }
    if (o instanceof String) {
      return "string";
    }
    if (o instanceof Long) {
      return "int64";
    }
    if (o instanceof Double) {
      return "float64";
    }
    if (o instanceof Boolean) {
      return "bool";
    }
    if (o instanceof List) {
      return "slice";
    }
    return "map";
  }

  private static @Nullable Object fromYaml(String text, String name) {
    try {
      List<JsonValue> docs = ManifestLoader.defaults().readDocuments(text,
          name.equals("fromJson") ? "template.json" : "template.yaml");
      if (name.equals("fromYamlArray")) {
        return docs.isEmpty() ? List.of() : GoValues.fromJson(docs.get(0));
      }
      return docs.isEmpty() ? Map.of() : GoValues.fromJson(docs.get(0));
    } catch (LoadException e) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Error", e.problem());
      return Collections.unmodifiableMap(m);
    }
  }

  /** Argo CD's {@code slugify [maxSize] [smartTruncate] name}. */
  private static String slugify(List<Object> a) {
    long max = a.size() >= 2 ? toLong(a.get(0)) : 50;
    boolean smart = a.size() < 3 || GoValues.truth(a.get(1));
    String s = TemplateRenderer.normalize(str(a.get(a.size() - 1)));
    s = s.replaceAll("[^a-z0-9_-]+", "-").replaceAll("-{2,}", "-");
    s = trimDashes(s);
    if (max > 0 && s.length() > max) {
      String cut = s.substring(0, (int) max);
      if (smart) {
        int dash = cut.lastIndexOf('-');
        if (dash > 0 && s.charAt((int) max) != '-') {
          cut = cut.substring(0, dash);
        }
      }
      s = trimDashes(cut);
    }
    return s;
  }

  private static String trimDashes(String s) {
    int i = 0;
    int j = s.length();
    while (i < j && (s.charAt(i) == '-' || s.charAt(i) == '_')) {
      i++;
    }
    while (j > i && (s.charAt(j - 1) == '-' || s.charAt(j - 1) == '_')) {
      j--;
    }
    return s.substring(i, j);
  }
}
