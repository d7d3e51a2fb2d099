package io.gitopskit.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.app.AppMetadata;
import io.gitopskit.core.app.AppGen;
import io.gitopskit.core.app.ApplicationDestination;
import io.gitopskit.core.load.ReadResult;
import io.gitopskit.core.load.ReadWarning;
import io.gitopskit.core.load.LoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

class AppProjectYamlTest {

  private static String fixture(String name) {
    try (InputStream in = AppProjectYamlTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void teamProject_readsEveryRule() {
    ReadResult<AppProject> r = AppProjectYaml.read(fixture("team-project.yaml"), "team.yaml");
    assertThat(r.warnings()).isEmpty();
    AppProject p = r.single();
    assertThat(p.name()).isEqualTo("team");
    assertThat(p.description()).isEqualTo("Team project");
    assertThat(p.sourceRepos()).containsExactly("https://github.com/team/*",
        "!https://github.com/team/secret");
    assertThat(p.destinations()).containsExactly(
        new ApplicationDestination("https://kubernetes.default.svc", "", "team-*"),
        new ApplicationDestination("", "prod", "!kube-system"));
    assertThat(p.clusterResourceWhitelist()).containsExactly(
        new ResourceRule("", "Namespace", "team-*"));
    assertThat(p.clusterResourceBlacklist()).containsExactly(
        ResourceRule.of("rbac.authorization.k8s.io", "*"));
    assertThat(p.namespaceResourceWhitelist()).as("not written: allows every kind").isNull();
    assertThat(p.namespaceResourceBlacklist()).containsExactly(ResourceRule.of("",
        "ResourceQuota"));
    assertThat(p.orphanedResources().isWarn()).isFalse();
    assertThat(p.orphanedResources().warn()).isFalse();
    assertThat(p.orphanedResources().ignore()).containsExactly(new ResourceRule("",
        "ConfigMap", "kube-root-ca.crt"));
    assertThat(p.sourceNamespaces()).containsExactly("team-apps");
    assertThat(p.syncWindows()).hasSize(2);
    SyncWindow deny = p.syncWindows().get(1);
    assertThat(deny.kind()).isEqualTo(SyncWindow.Kind.DENY);
    assertThat(deny.schedule()).isEqualTo("0 22 * * FRI");
    assertThat(deny.parsedDuration().toHours()).isEqualTo(60);
    assertThat(deny.zone().getId()).isEqualTo("Europe/Berlin");
    assertThat(deny.andOperator()).isTrue();
    assertThat(deny.syncOverrun()).isTrue();
    assertThat(deny.description()).isEqualTo("no weekend deployments");
    assertThat(p.syncWindows().get(0).manualSync()).isTrue();
    assertThat(p.roles()).isNotNull();
    assertThat(p.signatureKeys()).isNotNull();
    assertThat(AppProjectYaml.read(AppProjectYaml.write(p), "again.yaml").single())
        .isEqualTo(p);
  }

  @Test
  void questionableRules_areWarnings() {
    ReadResult<AppProject> r = AppProjectYaml.read(fixture("questionable-project.yaml"),
        "q.yaml");
    assertThat(r.warnings()).extracting(w -> w.field() + ": " + w.message()).containsExactly(
        "spec.sourceRepos[0]: '!*' is not a valid source repository pattern",
        "spec.sourceRepos[1]: malformed glob; it matches nothing",
        "spec.clusterResourceWhitelist[0].group: malformed pattern; it matches nothing",
        "spec.namespaceResourceWhitelist: an explicitly empty list allows no namespaced"
            + " resource at all",
        "spec.syncWindows[0].schedule: Argo CD does not accept descriptors such as @daily in"
            + " sync windows",
        "spec.syncWindows[0].timeZone: unknown time zone; UTC is used",
        "spec.syncWindows[0]: a window without applications, namespaces or clusters applies to"
            + " nothing",
        "spec.syncWindows[1].schedule: never fires; Argo CD treats such a window as always"
            + " active",
        "spec.destinationz: unknown field (ignored)");
    assertThat(r.warnings()).filteredOn(w -> w.field().equals("spec.destinationz"))
        .extracting(ReadWarning::location).singleElement()
        .satisfies(l -> assertThat(l.line()).isEqualTo(22));
    assertThat(r.single().namespaceResourceWhitelist()).isEmpty();
  }

  @Test
  void invalidWindows_areErrors() {
    String kind = """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: p}
        spec:
          syncWindows:
          - kind: block
            schedule: '0 22 * * *'
            duration: 1h
        """;
    assertThatThrownBy(() -> AppProjectYaml.read(kind, "p.yaml"))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.field()).contains("spec.syncWindows[0].kind");
          assertThat(e.location().line()).isEqualTo(6);
          assertThat(e.problem()).isEqualTo("must be allow or deny");
        });
    String schedule = kind.replace("block", "deny").replace("'0 22 * * *'", "'0 25 * * *'");
    assertThatThrownBy(() -> AppProjectYaml.read(schedule, "p.yaml"))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.field()).contains("spec.syncWindows[0].schedule");
          assertThat(e.problem()).contains("above maximum");
        });
    String duration = kind.replace("block", "deny").replace("1h", "1 hour");
    assertThatThrownBy(() -> AppProjectYaml.read(duration, "p.yaml"))
        .isInstanceOfSatisfying(LoadException.class,
            e -> assertThat(e.problem()).contains("cannot parse duration"));
    String type = """
        apiVersion: argoproj.io/v1alpha1
        kind: AppProject
        metadata: {name: p}
        spec:
          sourceRepos: https://github.com/team/*
        """;
    assertThatThrownBy(() -> AppProjectYaml.read(type, "p.yaml"))
        .isInstanceOfSatisfying(LoadException.class, e -> {
          assertThat(e.field()).contains("spec.sourceRepos");
          assertThat(e.problem()).isEqualTo("must be a list of strings, not a string");
        });
  }

  @Test
  void defaultProject_roundTrips() {
    AppProject d = AppProject.defaultProject("argocd");
    String yaml = AppProjectYaml.write(d);
    assertThat(yaml).contains("sourceRepos:\n  - \"*\"");
    assertThat(AppProjectYaml.read(yaml, "d.yaml").single()).isEqualTo(d);
  }

  private static Gen<AppProject> projects() {
    Gen<String> s = AppGen.strings();
    return in -> {
      AppProject.Builder b = AppProject.builder("p" + in.next(Constraint.between(0, 9)));
      b.metadata(AppMetadata.of("p" + s.generate(in), s.generate(in)));
      b.description(s.generate(in));
      for (long i = in.next(Constraint.between(0, 3)); i > 0; i--) {
        b.sourceRepo(s.generate(in));
        b.destination(new ApplicationDestination(s.generate(in), s.generate(in),
            s.generate(in)));
        b.clusterResourceWhitelist(new ResourceRule(s.generate(in), s.generate(in),
            s.generate(in)));
        b.namespaceResourceBlacklist(ResourceRule.of(s.generate(in), s.generate(in)));
        b.sourceNamespace(s.generate(in));
        b.syncWindow(SyncWindow.of(in.next(Constraint.between(0, 1)) == 0
            ? SyncWindow.Kind.ALLOW : SyncWindow.Kind.DENY,
            in.next(Constraint.between(0, 59)) + " */2 * * MON-FRI",
            in.next(Constraint.between(1, 90)) + "m")
            .withApplications(List.of(s.generate(in)))
            .withManualSync(in.next(Constraint.between(0, 1)) == 1)
            .withTimeZone(in.next(Constraint.between(0, 1)) == 1 ? "Asia/Tokyo" : "")
            .withDescription(s.generate(in)));
      }
      long wl = in.next(Constraint.between(0, 2));
      if (wl > 0) {
        List<ResourceRule> rules = new ArrayList<>();
        for (long i = wl - 1; i > 0; i--) {
          rules.add(ResourceRule.of(s.generate(in), s.generate(in)));
        }
        b.namespaceResourceWhitelist(rules);
      }
      if (in.next(Constraint.between(0, 1)) == 1) {
        b.orphanedResources(new OrphanedResources(in.next(Constraint.between(0, 1)) == 1
            ? null : Boolean.TRUE, List.of(new ResourceRule("", s.generate(in), ""))));
      }
      b.permitOnlyProjectScopedClusters(in.next(Constraint.between(0, 1)) == 1);
      return b.build();
    };
  }

  @Test
  void readOfWrite_givesBackAnEqualProject() {
    qt().withExamples(200).forAll(projects()).checkAssert(p -> {
      String yaml = AppProjectYaml.write(p);
      assertThat(AppProjectYaml.read(yaml, "gen.yaml").single()).as(yaml).isEqualTo(p);
      assertThat(AppProjectYaml.write(AppProjectYaml.fromJson(AppProjectYaml.toJson(p), "gen")
          .single())).isEqualTo(yaml);
    });
  }
}
