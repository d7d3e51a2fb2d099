package io.gitopskit.git.revision;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version as Argo CD reads Git tags (Masterminds {@code semver.NewVersion}): an
 * optional {@code v} prefix, and minor and patch that default to 0 ({@code v1.2} is 1.2.0).
 * Ordered by SemVer 2.0 precedence; build metadata is kept but ignored by {@link #compareTo}.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 * @param preRelease the pre-release identifiers, e.g. {@code rc.1}; {@code ""} for a release
 * @param build the build metadata; {@code ""} when absent
 * @since 0.1
 */
public record SemanticVersion(long major, long minor, long patch, String preRelease, String build)
    implements Comparable<SemanticVersion> {

  private static final Pattern LOOSE = Pattern.compile(
      "v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?"
          + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
          + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

  /** Validates the components. */
  public SemanticVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers must not be negative");
    }
    Objects.requireNonNull(preRelease, "preRelease");
    Objects.requireNonNull(build, "build");
  }

  /**
   * Parses a version, as Argo CD parses tags.
   *
   * @param text e.g. {@code v1.2.3}, {@code 1.2}, {@code 2.0.0-rc.1+build.5}
   * @return the version, or empty when the text is not a version
   */
  public static Optional<SemanticVersion> parse(String text) {
    Matcher m = LOOSE.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SemanticVersion(Long.parseLong(m.group(1)),
          m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
          m.group(3) == null ? 0 : Long.parseLong(m.group(3)),
          m.group(4) == null ? "" : m.group(4),
          m.group(5) == null ? "" : m.group(5)));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a number too large for a long
    }
  }

  /**
   * Whether this is a pre-release ({@code 1.0.0-rc.1}).
   *
   * @return true when there are pre-release identifiers
   */
  public boolean isPreRelease() {
    return !preRelease.isEmpty();
  }

  @Override
  public int compareTo(SemanticVersion o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, o.patch);
    }
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
    }
    List<String> a = List.of(preRelease.split("\\."));
    List<String> b = List.of(o.preRelease.split("\\."));
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xn = x.chars().allMatch(Character::isDigit);
      boolean yn = y.chars().allMatch(Character::isDigit);
      int r;
      if (xn && yn) {
        r = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
      } else if (xn || yn) {
        r = xn ? -1 : 1; // numeric identifiers sort before alphanumeric ones
      } else {
        r = x.compareTo(y);
      }
      if (r != 0) {
        return r;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public String toString() {
    String s = major + "." + minor + "." + patch;
    if (!preRelease.isEmpty()) {
      s += "-" + preRelease;
    }
    if (!build.isEmpty()) {
      s += "+" + build;
    }
    return s;
  }
}
