package io.gitopskit.core.project;

import io.gitopskit.core.app.Application;
import io.gitopskit.core.app.ApplicationDestination;
import io.gitopskit.core.internal.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One sync window of a project ({@code spec.syncWindows[]}): a time span that allows or denies
 * syncs of the applications it selects.
 *
 * <ul>
 *   <li><b>Selection.</b> {@code applications} match the application name, {@code clusters}
 *       the destination name or server, {@code namespaces} the destination namespace (globs, no
 *       negation). By default any non-empty selector matching is enough; with {@code
 *       andOperator} every non-empty selector must match. A window without selectors selects
 *       nothing.
 *   <li><b>Active.</b> Some start from the cron {@code schedule} lies in the open interval
 *       (now − {@code duration}, now), with "now" shifted by the time zone's offset at the
 *       moment of evaluation. A schedule that never fires within five years counts as always
 *       active, as in Argo CD.
 * </ul>
 *
 * @param kind allow or deny
 * @param schedule the start times, a 5-field cron expression (see the package documentation)
 * @param duration how long the window stays open, a Go duration such as {@code 1h30m}
 * @param applications application name globs
 * @param namespaces destination namespace globs
 * @param clusters destination cluster name or server globs
 * @param manualSync whether manual syncs are allowed while the window blocks
 * @param timeZone an IANA time zone; {@code ""} or an unknown zone means UTC
 * @param andOperator whether every selector must match rather than any
 * @param syncOverrun whether a running sync may continue past the window's edge
 * @param description free text, at most 255 characters
 * @since 0.1
 */
