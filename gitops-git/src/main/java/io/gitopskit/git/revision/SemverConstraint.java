package io.gitopskit.git.revision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version constraint over Git tags, with the syntax and meaning Argo CD takes from
 * Masterminds semver v3 for a {@code targetRevision}.
 *
 * <ul>
 *   <li>comparators {@code =}, {@code !=}, {@code >}, {@code >=}, {@code <}, {@code <=}
 *       ({@code =>} and {@code =<} too); a bare version means {@code =};
 *   <li>wildcards {@code x}, {@code X} and {@code *}: {@code 1.x} is {@code >=1.0.0 <2.0.0},
 *       {@code 1.2.*} is {@code >=1.2.0 <1.3.0}, {@code *} is anything;
 *   <li>tilde {@code ~1.2.3} ({@code >=1.2.3 <1.3.0}), caret {@code ^1.2.3}
 *       ({@code >=1.2.3 <2.0.0}, {@code ^0.2.3} is {@code >=0.2.3 <0.3.0});
 *   <li>hyphen ranges {@code 1.2 - 1.4.5} ({@code >=1.2.0 <=1.4.5});
 *   <li>AND by spaces or commas, OR by {@code ||};
 *   <li>a pre-release version passes a comparator only if the comparator names a pre-release
 *       itself (except a plain {@code !=1.2.3}), so {@code >=2.0.0-rc.0 <2.1.0} does not
 *       match {@code 2.0.0-rc.1} but {@code >=2.0.0-rc.0 <2.1.0-0} does, as in Masterminds;
 *   <li>among versions of equal precedence (differing only in build metadata) the one with
 *       the smaller text is the highest, so results never depend on input order.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SemverConstraint {

  private static final Pattern COMPARATOR = Pattern.compile(
      "(=>|=<|>=|<=|!=|~>|[=<>~^])?\\s*(v?[0-9xX*]+(?:\\.[0-9xX*]+)?(?:\\.[0-9xX*]+)?"
          + "(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)");
  private static final Pattern HYPHEN = Pattern.compile("(\\S+)\\s+-\\s+(\\S+)");

  private final String text;
  private final List<List<Range>> groups;

  private SemverConstraint(String text, List<List<Range>> groups) {
    this.text = text;
    this.groups = groups;
  }

  /**
   * Parses a constraint.
   *
   * @param text e.g. {@code >=1.2.0 <2.0.0}, {@code 1.x}, {@code ^1.4 || ~2.0}
   * @return the constraint, or empty when the text is not a constraint
   */
  public static Optional<SemverConstraint> parse(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    List<List<Range>> groups = new ArrayList<>();
    for (String group : t.split("\\|\\|", -1)) {
      String g = group.trim();
      if (g.isEmpty()) {
        return Optional.empty();
      }
      Matcher hy = HYPHEN.matcher(g);
      StringBuilder rewritten = new StringBuilder();
      while (hy.find()) {
        hy.appendReplacement(rewritten,
            Matcher.quoteReplacement(">=" + hy.group(1) + " <=" + hy.group(2)));
      }
      hy.appendTail(rewritten);
      List<Range> ranges = new ArrayList<>();
      for (String token : splitTokens(rewritten.toString())) {
        Matcher m = COMPARATOR.matcher(token);
        if (!m.matches()) {
          return Optional.empty();
        }
        Optional<Range> r = Range.of(m.group(1) == null ? "=" : m.group(1), m.group(2));
        if (r.isEmpty()) {
          return Optional.empty();
        }
        ranges.add(r.get());
      }
      if (ranges.isEmpty()) {
        return Optional.empty();
      }
      groups.add(List.copyOf(ranges));
    }
    return Optional.of(new SemverConstraint(t, List.copyOf(groups)));
  }

  /** Splits on commas and spaces, keeping an operator together with the version after it. */
  private static List<String> splitTokens(String group) {
    List<String> tokens = new ArrayList<>();
    String pendingOp = "";
    for (String raw : group.split("[,\\s]+")) {
      if (raw.isEmpty()) {
        continue;
      }
      if (raw.matches("=>|=<|>=|<=|!=|~>|[=<>~^]")) {
        pendingOp = raw;
        continue;
      }
      tokens.add(pendingOp + raw);
      pendingOp = "";
    }
    if (!pendingOp.isEmpty()) {
      tokens.add(pendingOp); // dangling operator: fails to match later
    }
    return tokens;
  }

  /**
   * Whether a version satisfies the constraint.
   *
   * @param version the version
   * @return true when some OR group accepts it
   */
  public boolean matches(SemanticVersion version) {
    for (List<Range> group : groups) {
      boolean ok = true;
      for (Range r : group) {
        if ((version.isPreRelease() && r.rejectsPreRelease) || !r.contains(version)) {
          ok = false;
          break;
        }
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  /**
   * The highest version among candidates that satisfies the constraint.
   *
   * @param candidates versions to choose from
   * @return the highest match, or empty
   */
  public Optional<SemanticVersion> highest(Collection<SemanticVersion> candidates) {
    SemanticVersion best = null;
    for (SemanticVersion v : candidates) {
      if (matches(v) && (best == null || isHigher(v, best))) {
        best = v;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Whether one version ranks above another: by precedence, and between versions of equal
   * precedence (they differ only in build metadata) the smaller text, so the choice never
   * depends on the order of the candidates.
   *
   * @param a a version
   * @param b another version
   * @return true when {@code a} ranks above {@code b}
   */
  public static boolean isHigher(SemanticVersion a, SemanticVersion b) {
    int c = a.compareTo(b);
    return c > 0 || (c == 0 && a.toString().compareTo(b.toString()) < 0);
  }

  @Override
  public String toString() {
    return text;
  }

  /** One comparator as a half-open interval, possibly negated. */
  private static final class Range {
    final SemanticVersion low;
    final boolean lowInclusive;
    final SemanticVersion high; // null: unbounded
    final boolean highInclusive;
    final boolean negated;
    /** Whether a pre-release version fails this comparator whatever its range says. */
    final boolean rejectsPreRelease;

    Range(SemanticVersion low, boolean lowInclusive, SemanticVersion high,
        boolean highInclusive, boolean negated, boolean preRelease) {
      this.low = low;
      this.lowInclusive = lowInclusive;
      this.high = high;
      this.highInclusive = highInclusive;
      this.negated = negated;
      this.rejectsPreRelease = !preRelease;
    }

    /** The same range, but letting pre-releases through ({@code !=1.2.3}, as Masterminds). */
    Range admittingPreReleases() {
      return new Range(low, lowInclusive, high, highInclusive, negated, true);
    }

    static Optional<Range> of(String op, String versionText) {
      String v = versionText.startsWith("v") ? versionText.substring(1) : versionText;
      String core = v;
      String pre = "";
      int plus = core.indexOf('+');
      if (plus >= 0) {
        core = core.substring(0, plus);
      }
      int dash = core.indexOf('-');
      if (dash >= 0) {
        pre = core.substring(dash + 1);
        core = core.substring(0, dash);
      }
      String[] parts = core.split("\\.");
      long[] nums = new long[3];
      int known = 0; // number of leading concrete components
      boolean wildcardSeen = false;
      for (int i = 0; i < 3; i++) {
        if (i >= parts.length || isWildcard(parts[i])) {
          wildcardSeen = true;
          continue;
        }
        if (wildcardSeen) {
          return Optional.empty(); // 1.x.3
        }
        try {
          nums[i] = Long.parseLong(parts[i]);
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
        known = i + 1;
      }
      SemanticVersion base = new SemanticVersion(nums[0], nums[1], nums[2], pre, "");
      boolean hasPre = !pre.isEmpty();
      SemanticVersion zero = new SemanticVersion(0, 0, 0, "", "");
      // the first version past the wildcard range: 1.x -> 2.0.0, 1.2.x -> 1.3.0, * -> none
      SemanticVersion next = known == 0 ? null
          : known == 1 ? new SemanticVersion(nums[0] + 1, 0, 0, "", "")
          : known == 2 ? new SemanticVersion(nums[0], nums[1] + 1, 0, "", "") : null;
      boolean wild = known < 3;
      switch (op) {
        case "=":
          return Optional.of(wild
              ? new Range(base, true, next, false, false, hasPre)
              : new Range(base, true, base, true, false, hasPre));
        case "!=":
          return Optional.of(wild
              ? new Range(base, true, next, false, true, hasPre)
              : new Range(base, true, base, true, true, hasPre).admittingPreReleases());
        case ">":
          return Optional.of(wild
              ? (next == null ? new Range(zero, false, zero, false, false, hasPre) // >* : none
                  : new Range(next, true, null, false, false, hasPre))
              : new Range(base, false, null, false, false, hasPre));
        case ">=":
        case "=>":
          return Optional.of(new Range(base, true, null, false, false, hasPre));
        case "<":
          return Optional.of(new Range(zero, true, base, false, false, hasPre));
        case "<=":
        case "=<":
          return Optional.of(wild
              ? new Range(zero, true, next, false, false, hasPre)
              : new Range(zero, true, base, true, false, hasPre));
        case "~":
        case "~>": {
          SemanticVersion upper = known <= 1
              ? new SemanticVersion(nums[0] + 1, 0, 0, "", "")
              : new SemanticVersion(nums[0], nums[1] + 1, 0, "", "");
          if (known == 0) {
            return Optional.of(new Range(zero, true, null, false, false, hasPre));
          }
          return Optional.of(new Range(base, true, upper, false, false, hasPre));
        }
        case "^": {
          if (known == 0) {
            return Optional.of(new Range(zero, true, null, false, false, hasPre));
          }
          SemanticVersion upper;
          if (nums[0] > 0 || known == 1) {
            upper = new SemanticVersion(nums[0] + 1, 0, 0, "", "");
          } else if (nums[1] > 0 || known == 2) {
            upper = new SemanticVersion(0, nums[1] + 1, 0, "", "");
          } else {
            upper = new SemanticVersion(0, 0, nums[2] + 1, "", "");
          }
          return Optional.of(new Range(base, true, upper, false, false, hasPre));
        }
        default:
          return Optional.empty();
      }
    }

    private static boolean isWildcard(String s) {
      return s.equals("x") || s.equals("X") || s.equals("*");
    }

    boolean contains(SemanticVersion v) {
      int lo = v.compareTo(low);
      boolean in = lowInclusive ? lo >= 0 : lo > 0;
      if (in && high != null) {
        int hi = v.compareTo(high);
        in = highInclusive ? hi <= 0 : hi < 0;
      }
      return negated != in;
    }
  }
}
