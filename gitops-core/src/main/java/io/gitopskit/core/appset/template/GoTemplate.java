package io.gitopskit.core.appset.template;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Go template (the subset described in the package documentation). Immutable and
 * thread-safe once parsed; execution state lives in {@link Exec}.
 *
 * <p>Runtime values are plain Java: {@code null} (Go's nil), {@link GoValues#NO_VALUE} (a
 * missing map key), {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@link List}
 * and {@link Map} with string keys.
 */
final class GoTemplate {

  /**
   * The longest text one execution may produce, and the longest string any function may
   * return: 3 MiB, the size of the largest document the loader accepts by default (and of the
   * largest request the Kubernetes API server takes), so no rendered field can be larger than
   * an object Kubernetes could store.
   */
  static final int MAX_CHARS = 3 * 1024 * 1024;

  /**
   * The most steps (template nodes run, range iterations, function calls) one execution may
   * take: far more than any real template needs, and few enough that {@code {{range
   * 1000000000}}} fails in milliseconds instead of hanging.
   */
  static final long MAX_STEPS = 1_000_000;

  /**
   * The deepest nesting of control blocks ({@code if}, {@code with}, {@code range}, each {@code
   * else if}) and parentheses: parsing and execution recurse, and a template of thousands of
   * nested parentheses must fail with an error, not a {@link StackOverflowError}. (Go allows
   * 10,000 parentheses; 100 is far beyond what readable templates use.)
   */
  static final int MAX_DEPTH = 100;

  /**
   * The deepest nesting of lists and maps a value may reach ({@code list} and {@code dict} in a
   * loop could otherwise nest a value so deeply that printing it overflows the stack).
   */
  static final int MAX_VALUE_DEPTH = 200;

  private final String source;
  private final List<Node> nodes;

  private GoTemplate(String source, List<Node> nodes) {
    this.source = source;
    this.nodes = nodes;
  }

  /**
   * Parses a template; throws {@link TemplateException} naming the character offset on bad
   * syntax (never the template text, which may hold a literal secret).
   */
  static GoTemplate parse(String text) {
    Parser p = new Parser(text);
    List<Node> nodes = p.parseList(true);
    return new GoTemplate(text, List.copyOf(nodes));
  }

  /** Executes against {@code data} (the value of {@code .} and {@code $}). */
  String execute(@Nullable Object data, boolean missingKeyError) {
    Exec e = new Exec(missingKeyError);
    e.vars.add(new Var("$", data));
    StringBuilder out = new StringBuilder(source.length() + 16);
    e.run(nodes, data, out);
    return out.toString();
  }

  // ---------------------------------------------------------------- nodes

  interface Node {}

  record Text(String text) implements Node {}

  record Action(Pipeline pipe) implements Node {}

  record If(Pipeline cond, List<Node> then, List<Node> otherwise) implements Node {}

  record With(Pipeline cond, List<Node> then, List<Node> otherwise) implements Node {}

  record Range(Pipeline over, List<Node> body, List<Node> otherwise) implements Node {}

  /** {@code {{break}}} (or {@code {{continue}}} when {@code !exit}) inside a range body. */
  record Loop(boolean exit) implements Node {}

  /** {@code $a, $b := cmd | cmd}; {@code assign} is {@code =} rather than {@code :=}. */
  record Pipeline(List<String> decls, boolean assign, List<Command> commands) {}

  record Command(List<Arg> args) {}

  interface Arg {}

  /** {@code .a.b} applied to dot, or {@code .} itself when {@code fields} is empty. */
  record DotField(List<String> fields) implements Arg {}

  /** {@code $x.a.b}. */
  record VarField(String name, List<String> fields) implements Arg {}

  record Literal(@Nullable Object value) implements Arg {}

  record Func(String name) implements Arg {}

  /** {@code (pipeline).a.b}. */
  record Sub(Pipeline pipe, List<String> fields) implements Arg {}

  record Var(String name, @Nullable Object value) {}

  // ---------------------------------------------------------------- parser

  private static final class Parser {
    private final String src;
    private int pos;
    /** Set when the previous action ended with a right trim marker. */
    private boolean trimNextText;
    /** The keyword that ended the last {@link #parseList}: end, else, or else-if. */
    private String terminator = "";
    private @Nullable Pipeline elseIf;
    /** Start of the action being parsed, for messages. */
    private int actionStart;
    /** Open control blocks and parentheses. */
    private int depth;
    /** Range bodies being parsed (break and continue are allowed only inside one). */
    private int rangeDepth;

