package io.gitopskit.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.app.Application;
import io.gitopskit.core.app.ApplicationDestination;
import io.gitopskit.core.app.ApplicationSource;
import io.gitopskit.core.project.Decision.Check;
import io.gitopskit.core.project.Decision.Refused;
import io.gitopskit.core.project.SyncWindow.Kind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncWindowsTest {

  private static final Application APP = Application.builder("web").project("team")
      .source(ApplicationSource.git("https://github.com/example/apps.git", "web", "main"))
      .destination(ApplicationDestination.ofServer("https://prod.example.com:6443", "shop"))
      .build();

  /** 22:00–23:00 UTC every day. */
  private static SyncWindow nightly(Kind kind) {
    return SyncWindow.of(kind, "0 22 * * *", "1h").withApplications(List.of("*"));
  }

  private static Instant at(String time) {
    return Instant.parse("2026-03-02T" + time + "Z");
  }

  private static Decision canSync(List<SyncWindow> windows, String time, boolean manual) {
    return SyncWindows.canSync(windows, APP, at(time), manual, null);
  }

  // ------------------------------------------------------------------ which windows apply

  @Test
  void selectors_anyMatchingSelectorIsEnough_byDefault() {
    SyncWindow w = SyncWindow.of(Kind.DENY, "0 22 * * *", "1h");
    assertThat(w.matches(APP)).as("no selectors: applies to nothing").isFalse();
    assertThat(w.withApplications(List.of("web")).matches(APP)).isTrue();
    assertThat(w.withApplications(List.of("w*")).matches(APP)).isTrue();
    assertThat(w.withApplications(List.of("api")).matches(APP)).isFalse();
    assertThat(w.withApplications(List.of("api")).withNamespaces(List.of("shop")).matches(APP))
        .isTrue();
    assertThat(w.withClusters(List.of("https://prod.*")).matches(APP))
        .as("clusters match the server").isTrue();
    assertThat(w.withNamespaces(List.of("sh*")).matches(APP)).isTrue();
    assertThat(w.withNamespaces(List.of("!shop")).matches(APP))
        .as("no negation in window selectors: '!shop' is a literal").isFalse();
  }

  @Test
  void selectors_withAndOperator_everyNonEmptySelectorMustMatch() {
    SyncWindow w = SyncWindow.of(Kind.DENY, "0 22 * * *", "1h").withAndOperator(true);
    assertThat(w.withApplications(List.of("web")).withNamespaces(List.of("shop"))
        .matches(APP)).isTrue();
    assertThat(w.withApplications(List.of("web")).withNamespaces(List.of("other"))
        .matches(APP)).isFalse();
    assertThat(w.withApplications(List.of("api")).withNamespaces(List.of("shop"))
        .matches(APP)).isFalse();
    assertThat(w.withApplications(List.of("web")).withClusters(List.of("dev"))
        .matches(APP)).isFalse();
    assertThat(w.withApplications(List.of("web")).matches(APP))
        .as("empty selectors are not required").isTrue();
    assertThat(w.matches(APP)).isFalse();
  }

  @Test
  void clusters_matchTheDestinationName() {
    Application byName = APP.toBuilder()
        .destination(ApplicationDestination.ofName("prod-eu", "shop")).build();
    SyncWindow w = SyncWindow.of(Kind.DENY, "0 22 * * *", "1h").withClusters(List.of("prod-*"));
    assertThat(w.matches(byName)).isTrue();
    assertThat(w.matches(APP)).isFalse();
  }

  // ------------------------------------------------------------------ active

  @Test
  void active_isTheOpenInterval_afterTheStart_beforeTheEnd() {
    SyncWindow w = nightly(Kind.DENY);
    assertThat(w.isActive(at("21:59:59"))).isFalse();
    assertThat(w.isActive(at("22:00:00"))).as("not yet at the exact start").isFalse();
    assertThat(w.isActive(at("22:00:00.001"))).isTrue();
    assertThat(w.isActive(at("22:59:59"))).isTrue();
    assertThat(w.isActive(at("23:00:00"))).as("closed at the exact end").isFalse();
  }

  @Test
  void active_spansMidnight() {
    SyncWindow w = SyncWindow.of(Kind.DENY, "0 23 * * *", "3h").withApplications(List.of("*"));
    assertThat(w.isActive(at("01:30:00"))).isTrue();
    assertThat(w.isActive(at("02:30:00"))).isFalse();
  }

  @Test
  void timeZone_shiftsTheScheduleByTheCurrentOffset() {
    // 22:00 in New York is 03:00 UTC in winter (UTC-5) and 02:00 UTC in summer (UTC-4)
    SyncWindow w = nightly(Kind.DENY).withTimeZone("America/New_York");
    assertThat(w.isActive(Instant.parse("2026-01-15T03:30:00Z"))).isTrue();
    assertThat(w.isActive(Instant.parse("2026-01-15T22:30:00Z"))).isFalse();
    assertThat(w.isActive(Instant.parse("2026-07-15T02:30:00Z"))).isTrue();
    assertThat(w.isActive(Instant.parse("2026-07-15T03:30:00Z"))).isFalse();
    // the offset is the one at the time of evaluation, not at the judged instant
    assertThat(w.isActive(Instant.parse("2026-01-15T03:30:00Z"),
        Instant.parse("2026-07-15T00:00:00Z"))).isFalse();
  }

  @Test
  void unknownTimeZone_meansUtc() {
    SyncWindow w = nightly(Kind.DENY).withTimeZone("Mars/Olympus_Mons");
    assertThat(w.zone()).isEqualTo(ZoneOffset.UTC);
    assertThat(w.isActive(at("22:30:00"))).isTrue();
    assertThat(nightly(Kind.DENY).withTimeZone("+02:00").zone())
        .as("Go's LoadLocation does not read offsets").isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void scheduleThatNeverFires_isAlwaysActive_asInArgoCd() {
    SyncWindow w = SyncWindow.of(Kind.DENY, "0 0 30 2 *", "1h").withApplications(List.of("*"));
    assertThat(w.isActive(at("12:00:00"))).isTrue();
  }

  // ------------------------------------------------------------------ decision

  @Test
  void noWindowApplies_allowed() {
    SyncWindow other = nightly(Kind.DENY).withApplications(List.of("api"));
    assertThat(canSync(List.of(other), "22:30:00", false).isAllowed()).isTrue();
    assertThat(canSync(List.of(), "22:30:00", false).isAllowed()).isTrue();
  }

  @Test
  void activeDeny_refuses_andNamesTheWindow() {
    List<SyncWindow> windows = List.of(nightly(Kind.ALLOW).withApplications(List.of("api")),
        nightly(Kind.DENY));
    Decision d = canSync(windows, "22:30:00", false);
    assertThat(d).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.check()).isEqualTo(Check.SYNC_WINDOW);
      assertThat(r.rule()).isEqualTo("spec.syncWindows[1]");
      assertThat(r.message()).startsWith(SyncWindows.BLOCKED).contains("deny '0 22 * * *' 1h");
    });
    assertThat(canSync(windows, "21:30:00", false).isAllowed())
        .as("only an inactive deny window applies").isTrue();
  }

  @Test
  void denyBeatsAllow() {
    List<SyncWindow> windows = List.of(nightly(Kind.ALLOW), nightly(Kind.DENY));
    assertThat(canSync(windows, "22:30:00", false).isAllowed()).isFalse();
    assertThat(canSync(windows, "22:30:00", true).isAllowed()).isFalse();
  }

  @Test
  void manualSync_passesAnActiveDenyOnlyWhenEveryActiveDenyAllowsIt() {
    SyncWindow manualOk = nightly(Kind.DENY).withManualSync(true);
    SyncWindow strict = SyncWindow.of(Kind.DENY, "30 22 * * *", "1h")
        .withNamespaces(List.of("shop"));
    assertThat(canSync(List.of(manualOk), "22:45:00", true).isAllowed()).isTrue();
    assertThat(canSync(List.of(manualOk), "22:45:00", false).isAllowed())
        .as("manualSync never lets auto-sync through").isFalse();
    Decision both = canSync(List.of(manualOk, strict), "22:45:00", true);
    assertThat(both).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.rule()).isEqualTo("spec.syncWindows[1]");
      assertThat(r.message()).contains("does not allow manual sync");
    });
    assertThat(canSync(List.of(manualOk, strict), "22:15:00", true).isAllowed())
        .as("the strict window is not active yet").isTrue();
  }

  @Test
  void activeAllow_allows_inactiveAllow_refuses() {
    List<SyncWindow> windows = List.of(nightly(Kind.ALLOW));
    assertThat(canSync(windows, "22:30:00", false).isAllowed()).isTrue();
    Decision outside = canSync(windows, "12:00:00", false);
    assertThat(outside).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.rule()).isEqualTo("spec.syncWindows[0]");
      assertThat(r.message()).contains("no allow window is active");
    });
  }

  @Test
  void inactiveAllow_manualSyncOnlyWhenEveryInactiveAllowPermitsIt() {
    SyncWindow a = nightly(Kind.ALLOW).withManualSync(true);
    SyncWindow b = SyncWindow.of(Kind.ALLOW, "0 6 * * *", "1h").withApplications(List.of("*"));
    assertThat(canSync(List.of(a), "12:00:00", true).isAllowed()).isTrue();
    assertThat(canSync(List.of(a), "12:00:00", false).isAllowed()).isFalse();
    assertThat(canSync(List.of(a, b), "12:00:00", true)).isInstanceOfSatisfying(Refused.class,
        r -> assertThat(r.rule()).isEqualTo("spec.syncWindows[1]"));
    assertThat(canSync(List.of(a, b), "06:30:00", false).isAllowed())
        .as("one active allow window is enough").isTrue();
  }

  @Test
  void overrun_letsARunningOperationContinue_onlyIfAllowedAtStartAndEveryBlockerOverruns() {
    SyncWindow deny = nightly(Kind.DENY).withSyncOverrun(true);
    List<SyncWindow> windows = List.of(deny);
    Instant now = at("22:30:00");
    assertThat(SyncWindows.canSync(windows, APP, now, false, at("21:50:00")).isAllowed())
        .isTrue();
    assertThat(SyncWindows.canSync(windows, APP, now, false, at("22:10:00")).isAllowed())
        .as("started inside the deny window").isFalse();
    assertThat(SyncWindows.canSync(windows, APP, now, false, null).isAllowed())
        .as("a new sync gets no overrun").isFalse();
    SyncWindow strict = SyncWindow.of(Kind.DENY, "15 22 * * *", "1h")
        .withApplications(List.of("web"));
    assertThat(SyncWindows.canSync(List.of(deny, strict), APP, now, false, at("21:50:00"))
        .isAllowed()).as("a blocking window without overrun").isFalse();

    SyncWindow allow = SyncWindow.of(Kind.ALLOW, "0 21 * * *", "1h")
        .withApplications(List.of("*")).withSyncOverrun(true);
    assertThat(SyncWindows.canSync(List.of(allow), APP, now, false, at("21:30:00")).isAllowed())
        .as("continues after its allow window closed").isTrue();
    assertThat(SyncWindows.canSync(List.of(allow.withSyncOverrun(false)), APP, now, false,
        at("21:30:00")).isAllowed()).isFalse();
  }

  @Test
  void policy_usesTheInjectedClock() {
    AppProject project = AppProject.builder("team").syncWindow(nightly(Kind.DENY)).build();
    ProjectPolicy inside = ProjectPolicy.builder(project)
        .clock(Clock.fixed(at("22:30:00"), ZoneOffset.UTC)).build();
    ProjectPolicy outside = ProjectPolicy.builder(project)
        .clock(Clock.fixed(at("12:00:00"), ZoneOffset.UTC)).build();
    assertThat(inside.evaluateSyncWindows(APP, false).isAllowed()).isFalse();
    assertThat(outside.evaluateSyncWindows(APP, false).isAllowed()).isTrue();
    assertThat(inside.evaluateSyncWindows(APP, false, at("21:00:00")).isAllowed()).isFalse();
  }
}
