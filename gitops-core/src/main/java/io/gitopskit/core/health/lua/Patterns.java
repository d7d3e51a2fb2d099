package io.gitopskit.core.health.lua;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.2 pattern matching ({@code string.find}, {@code match}, {@code gmatch}, {@code gsub}),
 * written for the sandbox. LuaJ's own matcher runs in Java without ever reaching an instruction
 * hook, so a pattern such as {@code (".-"):rep(8) .. "x"} against a long subject would run for
 * hours past any time limit; this one calls {@link Execution#tick()} as it goes, and builds
 * {@code gsub} results within the string limits. Character classes follow the C locale (ASCII).
 */
final class Patterns {

  private static final int MAX_CAPTURES = 32;
  private static final int MAX_MATCH_DEPTH = 200;
  private static final int CAP_UNFINISHED = -1;
  private static final int CAP_POSITION = -2;
  private static final int ESC = '%';
  private static final String SPECIALS = "^$*+?.([%-";

  private Patterns() {}

  static final class Find extends VarArgFunction {
    private final boolean find;

    Find(boolean find, String name) {
      this.find = find;
      this.name = name;
    }

    @Override
    public Varargs invoke(Varargs args) {
      return findAux(args, find);
    }
  }

  static final class GMatch extends VarArgFunction {
    GMatch() {
      this.name = "gmatch";
    }

    @Override
    public Varargs invoke(Varargs args) {
      LuaString s = args.checkstring(1);
      LuaString p = args.checkstring(2);
      return new GMatchIterator(s, p);
    }
  }

  static final class GSub extends VarArgFunction {
    GSub() {
      this.name = "gsub";
    }

    @Override
    public Varargs invoke(Varargs args) {
      return gsub(args);
    }
  }

  private static Varargs findAux(Varargs args, boolean find) {
    LuaString s = args.checkstring(1);
    LuaString p = args.checkstring(2);
    int ls = s.m_length;
    long init = relative(args.optlong(3, 1), ls);
    if (init < 1) {
      init = 1;
    } else if (init > ls + 1L) {
      return LuaValue.NIL;
    }
    Execution guard = Execution.current();
    if (find && (args.arg(4).toboolean() || noSpecials(p))) {
      int at = indexOf(s, p, (int) init - 1, guard);
      if (at < 0) {
        return LuaValue.NIL;
      }
      return LuaValue.varargsOf(LuaValue.valueOf(at + 1), LuaValue.valueOf(at + p.m_length));
    }
    MatchState ms = new MatchState(s, p, guard);
    int start = s.m_offset + (int) init - 1;
    int pStart = p.m_offset;
    boolean anchor = p.m_length > 0 && p.m_bytes[pStart] == '^';
    if (anchor) {
      pStart++;
    }
    do {
      ms.reset();
      int end = ms.match(start, pStart);
      if (end >= 0) {
        if (find) {
          return LuaValue.varargsOf(LuaValue.valueOf(start - s.m_offset + 1),
              LuaValue.valueOf(end - s.m_offset), ms.captures(start, end, false));
        }
        return ms.captures(start, end, true);
      }
    } while (start++ < ms.srcEnd && !anchor);
    return LuaValue.NIL;
  }

  private static long relative(long pos, int len) {
    if (pos >= 0) {
      return pos;
    }
    if (-pos > len) {
      return 0;
    }
    return len + pos + 1;
  }

  private static boolean noSpecials(LuaString p) {
    for (int i = 0; i < p.m_length; i++) {
      if (SPECIALS.indexOf(p.m_bytes[p.m_offset + i] & 0xFF) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether byte {@code c} is in class {@code %cl} (C locale); other {@code cl} match itself. */
  static boolean matchClass(int c, int cl) {
    boolean res;
    switch (cl | 0x20) {
      case 'a':
        res = isAlpha(c);
        break;
      case 'c':
        res = c < 32 || c == 127;
        break;
      case 'd':
        res = c >= '0' && c <= '9';
        break;
      case 'g':
        res = c > 32 && c < 127;
        break;
      case 'l':
        res = c >= 'a' && c <= 'z';
        break;
      case 'p':
        res = c > 32 && c < 127 && !isAlpha(c) && !(c >= '0' && c <= '9');
        break;
      case 's':
        res = c == ' ' || (c >= '\t' && c <= '\r');
        break;
      case 'u':
        res = c >= 'A' && c <= 'Z';
        break;
      case 'w':
        res = isAlpha(c) || (c >= '0' && c <= '9');
        break;
      case 'x':
        res = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
        break;
      case 'z':
        res = c == 0;
        break;
      default:
        return cl == c;
    }
    return cl >= 'A' && cl <= 'Z' ? !res : res;
  }

  private static boolean isAlpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Plain search from a 0-based start; the index found, 0-based, or -1. */
  private static int indexOf(LuaString s, LuaString p, int from, @Nullable Execution guard) {
    byte[] sb = s.m_bytes;
    byte[] pb = p.m_bytes;
    int n = p.m_length;
    for (int i = from; i + n <= s.m_length; i++) {
      int j = 0;
      while (j < n && sb[s.m_offset + i + j] == pb[p.m_offset + j]) {
        j++;
        if (guard != null && (j & 0xFF) == 0) {
          guard.tick();
        }
      }
      if (j == n) {
        return i;
      }
      if (guard != null) {
        guard.tick();
      }
    }
    return -1;
  }

  private static Varargs gsub(Varargs args) {
    LuaString src = args.checkstring(1);
    LuaString p = args.checkstring(2);
    LuaValue repl = args.arg(3);
    int type = repl.type();
    if (type != LuaValue.TNUMBER && type != LuaValue.TSTRING && type != LuaValue.TFUNCTION
        && type != LuaValue.TTABLE) {
      LuaValue.argerror(3, "string/function/table expected");
    }
    long maxReplacements = args.optlong(4, src.m_length + 1L);
    Execution guard = Execution.current();
    MatchState ms = new MatchState(src, p, guard);
    Bytes out = new Bytes(guard);
    int pStart = p.m_offset;
    boolean anchor = p.m_length > 0 && p.m_bytes[pStart] == '^';
    if (anchor) {
      pStart++;
    }
    int at = src.m_offset;
    long n = 0;
    while (n < maxReplacements) {
      ms.reset();
      int end = ms.match(at, pStart);
      if (end >= 0) {
        n++;
        addValue(ms, out, at, end, repl, type);
      }
      if (end >= 0 && end > at) {
        at = end;
      } else if (at < ms.srcEnd) {
        out.append(src.m_bytes[at++]);
      } else {
        break;
      }
      if (anchor) {
        break;
      }
    }
    out.append(src.m_bytes, at, ms.srcEnd - at);
    return LuaValue.varargsOf(out.toLuaString(), LuaValue.valueOf(n));
  }

  private static void addValue(MatchState ms, Bytes out, int s, int e, LuaValue repl,
      int type) {
    LuaValue value;
    if (type == LuaValue.TFUNCTION) {
      value = repl.invoke(ms.captures(s, e, true)).arg1();
    } else if (type == LuaValue.TTABLE) {
      value = repl.get(ms.capture(0, s, e));
    } else {
      addString(ms, out, s, e, repl.strvalue());
      return;
    }
    if (!value.toboolean()) {
      out.append(ms.src, s, e - s);
    } else if (!value.isstring()) {
      throw new LuaError("invalid replacement value (a " + value.typename() + ")");
    } else {
      LuaString v = value.strvalue();
      out.append(v.m_bytes, v.m_offset, v.m_length);
    }
  }

  private static void addString(MatchState ms, Bytes out, int s, int e, LuaString news) {
    byte[] b = news.m_bytes;
    int end = news.m_offset + news.m_length;
    for (int i = news.m_offset; i < end; i++) {
      int c = b[i] & 0xFF;
      if (c != ESC) {
        out.append((byte) c);
        continue;
      }
      i++;
      int d = i < end ? b[i] & 0xFF : 0;
      if (d < '0' || d > '9') {
        if (d != ESC) {
          throw new LuaError("invalid use of '%' in replacement string");
        }
        out.append((byte) d);
      } else if (d == '0') {
        out.append(ms.src, s, e - s);
      } else {
        LuaString cap = ms.capture(d - '1', s, e).strvalue();
        out.append(cap.m_bytes, cap.m_offset, cap.m_length);
      }
    }
  }

  /** The iterator {@code string.gmatch} returns. */
  private static final class GMatchIterator extends VarArgFunction {
    private final LuaString s;
    private final LuaString p;
    private int next;

    GMatchIterator(LuaString s, LuaString p) {
      this.s = s;
      this.p = p;
      this.next = s.m_offset;
      this.name = "gmatch_iterator";
    }

    @Override
    public Varargs invoke(Varargs args) {
      MatchState ms = new MatchState(s, p, Execution.current());
      for (int at = next; at <= ms.srcEnd; at++) {
        ms.reset();
        int end = ms.match(at, p.m_offset);
        if (end >= 0) {
          next = end == at ? end + 1 : end;
          return ms.captures(at, end, true);
        }
      }
      return LuaValue.NONE;
    }
  }

  /** A byte buffer that respects the string limits. */
  static final class Bytes {
    private final @Nullable Execution guard;
    private byte[] bytes = new byte[64];
    private int length;

    Bytes(@Nullable Execution guard) {
      this.guard = guard;
    }

    void append(byte b) {
      ensure(1);
      bytes[length++] = b;
    }

    void append(byte[] b, int off, int len) {
      if (len <= 0) {
        return;
      }
      ensure(len);
      System.arraycopy(b, off, bytes, length, len);
      length += len;
    }

    private void ensure(int more) {
      long needed = (long) length + more;
      if (guard != null) {
        guard.checkLength(needed);
      }
      if (needed > Integer.MAX_VALUE - 16) {
        throw new LuaError("string length overflow");
      }
      if (needed > bytes.length) {
        long grown = Math.max(needed, Math.min((long) bytes.length * 2, Integer.MAX_VALUE - 16));
        bytes = Arrays.copyOf(bytes, (int) grown);
      }
    }

    LuaString toLuaString() {
      if (guard != null) {
        guard.charge(length);
      }
      return LuaString.valueOf(bytes, 0, length);
    }
  }

  /** The state of one match: Lua's {@code MatchState}, with absolute indices into arrays. */
  static final class MatchState {
    final LuaString subject;
    final byte[] src;
    final int srcInit;
    final int srcEnd;
    final byte[] pat;
    final int patEnd;
    private final @Nullable Execution guard;
    private int level;
    private int depth = MAX_MATCH_DEPTH;
    private final int[] captureInit = new int[MAX_CAPTURES];
    private final int[] captureLen = new int[MAX_CAPTURES];

    MatchState(LuaString subject, LuaString pattern, @Nullable Execution guard) {
      this.subject = subject;
      this.src = subject.m_bytes;
      this.srcInit = subject.m_offset;
      this.srcEnd = subject.m_offset + subject.m_length;
      this.pat = pattern.m_bytes;
      this.patEnd = pattern.m_offset + pattern.m_length;
      this.guard = guard;
    }

    void reset() {
      level = 0;
      depth = MAX_MATCH_DEPTH;
    }

    private int pc(int i) {
      return i < patEnd ? pat[i] & 0xFF : 0;
    }

    private void tick() {
      if (guard != null) {
        guard.tick();
      }
    }

    /** Matches pattern position {@code p} at subject position {@code s}: the end, or -1. */
    int match(int s, int p) {
      if (depth-- == 0) {
        throw new LuaError("pattern too complex");
      }
      try {
        while (true) {
          if (p == patEnd) {
            return s;
          }
          tick();
          int c = pat[p] & 0xFF;
          if (c == '(') {
            if (pc(p + 1) == ')') {
              return startCapture(s, p + 2, CAP_POSITION);
            }
            return startCapture(s, p + 1, CAP_UNFINISHED);
          }
          if (c == ')') {
            return endCapture(s, p + 1);
          }
          if (c == '$' && p + 1 == patEnd) {
            return s == srcEnd ? s : -1;
          }
          if (c == ESC) {
            int n = pc(p + 1);
            if (n == 'b') {
              s = matchBalance(s, p + 2);
              if (s < 0) {
                return -1;
              }
              p += 4;
              continue;
            }
            if (n == 'f') {
              p += 2;
              if (pc(p) != '[') {
                throw new LuaError("missing '[' after '%f' in pattern");
              }
              int ep = classEnd(p);
              int previous = s == srcInit ? 0 : src[s - 1] & 0xFF;
              int current = s < srcEnd ? src[s] & 0xFF : 0;
              if (!matchBracketClass(previous, p, ep - 1)
                  && matchBracketClass(current, p, ep - 1)) {
                p = ep;
                continue;
              }
              return -1;
            }
            if (n >= '0' && n <= '9') {
              s = matchCapture(s, n);
              if (s < 0) {
                return -1;
              }
              p += 2;
              continue;
            }
          }
          int ep = classEnd(p);
          int suffix = pc(ep);
          if (!singleMatch(s, p, ep)) {
            if (suffix == '*' || suffix == '?' || suffix == '-') {
              p = ep + 1;
              continue;
            }
            return -1;
          }
          if (suffix == '?') {
            int res = match(s + 1, ep + 1);
            if (res >= 0) {
              return res;
            }
            p = ep + 1;
            continue;
          }
          if (suffix == '+') {
            return maxExpand(s + 1, p, ep);
          }
          if (suffix == '*') {
            return maxExpand(s, p, ep);
          }
          if (suffix == '-') {
            return minExpand(s, p, ep);
          }
          s++;
          p = ep;
        }
      } finally {
        depth++;
      }
    }

    private int classEnd(int p) {
      int c = pat[p++] & 0xFF;
      if (c == ESC) {
        if (p >= patEnd) {
          throw new LuaError("malformed pattern (ends with '%')");
        }
        return p + 1;
      }
      if (c == '[') {
        if (pc(p) == '^') {
          p++;
        }
        do {
          if (p >= patEnd) {
            throw new LuaError("malformed pattern (missing ']')");
          }
          int cc = pat[p++] & 0xFF;
          if (cc == ESC && p < patEnd) {
            p++;
          }
        } while (pc(p) != ']');
        return p + 1;
      }
      return p;
    }

    private boolean singleMatch(int s, int p, int ep) {
      if (s >= srcEnd) {
        return false;
      }
      int c = src[s] & 0xFF;
      int pcc = pat[p] & 0xFF;
      if (pcc == '.') {
        return true;
      }
      if (pcc == ESC) {
        return matchClass(c, pc(p + 1));
      }
      if (pcc == '[') {
        return matchBracketClass(c, p, ep - 1);
      }
      return pcc == c;
    }

    private boolean matchBracketClass(int c, int p, int ec) {
      boolean sig = true;
      if (pc(p + 1) == '^') {
        sig = false;
        p++;
      }
      while (++p < ec) {
        int pcc = pat[p] & 0xFF;
        if (pcc == ESC) {
          p++;
          if (matchClass(c, pc(p))) {
            return sig;
          }
        } else if (pc(p + 1) == '-' && p + 2 < ec) {
          p += 2;
          if (pcc <= c && c <= (pat[p] & 0xFF)) {
            return sig;
          }
        } else if (pcc == c) {
          return sig;
        }
      }
      return !sig;
    }

    private int matchBalance(int s, int p) {
      if (p >= patEnd - 1) {
        throw new LuaError("malformed pattern (missing arguments to '%b')");
      }
      if (s >= srcEnd || (src[s] & 0xFF) != (pat[p] & 0xFF)) {
        return -1;
      }
      int b = pat[p] & 0xFF;
      int e = pat[p + 1] & 0xFF;
      int open = 1;
      while (++s < srcEnd) {
        int c = src[s] & 0xFF;
        if (c == e) {
          if (--open == 0) {
            return s + 1;
          }
        } else if (c == b) {
          open++;
        }
        if ((s & 0xFFF) == 0) {
          tick();
        }
      }
      return -1;
    }

    private int maxExpand(int s, int p, int ep) {
      int i = 0;
      while (singleMatch(s + i, p, ep)) {
        i++;
        if ((i & 0xFFF) == 0) {
          tick();
        }
      }
      while (i >= 0) {
        int res = match(s + i, ep + 1);
        if (res >= 0) {
          return res;
        }
        i--;
      }
      return -1;
    }

    private int minExpand(int s, int p, int ep) {
      while (true) {
        int res = match(s, ep + 1);
        if (res >= 0) {
          return res;
        }
        if (singleMatch(s, p, ep)) {
          s++;
        } else {
          return -1;
        }
      }
    }

    private int startCapture(int s, int p, int what) {
      if (level >= MAX_CAPTURES) {
        throw new LuaError("too many captures");
      }
      captureInit[level] = s;
      captureLen[level] = what;
      level++;
      int res = match(s, p);
      if (res < 0) {
        level--;
      }
      return res;
    }

    private int endCapture(int s, int p) {
      int l = captureToClose();
      captureLen[l] = s - captureInit[l];
      int res = match(s, p);
      if (res < 0) {
        captureLen[l] = CAP_UNFINISHED;
      }
      return res;
    }

    private int captureToClose() {
      for (int l = level - 1; l >= 0; l--) {
        if (captureLen[l] == CAP_UNFINISHED) {
          return l;
        }
      }
      throw new LuaError("invalid pattern capture");
    }

    private int matchCapture(int s, int digit) {
      int l = digit - '1';
      if (l < 0 || l >= level || captureLen[l] == CAP_UNFINISHED) {
        throw new LuaError("invalid capture index %" + (l + 1));
      }
      int len = captureLen[l];
      if (len < 0 || srcEnd - s < len) {
        return -1;
      }
      int from = captureInit[l];
      for (int i = 0; i < len; i++) {
        if (src[from + i] != src[s + i]) {
          return -1;
        }
      }
      return s + len;
    }

    /** Capture {@code i}: a string, a position (integer), or the whole match if none. */
    LuaValue capture(int i, int s, int e) {
      if (i >= level) {
        if (i == 0) {
          return subject.substring(s - srcInit, e - srcInit);
        }
        throw new LuaError("invalid capture index %" + (i + 1));
      }
      int len = captureLen[i];
      if (len == CAP_UNFINISHED) {
        throw new LuaError("unfinished capture");
      }
      if (len == CAP_POSITION) {
        return LuaValue.valueOf(captureInit[i] - srcInit + 1);
      }
      return subject.substring(captureInit[i] - srcInit, captureInit[i] - srcInit + len);
    }

    Varargs captures(int s, int e, boolean wholeIfNone) {
      int n = level == 0 && wholeIfNone ? 1 : level;
      if (n == 0) {
        return LuaValue.NONE;
      }
      if (n == 1) {
        return capture(0, s, e);
      }
      LuaValue[] values = new LuaValue[n];
      for (int i = 0; i < n; i++) {
        values[i] = capture(i, s, e);
      }
      return LuaValue.varargsOf(values);
    }
  }
}
