package io.gitopskit.core.internal;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Glob patterns with the semantics Argo CD uses for a directory source's {@code include} and
 * {@code exclude}: {@code *} matches any run of characters <em>including</em> {@code /},
 * {@code ?} one character, {@code [abc]}, {@code [a-z]} and {@code [!abc]} a character class,
 * {@code {a,b}} alternatives (nestable), and a backslash escapes the next character. Not API.
 *
 * <p>{@link #compile(String, String)} gives the separator-aware variant of the gobwas/glob
 * library Argo CD uses for project source repositories: there {@code *} and {@code ?} do not
 * match a separator character, and only {@code **} crosses separators.
 */
public final class Glob {

  private final String source;
  private final Pattern pattern;

  private Glob(String source, Pattern pattern) {
    this.source = source;
    this.pattern = pattern;
  }

  /**
   * Compiles a glob.
   *
   * @throws IllegalArgumentException if the pattern is malformed (unclosed class or brace)
   */
  public static Glob compile(String glob) {
    return compile(glob, "");
  }

  /**
   * Compiles a glob in which {@code *} and {@code ?} never match one of {@code separators}
   * and {@code **} matches any run of characters including them; with no separators this is
   * {@link #compile(String)}.
   *
   * @param glob the pattern
   * @param separators the separator characters, e.g. {@code "/"}; may be empty
   * @return the compiled glob
   * @throws IllegalArgumentException if the pattern is malformed (unclosed class or brace)
   */
  public static Glob compile(String glob, String separators) {
    StringBuilder seps = new StringBuilder();
    for (int i = 0; i < separators.length(); i++) {
      char c = separators.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        seps.append('\\');
      }
      seps.append(c);
    }
    String notSeparator = separators.isEmpty() ? "." : "[^" + seps + "]";
    StringBuilder re = new StringBuilder(glob.length() * 2);
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          boolean doubled = false;
          while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            i++;
            doubled = true;
          }
          re.append(doubled ? ".*" : notSeparator + "*");
        }
        case '?' -> re.append(notSeparator);
        case '\\' -> {
          if (i + 1 >= glob.length()) {
            throw new IllegalArgumentException("glob ends with an escape: " + glob);
          }
          re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
        }
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            throw new IllegalArgumentException("unclosed character class in glob: " + glob);
          }
          String body = glob.substring(i + 1, end);
          boolean negate = body.startsWith("!") || body.startsWith("^");
          if (negate) {
            body = body.substring(1);
          }
          re.append(negate ? "[^" : "[");
          for (int j = 0; j < body.length(); j++) {
            char b = body.charAt(j);
            if (b == '-' && j > 0 && j < body.length() - 1) {
              re.append('-');
            } else if ("\\^[]&-".indexOf(b) >= 0) {
              re.append('\\').append(b);
            } else {
              re.append(b);
            }
          }
          re.append(']');
          i = end;
        }
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            re.append("\\}");
          } else {
            braces--;
            re.append(')');
          }
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        default -> {
          if ("\\.^$|+()[]{}".indexOf(c) >= 0) {
            re.append('\\');
          }
          re.append(c);
        }
      }
    }
    if (braces != 0) {
      throw new IllegalArgumentException("unclosed '{' in glob: " + glob);
    }
    try {
      return new Glob(glob, Pattern.compile(re.toString(), Pattern.DOTALL));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("malformed glob: " + glob, e);
    }
  }

  /** Whether the whole of {@code text} matches. */
  public boolean matches(String text) {
    return pattern.matcher(text).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