public record SyncWindow(Kind kind, String schedule, String duration, List<String> applications,
    List<String> namespaces, List<String> clusters, boolean manualSync, String timeZone,
    boolean andOperator, boolean syncOverrun, String description) {

  /** Whether a window allows or denies syncs. */
  public enum Kind {
    /** Syncs may run only while some allow window is active. */
    ALLOW("allow"),
    /** Syncs may not run while the window is active. */
    DENY("deny");

    private final String text;

    Kind(String text) {
      this.text = text;
    }

    /** @return {@code allow} or {@code deny} */
    public String text() {
      return text;
    }

    /**
     * The kind for its YAML text.
     *
     * @param text {@code allow} or {@code deny} (exactly)
     * @return the kind, if the text is one
     */
    public static Optional<Kind> parse(String text) {
      for (Kind k : values()) {
        if (k.text.equals(text)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  /** The longest description Argo CD accepts. */
  public static final int MAX_DESCRIPTION = 255;

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the schedule or duration does not parse, or the
   *     description is too long
   */
  public SyncWindow {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(duration, "duration");
    applications = List.copyOf(applications);
    namespaces = List.copyOf(namespaces);
    clusters = List.copyOf(clusters);
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(description, "description");
    try {
      Cron.cached(schedule);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot parse schedule: " + e.getMessage(), e);
    }
    try {
      GoDuration.parse(duration);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot parse duration: " + e.getMessage(), e);
    }
    if (description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException("description must be at most " + MAX_DESCRIPTION
          + " characters");
    }
  }

  /**
   * A window with only the essentials; add selectors with the {@code with...} methods.
   *
   * @param kind allow or deny
   * @param schedule the cron schedule
   * @param duration the Go duration
   * @return the window (no selectors yet)
   * @throws IllegalArgumentException if the schedule or duration does not parse
   */
  public static SyncWindow of(Kind kind, String schedule, String duration) {
    return new SyncWindow(kind, schedule, duration, List.of(), List.of(), List.of(), false, "",
        false, false, "");
  }

  /** @param value application globs @return a copy selecting them */
  public SyncWindow withApplications(List<String> value) {
    return new SyncWindow(kind, schedule, duration, value, namespaces, clusters, manualSync,
        timeZone, andOperator, syncOverrun, description);
  }

  /** @param value namespace globs @return a copy selecting them */
  public SyncWindow withNamespaces(List<String> value) {
    return new SyncWindow(kind, schedule, duration, applications, value, clusters, manualSync,
        timeZone, andOperator, syncOverrun, description);
  }

  /** @param value cluster globs @return a copy selecting them */
  public SyncWindow withClusters(List<String> value) {
    return new SyncWindow(kind, schedule, duration, applications, namespaces, value, manualSync,
        timeZone, andOperator, syncOverrun, description);
  }

  /** @param value whether manual syncs are allowed @return the copy */
  public SyncWindow withManualSync(boolean value) {
    return new SyncWindow(kind, schedule, duration, applications, namespaces, clusters, value,
        timeZone, andOperator, syncOverrun, description);
  }

  /** @param value the time zone @return the copy */
  public SyncWindow withTimeZone(String value) {
    return new SyncWindow(kind, schedule, duration, applications, namespaces, clusters,
        manualSync, value, andOperator, syncOverrun, description);
  }

  /** @param value whether all selectors must match @return the copy */
  public SyncWindow withAndOperator(boolean value) {
    return new SyncWindow(kind, schedule, duration, applications, namespaces, clusters,
        manualSync, timeZone, value, syncOverrun, description);
  }

  /** @param value whether running syncs may overrun @return the copy */
  public SyncWindow withSyncOverrun(boolean value) {
    return new SyncWindow(kind, schedule, duration, applications, namespaces, clusters,
        manualSync, timeZone, andOperator, value, description);
  }

  /** @param value the description @return the copy */
  public SyncWindow withDescription(String value) {
    return new SyncWindow(kind, schedule, duration, applications, namespaces, clusters,
        manualSync, timeZone, andOperator, syncOverrun, value);
  }

  /** @return the parsed duration */
  public Duration parsedDuration() {
    return GoDuration.parse(duration);
  }

  /** @return the zone the schedule is read in: {@code timeZone}, or UTC when empty or unknown */
  public ZoneId zone() {
    return resolveZone(timeZone).orElse(ZoneOffset.UTC);
  }

  /**
   * Resolves a time zone name as Go's {@code time.LoadLocation} would: {@code ""} and {@code
   * UTC} are UTC, otherwise an IANA zone name.
   *
   * @param name the name
   * @return the zone, or empty when the name is not a known zone
   */
  static Optional<ZoneId> resolveZone(String name) {
    if (name.isEmpty() || name.equals("UTC")) {
      return Optional.of(ZoneOffset.UTC);
    }
    Set<String> known = ZoneId.getAvailableZoneIds();
    return known.contains(name) ? Optional.of(ZoneId.of(name)) : Optional.empty();
  }

  /**
   * Whether this window selects an application (see the type documentation).
   *
   * @param app the application
   * @return true when it applies
   */
  public boolean matches(Application app) {
    boolean matched = false;
    boolean set = false;
    if (!applications.isEmpty()) {
      set = true;
      for (String a : applications) {
        if (Patterns.glob(a, app.name(), false, "")) {
          matched = true;
          break;
        }
      }
    }
    if (andOperator && set && !matched) {
      return false;
    } else if (!andOperator && matched) {
      return true;
    }
    if (!clusters.isEmpty()) {
      matched = false;
      set = true;
      ApplicationDestination d = app.destination();
      for (String c : clusters) {
        boolean byName = !d.name().isEmpty() && Patterns.glob(c, d.name(), false, "");
        boolean byServer = !d.server().isEmpty() && Patterns.glob(c, d.server(), false, "");
        if (byName || byServer) {
          matched = true;
          break;
        }
      }
    }
    if (set && andOperator && !matched) {
      return false;
    } else if (!andOperator && matched) {
      return true;
    }
    if (!namespaces.isEmpty()) {
      matched = false;
      for (String n : namespaces) {
        if (Patterns.glob(n, app.destination().namespace(), false, "")) {
          matched = true;
          break;
        }
      }
    }
    return matched;
  }

  /**
   * Whether the window is open at an instant, with the zone offset taken at that instant.
   *
   * @param now the instant
   * @return true when some start lies in (now − duration, now)
   */
  public boolean isActive(Instant now) {
    return isActive(now, now);
  }

  /**
   * Whether the window was open at an instant, with the zone offset taken at another (Argo CD
   * always uses the current offset, even when judging the past).
   *
   * @param at the instant judged
   * @param offsetAt the instant whose zone offset shifts the schedule
   * @return true when some start lies in (at − duration, at)
   */
  public boolean isActive(Instant at, Instant offsetAt) {
    long offset = zone().getRules().getOffset(offsetAt).getTotalSeconds();
    Instant shifted = at.plusSeconds(offset);
    Optional<Instant> next = Cron.cached(schedule).next(shifted.minus(parsedDuration()));
    return next.map(n -> n.isBefore(shifted)).orElse(true);
  }

  /** {@code kind schedule duration}, e.g. {@code deny 0 22 * * * 1h}. */
  @Override
  public String toString() {
    return kind.text() + " '" + schedule + "' " + duration.toLowerCase(Locale.ROOT);
  }
}
