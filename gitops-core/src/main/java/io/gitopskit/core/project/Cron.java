package io.gitopskit.core.project;

import io.gitopskit.core.internal.GoDuration;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A cron schedule as robfig/cron's standard parser reads it (the library Argo CD uses): five
 * fields (minute, hour, day of month, month, day of week) with {@code *}, {@code ?}, ranges
 * {@code a-b}, steps {@code /n} (also {@code a/n} meaning {@code a-max/n}), lists {@code a,b},
 * month and weekday names ({@code JAN}, {@code mon}, any case); descriptors {@code @yearly},
 * {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight},
 * {@code @hourly} and {@code @every <duration>}; and a {@code TZ=} or {@code CRON_TZ=} prefix.
 *
 * <p>Day matching follows robfig: when day-of-month or day-of-week is {@code *} (or {@code ?}),
 * both must match; otherwise either may. {@link #next} gives the first activation strictly
 * after an instant, or nothing when there is none within five years (robfig's limit).
 */
final class Cron {

  private static final long STAR = 1L << 63;
  private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1),
      Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
      Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9),
      Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
  private static final Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2,
      "wed", 3, "thu", 4, "fri", 5, "sat", 6);

  private final long minutes;
  private final long hours;
  private final long dom;
  private final long months;
  private final long dow;
  private final ZoneId zone;
  /** For {@code @every}: the fixed delay; null for a field schedule. */
  private final @Nullable Duration every;
  private final boolean descriptor;

  private Cron(long minutes, long hours, long dom, long months, long dow, ZoneId zone,
      @Nullable Duration every, boolean descriptor) {
    this.minutes = minutes;
    this.hours = hours;
    this.dom = dom;
    this.months = months;
    this.dow = dow;
    this.zone = zone;
    this.every = every;
    this.descriptor = descriptor;
  }

  private static final int MAX_CACHED = 4096;
  private static final Map<String, Cron> CACHE = new java.util.LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cron> eldest) {
      return size() > MAX_CACHED;
    }
  };

  /**
   * Parses a schedule, reusing an earlier parse of the same text.
   *
   * @param spec the schedule
   * @return the schedule
   * @throws IllegalArgumentException if it does not parse
   */
  static Cron cached(String spec) {
    Cron c;
    synchronized (CACHE) {
      c = CACHE.get(spec);
    }
    if (c == null) {
      c = parse(spec);
      synchronized (CACHE) {
        CACHE.put(spec, c);
      }
    }
    return c;
  }

  /**
   * Parses a schedule.
   *
   * @param spec e.g. {@code 0 22 * * MON-FRI}
   * @return the schedule
   * @throws IllegalArgumentException naming what is wrong (without repeating the whole text)
   */
  static Cron parse(String spec) {
    String s = spec.trim();
    ZoneId zone = ZoneOffset.UTC;
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      int sp = indexOfWhitespace(s);
      String name = s.substring(s.indexOf('=') + 1, sp < 0 ? s.length() : sp);
      try {
        zone = ZoneId.of(name);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("provided bad location " + name, e);
      }
      s = sp < 0 ? "" : s.substring(sp).trim();
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty spec string");
    }
    if (s.startsWith("@")) {
      return descriptor(s, zone);
    }
    String[] f = s.split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("expected exactly 5 fields, found " + f.length);
    }
    return new Cron(field(f[0], 0, 59, Map.of()), field(f[1], 0, 23, Map.of()),
        field(f[2], 1, 31, Map.of()), field(f[3], 1, 12, MONTHS), field(f[4], 0, 6, DAYS),
        zone, null, false);
  }

  /** @return whether the schedule was written as a descriptor ({@code @daily}, ...) */
  boolean isDescriptor() {
    return descriptor;
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static Cron descriptor(String s, ZoneId zone) {
    long all = STAR;
    return switch (s) {
      case "@yearly", "@annually" -> new Cron(1L, 1L, 1L << 1, 1L << 1, bits(0, 6, 1) | all,
          zone, null, true);
      case "@monthly" -> new Cron(1L, 1L, 1L << 1, bits(1, 12, 1) | all, bits(0, 6, 1) | all,
          zone, null, true);
      case "@weekly" -> new Cron(1L, 1L, bits(1, 31, 1) | all, bits(1, 12, 1) | all, 1L,
          zone, null, true);
      case "@daily", "@midnight" -> new Cron(1L, 1L, bits(1, 31, 1) | all,
          bits(1, 12, 1) | all, bits(0, 6, 1) | all, zone, null, true);
      case "@hourly" -> new Cron(1L, bits(0, 23, 1) | all, bits(1, 31, 1) | all,
          bits(1, 12, 1) | all, bits(0, 6, 1) | all, zone, null, true);
      default -> {
        if (s.startsWith("@every ")) {
          Duration d;
          try {
            d = GoDuration.parse(s.substring(7).trim());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to parse duration of @every", e);
          }
          // robfig rounds the delay down to whole seconds, with a minimum of one second
          long secs = Math.max(1, d.getSeconds());
          yield new Cron(0, 0, 0, 0, 0, zone, Duration.ofSeconds(secs), true);
        }
        throw new IllegalArgumentException("unrecognized descriptor");
      }
    };
  }

  private static long field(String text, int min, int max, Map<String, Integer> names) {
    long out = 0;
    for (String part : text.split(",", -1)) {
      out |= range(part, min, max, names);
    }
    return out;
  }

  private static long range(String expr, int min, int max, Map<String, Integer> names) {
    String[] rangeAndStep = expr.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    boolean single = lowAndHigh.length == 1;
    int start;
    int end;
    long extra = 0;
    if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
      start = min;
      end = max;
      extra = STAR;
    } else {
      start = number(lowAndHigh[0], names);
      if (lowAndHigh.length == 1) {
        end = start;
      } else if (lowAndHigh.length == 2) {
        end = number(lowAndHigh[1], names);
      } else {
        throw new IllegalArgumentException("too many hyphens in a field");
      }
    }
    int step;
    if (rangeAndStep.length == 1) {
      step = 1;
    } else if (rangeAndStep.length == 2) {
      step = number(rangeAndStep[1], Map.of());
      if (single) {
        end = max;
      }
      if (step > 1) {
        extra = 0;
      }
    } else {
      throw new IllegalArgumentException("too many slashes in a field");
    }
    if (start < min) {
      throw new IllegalArgumentException("beginning of range (" + start + ") below minimum ("
          + min + ")");
    }
    if (end > max) {
      throw new IllegalArgumentException("end of range (" + end + ") above maximum (" + max
          + ")");
    }
    if (start > end) {
      throw new IllegalArgumentException("beginning of range (" + start
          + ") beyond end of range (" + end + ")");
    }
    if (step == 0) {
      throw new IllegalArgumentException("step of range should be a positive number");
    }
    return bits(start, end, step) | extra;
  }

  private static int number(String s, Map<String, Integer> names) {
    Integer named = names.get(s.toLowerCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    String digits = s.startsWith("+") ? s.substring(1) : s;
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("failed to parse a number in a field");
    }
    return Integer.parseInt(digits);
  }

  private static long bits(int min, int max, int step) {
    long b = 0;
    for (int i = min; i <= max; i += step) {
      b |= 1L << i;
    }
    return b;
  }

  /**
   * The first activation strictly after an instant.
   *
   * @param after the instant
   * @return the activation, or empty when there is none within five years
   */
  Optional<Instant> next(Instant after) {
    if (every != null) {
      // robfig's ConstantDelaySchedule: t + delay, dropping t's fraction of a second
      return Optional.of(after.truncatedTo(ChronoUnit.SECONDS).plus(every));
    }
    LocalDateTime start = LocalDateTime.ofInstant(after, zone);
    LocalDateTime c = start.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    int yearLimit = c.getYear() + 5;
    while (c.getYear() <= yearLimit) {
      if ((months & (1L << c.getMonthValue())) == 0) {
        c = c.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
        continue;
      }
      if (!dayMatches(c)) {
        c = c.truncatedTo(ChronoUnit.DAYS).plusDays(1);
        continue;
      }
      if ((hours & (1L << c.getHour())) == 0) {
        c = c.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        continue;
      }
      if ((minutes & (1L << c.getMinute())) == 0) {
        c = c.plusMinutes(1);
        continue;
      }
      Instant at = ZonedDateTime.ofLocal(c, zone, null).toInstant();
      if (at.isAfter(after)) {
        return Optional.of(at);
      }
      c = c.plusMinutes(1);
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean domMatch = (dom & (1L << t.getDayOfMonth())) != 0;
    boolean dowMatch = (dow & (1L << (t.getDayOfWeek().getValue() % 7))) != 0;
    if ((dom & STAR) != 0 || (dow & STAR) != 0) {
      return domMatch && dowMatch;
    }
    return domMatch || dowMatch;
  }
}