    Parser(String src) {
      this.src = src;
    }

    TemplateException error(String message) {
      return new TemplateException("failed to parse template (action at character "
          + actionStart + "): " + message);
    }

    void enter() {
      if (++depth > MAX_DEPTH) {
        throw error("nested deeper than " + MAX_DEPTH + " blocks or parentheses");
      }
    }

    void leave() {
      depth--;
    }

    List<Node> parseList(boolean top) {
      List<Node> out = new ArrayList<>();
      while (true) {
        int open = src.indexOf("{{", pos);
        String text = open < 0 ? src.substring(pos) : src.substring(pos, open);
        if (trimNextText) {
          text = stripLeading(text);
          trimNextText = false;
        }
        if (open < 0) {
          if (!text.isEmpty()) {
            out.add(new Text(text));
          }
          if (!top) {
            throw error("unexpected EOF: missing {{end}}");
          }
          pos = src.length();
          return out;
        }
        int start = open + 2;
        actionStart = open;
        boolean trimLeft = start + 1 < src.length() && src.charAt(start) == '-'
            && isSpace(src.charAt(start + 1));
        if (trimLeft) {
          text = stripTrailing(text);
          start += 2;
        }
        if (!text.isEmpty()) {
          out.add(new Text(text));
        }
        int close;
        if (src.startsWith("/*", start)) {
          // a comment ends at the first */, whatever quotes it holds
          int endComment = src.indexOf("*/", start + 2);
          close = endComment < 0 ? -1 : src.indexOf("}}", endComment + 2);
          if (close < 0) {
            throw error("unclosed comment");
          }
        } else {
          close = findClose(start);
        }
        int end = close;
        boolean trimRight = close - 2 >= start && src.charAt(close - 1) == '-'
            && isSpace(src.charAt(close - 2));
        if (trimRight) {
          end = close - 1;
        }
        pos = close + 2;
        trimNextText = trimRight;
        String body = src.substring(start, end).trim();
        if (body.startsWith("/*")) {
          if (!body.endsWith("*/")) {
            throw error("unclosed comment");
          }
          continue;
        }
        Lexer lx = new Lexer(body, this);
        String kw = lx.peekKeyword();
        switch (kw) {
          case "if", "with", "range" -> {
            lx.next();
            Pipeline p = new PipeParser(lx, this).pipeline(true);
            out.add(control(kw, p));
          }
          case "else" -> {
            if (top) {
              throw error("unexpected {{else}}");
            }
            lx.next();
            if (!lx.atEnd()) {
              String k2 = lx.peekKeyword();
              if (!k2.equals("if") && !k2.equals("with")) {
                throw error("unexpected " + k2 + " after else");
              }
              lx.next();
              elseIf = new PipeParser(lx, this).pipeline(true);
              terminator = "else " + k2;
            } else {
              terminator = "else";
            }
            return out;
          }
          case "end" -> {
            if (top) {
              throw error("unexpected {{end}}");
            }
            terminator = "end";
            return out;
          }
          case "break", "continue" -> {
            lx.next();
            if (rangeDepth == 0 || !lx.atEnd()) {
              throw error(rangeDepth == 0 ? "{{" + kw + "}} outside {{range}}"
                  : "unexpected operand after {{" + kw + "}}");
            }
            out.add(new Loop(kw.equals("break")));
          }
          case "define", "template", "block" ->
              throw error("{{" + kw + "}} is not supported");
          default -> out.add(new Action(new PipeParser(lx, this).pipeline(true)));
        }
      }
    }

    private Node control(String kw, Pipeline p) {
      enter();
      try {
        return controlBody(kw, p);
      } finally {
        leave();
      }
    }

    private Node controlBody(String kw, Pipeline p) {
      int outerRanges = rangeDepth;
      if (kw.equals("range")) {
        rangeDepth++;
      }
      List<Node> then = parseList(false);
      rangeDepth = outerRanges;
      List<Node> otherwise = List.of();
      if (terminator.equals("else")) {
        otherwise = parseList(false);
        if (!terminator.equals("end")) {
          throw error("expected {{end}} after {{else}}");
        }
      } else if (terminator.startsWith("else ")) {
        String kw2 = terminator.substring(5);
        Pipeline nested = elseIf;
        elseIf = null;
        // {{else if x}} ... {{end}} is {{else}}{{if x}} ... {{end}}{{end}}
        otherwise = List.of(control(kw2, nested));
      }
      return switch (kw) {
        case "if" -> new If(p, List.copyOf(then), List.copyOf(otherwise));
        case "with" -> new With(p, List.copyOf(then), List.copyOf(otherwise));
        default -> new Range(p, List.copyOf(then), List.copyOf(otherwise));
      };
    }

    private int findClose(int from) {
      char quote = 0;
      for (int i = from; i < src.length(); i++) {
        char c = src.charAt(i);
        if (quote != 0) {
          if (c == '\\' && quote == '"') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '`') {
          quote = c;
        } else if (c == '}' && i + 1 < src.length() && src.charAt(i + 1) == '}') {
          return i;
        }
      }
      throw error("unclosed action");
    }

    private static String stripLeading(String s) {
      int i = 0;
      while (i < s.length() && isSpace(s.charAt(i))) {
        i++;
      }
      return s.substring(i);
    }

    private static String stripTrailing(String s) {
      int i = s.length();
      while (i > 0 && isSpace(s.charAt(i - 1))) {
        i--;
      }
      return s.substring(0, i);
    }

    /** Go's template space: trim markers remove only space, tab, CR and LF. */
    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
  }

  /** Tokens of one action. */
  private static final class Lexer {
    enum Kind { IDENT, FIELD, VAR, STRING, NUMBER, PIPE, LPAREN, RPAREN, DECLARE, ASSIGN, COMMA, END }

    record Token(Kind kind, String text, @Nullable Object value) {}

    private final List<Token> tokens = new ArrayList<>();
    /** Per token: whether whitespace precedes it ({@code (x).f} is a chain, {@code (x) .f} not). */
    private final List<Boolean> spaced = new ArrayList<>();
    private int at;

    Lexer(String s, Parser p) {
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        int tokenStart = i;
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '|') {
          tokens.add(new Token(Kind.PIPE, "|", null));
          i++;
        } else if (c == '(') {
          tokens.add(new Token(Kind.LPAREN, "(", null));
          i++;
        } else if (c == ')') {
          tokens.add(new Token(Kind.RPAREN, ")", null));
          i++;
        } else if (c == ',') {
          tokens.add(new Token(Kind.COMMA, ",", null));
          i++;
        } else if (c == ':' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
          tokens.add(new Token(Kind.DECLARE, ":=", null));
          i += 2;
        } else if (c == '=') {
          tokens.add(new Token(Kind.ASSIGN, "=", null));
          i++;
        } else if (c == '"') {
          StringBuilder b = new StringBuilder();
          int j = i + 1;
          while (true) {
            if (j >= s.length()) {
              throw p.error("unterminated quoted string");
            }
            char d = s.charAt(j);
            if (d == '"') {
              break;
            }
            if (d == '\\' && j + 1 < s.length()) {
              char e = s.charAt(++j);
              switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case '\\' -> b.append('\\');
                case '"' -> b.append('"');
                case '\'' -> b.append('\'');
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'v' -> b.append('\u000b');
                case 'u', 'U', 'x' -> {
                  int digits = e == 'u' ? 4 : e == 'U' ? 8 : 2;
                  b.appendCodePoint(digits(s, j + 1, digits, 16, p));
                  j += digits;
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                  b.append((char) digits(s, j, 3, 8, p));
                  j += 2;
                }
                default -> throw p.error("unknown escape \\" + e);
              }
            } else {
              b.append(d);
            }
            j++;
          }
          tokens.add(new Token(Kind.STRING, s.substring(i, j + 1), b.toString()));
          i = j + 1;
        } else if (c == '`') {
          int j = s.indexOf('`', i + 1);
          if (j < 0) {
            throw p.error("unterminated raw quoted string");
          }
          tokens.add(new Token(Kind.STRING, s.substring(i, j + 1), s.substring(i + 1, j)));
          i = j + 1;
        } else if (c == '.' && (i + 1 >= s.length() || !Character.isDigit(s.charAt(i + 1)))) {
          int j = i + 1;
          while (j < s.length() && (isIdent(s.charAt(j)) || (s.charAt(j) == '.'
              && j + 1 < s.length() && isIdent(s.charAt(j + 1))))) {
            j++;
          }
          tokens.add(new Token(Kind.FIELD, s.substring(i, j), null));
          i = j;
        } else if (c == '$') {
          int j = i + 1;
          while (j < s.length() && (isIdent(s.charAt(j)) || (s.charAt(j) == '.'
              && j + 1 < s.length() && isIdent(s.charAt(j + 1))))) {
            j++;
          }
          tokens.add(new Token(Kind.VAR, s.substring(i, j), null));
          i = j;
        } else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.')
            && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
          int j = i + 1;
          while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j))
              || s.charAt(j) == '.' || s.charAt(j) == '_')) {
            j++;
          }
          String t = s.substring(i, j).replace("_", "");
          Object v;
          try {
            if (t.startsWith("0x") || t.startsWith("-0x")) {
              boolean neg = t.startsWith("-");
              long l = Long.parseLong(t.substring(neg ? 3 : 2), 16);
              v = neg ? -l : l;
            } else if (t.contains(".") || t.contains("e") || t.contains("E")) {
              v = Double.parseDouble(t);
            } else {
              v = Long.parseLong(t);
            }
          } catch (NumberFormatException e) {
            throw p.error("bad number syntax");
          }
          tokens.add(new Token(Kind.NUMBER, t, v));
          i = j;
        } else if (isIdent(c)) {
          int j = i + 1;
          while (j < s.length() && isIdent(s.charAt(j))) {
            j++;
          }
          tokens.add(new Token(Kind.IDENT, s.substring(i, j), null));
          i = j;
        } else {
          throw p.error("unexpected \"" + c + "\" in action");
        }
        if (spaced.size() < tokens.size()) {
          spaced.add(tokenStart > 0 && Character.isWhitespace(s.charAt(tokenStart - 1)));
        }
      }
      tokens.add(new Token(Kind.END, "", null));
      spaced.add(true);
    }

    /** {@code count} digits in {@code radix} at {@code from}, as one escaped code point. */
    private static int digits(String s, int from, int count, int radix, Parser p) {
      if (from + count > s.length()) {
        throw p.error("bad escape in quoted string");
      }
      long code = 0;
      for (int k = from; k < from + count; k++) {
        int digit = Character.digit(s.charAt(k), radix);
        if (digit < 0 || s.charAt(k) > 0x7f) {
          throw p.error("bad escape in quoted string");
        }
        code = code * radix + digit;
      }
      if (code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
        throw p.error("bad escape in quoted string");
      }
      return (int) code;
    }

    private static boolean isIdent(char c) {
      return Character.isLetterOrDigit(c) || c == '_';
    }

    /** A token for messages: literals by their kind only (a literal may be a secret). */
    static String describe(Token t) {
      return switch (t.kind()) {
        case STRING -> "quoted string";
        case NUMBER -> "number";
        case END -> "end of action";
        default -> "\"" + t.text() + "\"";
      };
    }

    Token peek() {
      return tokens.get(at);
    }

    Token peek(int ahead) {
      return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    Token next() {
      Token t = tokens.get(at);
      if (t.kind() != Kind.END) {
        at++;
      }
      return t;
    }

    /** Whether whitespace precedes the next token. */
    boolean peekSpaced() {
      return spaced.get(at);
    }

    boolean atEnd() {
      return peek().kind() == Kind.END;
    }

    String peekKeyword() {
      Token t = peek();
      return t.kind() == Kind.IDENT ? t.text() : "";
    }
  }

  private static final class PipeParser {
    private final Lexer lx;
    private final Parser p;

    PipeParser(Lexer lx, Parser p) {
      this.lx = lx;
      this.p = p;
    }

    Pipeline pipeline(boolean top) {
      List<String> decls = new ArrayList<>();
      boolean assign = false;
      // declarations: $x := ..., $i, $v := ...
      if (lx.peek().kind() == Lexer.Kind.VAR && !lx.peek().text().contains(".")) {
        Lexer.Kind k1 = lx.peek(1).kind();
        if (k1 == Lexer.Kind.DECLARE || k1 == Lexer.Kind.ASSIGN) {
          decls.add(lx.next().text());
          assign = lx.next().kind() == Lexer.Kind.ASSIGN;
        } else if (k1 == Lexer.Kind.COMMA && lx.peek(2).kind() == Lexer.Kind.VAR
            && lx.peek(3).kind() == Lexer.Kind.DECLARE) {
          decls.add(lx.next().text());
          lx.next();
          decls.add(lx.next().text());
          lx.next();
        }
      }
      List<Command> commands = new ArrayList<>();
      while (true) {
        commands.add(command());
        Lexer.Token t = lx.peek();
        if (t.kind() == Lexer.Kind.PIPE) {
          lx.next();
          continue;
        }
        if (top && t.kind() != Lexer.Kind.END) {
          throw p.error("unexpected " + Lexer.describe(t) + " in action");
        }
        if (!top && t.kind() != Lexer.Kind.RPAREN) {
          throw p.error("unclosed left paren");
        }
        break;
      }
      return new Pipeline(List.copyOf(decls), assign, List.copyOf(commands));
    }

    private Command command() {
      List<Arg> args = new ArrayList<>();
      while (true) {
        Lexer.Token t = lx.peek();
        switch (t.kind()) {
          case END, PIPE, RPAREN -> {
            if (args.isEmpty()) {
              throw p.error("missing value for command");
            }
            return new Command(List.copyOf(args));
          }
          default -> args.add(operand(args.isEmpty()));
        }
      }
    }

    private Arg operand(boolean first) {
      Lexer.Token t = lx.next();
      switch (t.kind()) {
        case FIELD -> {
          return new DotField(splitFields(t.text().substring(1)));
        }
        case VAR -> {
          String text = t.text();
          int dot = text.indexOf('.');
          String name = dot < 0 ? text : text.substring(0, dot);
          return new VarField(name, dot < 0 ? List.of() : splitFields(text.substring(dot + 1)));
        }
        case STRING, NUMBER -> {
          return new Literal(t.value());
        }
        case LPAREN -> {
          p.enter();
          Pipeline inner = pipeline(false);
          p.leave();
          lx.next();
          List<String> fields = List.of();
          if (lx.peek().kind() == Lexer.Kind.FIELD && lx.peek().text().length() > 1
              && !lx.peekSpaced()) {
            fields = splitFields(lx.next().text().substring(1));
          }
          return new Sub(inner, fields);
        }
        case IDENT -> {
          switch (t.text()) {
            case "true" -> {
              return new Literal(Boolean.TRUE);
            }
            case "false" -> {
              return new Literal(Boolean.FALSE);
            }
            case "nil" -> {
              return new Literal(null);
            }
            default -> {
              if (!GoFunctions.exists(t.text())) {
                throw p.error("function \"" + t.text() + "\" not defined");
              }
              return new Func(t.text());
            }
          }
        }
        default -> throw p.error("unexpected " + Lexer.describe(t) + " in operand");
      }
    }

    private static List<String> splitFields(String s) {
      if (s.isEmpty()) {
        return List.of();
      }
      return List.of(s.split("\\."));
    }
  }

  // ---------------------------------------------------------------- execution

  private static final class Exec {
    private final boolean missingKeyError;
    final List<Var> vars = new ArrayList<>();
    private long steps;
    private final Map<Object, Integer> depths = new IdentityHashMap<>();

    Exec(boolean missingKeyError) {
      this.missingKeyError = missingKeyError;
    }

    TemplateException error(String message) {
      return new TemplateException("failed to execute go template: " + message);
    }

    /** Counts one step against {@link #MAX_STEPS}. */
    private void step() {
      if (++steps > MAX_STEPS) {
        throw error("more than " + MAX_STEPS + " steps (range iterations, actions and function"
            + " calls)");
      }
    }

    private void checkOutput(StringBuilder out) {
      if (out.length() > MAX_CHARS) {
        throw error("output longer than " + MAX_CHARS + " characters");
      }
    }

    void run(List<Node> nodes, @Nullable Object dot, StringBuilder out) {
      for (Node n : nodes) {
        step();
        if (n instanceof Text t) {
          out.append(t.text());
          checkOutput(out);
        } else if (n instanceof Action a) {
          Object v = pipeline(a.pipe(), dot);
          if (a.pipe().decls().isEmpty()) {
            if (GoValues.printedSizeExceeds(v, MAX_CHARS - out.length())) {
              throw error("output longer than " + MAX_CHARS + " characters");
            }
            // Go turns a nil interface ending a pipeline into an invalid value: <no value>
            GoValues.print(v == null ? GoValues.NO_VALUE : v, out);
            checkOutput(out);
          }
        } else if (n instanceof If i) {
          int mark = vars.size();
          boolean truth = GoValues.truth(pipeline(i.cond(), dot));
          run(truth ? i.then() : i.otherwise(), dot, out);
          truncate(mark);
        } else if (n instanceof With w) {
          int mark = vars.size();
          Object v = pipeline(w.cond(), dot);
          if (GoValues.truth(v)) {
            run(w.then(), v, out);
          } else {
            run(w.otherwise(), dot, out);
          }
          truncate(mark);
        } else if (n instanceof Range r) {
          range(r, dot, out);
        } else if (n instanceof Loop l) {
          throw l.exit() ? BREAK : CONTINUE;
        }
      }
    }

    /** Unwinds to the innermost range for {@code {{break}}} / {@code {{continue}}}. */
    private static final class LoopSignal extends RuntimeException {
      private static final long serialVersionUID = 1L;

      LoopSignal() {
        super(null, null, false, false);
      }
    }

    private static final LoopSignal BREAK = new LoopSignal();
    private static final LoopSignal CONTINUE = new LoopSignal();

    /** Runs one iteration of a range body; false when it ended with {@code {{break}}}. */
    private boolean iteration(Range r, @Nullable Object dot, StringBuilder out) {
      try {
        run(r.body(), dot, out);
        return true;
      } catch (LoopSignal s) {
        return s == CONTINUE;
      }
    }

    private void range(Range r, @Nullable Object dot, StringBuilder out) {
      int mark = vars.size();
      Pipeline p = r.over();
      Object v = commands(p.commands(), dot);
      List<String> decls = p.decls();
      boolean any = false;
      if (v instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          step();
          any = true;
          bindRange(decls, (long) i, list.get(i));
          boolean more = iteration(r, list.get(i), out);
          truncate(mark);
          if (!more) {
            break;
          }
        }
      } else if (v instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          step();
          any = true;
          bindRange(decls, e.getKey(), e.getValue());
          boolean more = iteration(r, e.getValue(), out);
          truncate(mark);
          if (!more) {
            break;
          }
        }
      } else if (v instanceof Long n) {
        for (long i = 0; i < n; i++) {
          step();
          any = true;
          bindRange(decls, i, i);
          boolean more = iteration(r, i, out);
          truncate(mark);
          if (!more) {
            break;
          }
        }
      } else if (v != null && v != GoValues.NO_VALUE) {
        throw error("range can't iterate over " + GoValues.describe(v));
      }
      if (!any) {
        run(r.otherwise(), dot, out);
        truncate(mark);
      }
    }

    private void bindRange(List<String> decls, @Nullable Object key, @Nullable Object value) {
      if (decls.size() == 1) {
        vars.add(new Var(decls.get(0), value));
      } else if (decls.size() == 2) {
        vars.add(new Var(decls.get(0), key));
        vars.add(new Var(decls.get(1), value));
      }
    }

    private void truncate(int mark) {
      while (vars.size() > mark) {
        vars.remove(vars.size() - 1);
      }
    }

    private @Nullable Object pipeline(Pipeline p, @Nullable Object dot) {
      Object v = commands(p.commands(), dot);
      if (!p.decls().isEmpty()) {
        String name = p.decls().get(0);
        if (p.assign()) {
          for (int i = vars.size() - 1; i >= 0; i--) {
            if (vars.get(i).name().equals(name)) {
              vars.set(i, new Var(name, v));
              return v;
            }
          }
          throw error("undefined variable: " + name);
        }
        vars.add(new Var(name, v));
      }
      return v;
    }

    private @Nullable Object commands(List<Command> commands, @Nullable Object dot) {
      Object v = null;
      boolean piped = false;
      for (Command c : commands) {
        v = command(c, dot, piped, v);
        piped = true;
      }
      return v;
    }

    private @Nullable Object command(Command c, @Nullable Object dot, boolean piped,
        @Nullable Object pipedValue) {
      Arg first = c.args().get(0);
      if (first instanceof Func f && (f.name().equals("and") || f.name().equals("or"))) {
        return andOr(f.name(), c, dot, piped, pipedValue);
      }
      if (first instanceof Func f) {
        step();
        List<Object> args = new ArrayList<>(c.args().size());
        for (int i = 1; i < c.args().size(); i++) {
          args.add(nilIfMissing(arg(c.args().get(i), dot)));
        }
        if (piped) {
          args.add(nilIfMissing(pipedValue));
        }
        Object result;
        try {
          result = GoFunctions.call(f.name(), args, missingKeyError);
        } catch (TemplateException e) {
          throw error("error calling " + f.name() + ": " + e.getMessage());
        }
        if (result instanceof String s && s.length() > MAX_CHARS) {
          throw error("error calling " + f.name() + ": result longer than " + MAX_CHARS
              + " characters");
        }
        if ((f.name().equals("list") || f.name().equals("dict"))
            && GoValues.depth(result, MAX_VALUE_DEPTH, depths) > MAX_VALUE_DEPTH) {
          throw error("error calling " + f.name() + ": values nested deeper than "
              + MAX_VALUE_DEPTH + " levels");
        }
        return result;
      }
      if (c.args().size() > 1 || piped) {
        throw error("can't give argument to non-function " + describe(first));
      }
      return arg(first, dot);
    }

    /**
     * Go's {@code and} and {@code or} (since Go 1.18): arguments are evaluated left to right
     * only until one decides the result, which is returned; else the last (the piped value, if
     * any).
     */
    private @Nullable Object andOr(String name, Command c, @Nullable Object dot, boolean piped,
        @Nullable Object pipedValue) {
      step();
      if (c.args().size() < 2 && !piped) {
        throw error("error calling " + name + ": wrong number of args for " + name + ": got 0");
      }
      boolean or = name.equals("or");
      Object v = null;
      for (int i = 1; i < c.args().size(); i++) {
        v = nilIfMissing(arg(c.args().get(i), dot));
        if (GoValues.truth(v) == or) {
          return v;
        }
      }
      return piped ? nilIfMissing(pipedValue) : v;
    }

    /** Go passes a missing key (a zero interface value) to a function as nil. */
    private static @Nullable Object nilIfMissing(@Nullable Object v) {
      return v == GoValues.NO_VALUE ? null : v;
    }

    private @Nullable Object arg(Arg a, @Nullable Object dot) {
      if (a instanceof Literal l) {
        return l.value();
      }
      if (a instanceof DotField d) {
        return fields(dot, d.fields(), ".");
      }
      if (a instanceof VarField v) {
        return fields(variable(v.name()), v.fields(), v.name());
      }
      if (a instanceof Sub s) {
        return fields(pipeline(s.pipe(), dot), s.fields(), "(...)");
      }
      if (a instanceof Func f) {
        return command(new Command(List.of(f)), dot, false, null);
      }
      throw error("unexpected operand");
    }

    private @Nullable Object variable(String name) {
      for (int i = vars.size() - 1; i >= 0; i--) {
        if (vars.get(i).name().equals(name)) {
          return vars.get(i).value();
        }
      }
      throw error("undefined variable: " + name);
    }

    private @Nullable Object fields(@Nullable Object start, List<String> fields, String what) {
      Object v = start;
      for (String f : fields) {
        if (v instanceof Map<?, ?> m) {
          if (m.containsKey(f)) {
            v = m.get(f);
          } else if (missingKeyError) {
            throw error("map has no entry for key \"" + f + "\"");
          } else {
            v = GoValues.NO_VALUE;
          }
        } else if (v == null || v == GoValues.NO_VALUE) {
          throw error("nil pointer evaluating interface {}." + f);
        } else {
          throw error("can't evaluate field " + f + " in type " + GoValues.describe(v));
        }
      }
      return v;
    }

    private static String describe(Arg a) {
      if (a instanceof DotField d) {
        return "." + String.join(".", d.fields());
      }
      if (a instanceof VarField v) {
        return v.name();
      }
      if (a instanceof Literal l) {
        return "a " + GoValues.describe(l.value()) + " literal";
      }
      return "(...)";
    }
  }
}
