package io.gitopskit.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitopskit.core.app.Application;
import io.gitopskit.core.app.ApplicationDestination;
import io.gitopskit.core.app.ApplicationSource;
import io.gitopskit.core.model.GroupKind;
import io.gitopskit.core.project.Decision.Check;
import io.gitopskit.core.project.Decision.Refused;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectPolicyTest {

  private static final ApplicationDestination PROD =
      ApplicationDestination.ofServer("https://prod.example.com", "shop");

  private static Decision source(String url, String... patterns) {
    AppProject.Builder b = AppProject.builder("p");
    for (String p : patterns) {
      b.sourceRepo(p);
    }
    return ProjectPolicy.of(b.build()).evaluateSource(url);
  }

  private static ProjectPolicy destinations(ApplicationDestination... entries) {
    AppProject.Builder b = AppProject.builder("p");
    for (ApplicationDestination d : entries) {
      b.destination(d);
    }
    return ProjectPolicy.of(b.build());
  }

  private static ApplicationDestination dest(String server, String name, String namespace) {
    return new ApplicationDestination(server, name, namespace);
  }

  private static Refused refused(Decision d) {
    assertThat(d).isInstanceOf(Refused.class);
    return (Refused) d;
  }

  // ------------------------------------------------------------------ sourceRepos

  @Test
  void sources_starAloneMatchesEveryUrl() {
    assertThat(source("https://github.com/org/repo.git", "*").isAllowed()).isTrue();
    assertThat(source("git@github.com:org/repo.git", "*").isAllowed()).isTrue();
  }

  @Test
  void sources_starStaysInOneSegment_doubleStarCrosses() {
    assertThat(source("https://github.com/org/repo", "https://github.com/*").isAllowed())
        .as("the pitfall: * does not cross /").isFalse();
    assertThat(source("https://github.com/org/repo", "https://github.com/*/*").isAllowed())
        .isTrue();
    assertThat(source("https://github.com/org/repo", "https://github.com/**").isAllowed())
        .isTrue();
    assertThat(source("https://github.com/org/sub/repo", "https://github.com/org/*")
        .isAllowed()).isFalse();
  }

  @Test
  void sources_areNormalised_caseGitSuffixAndScpSsh() {
    assertThat(source("https://GitHub.com/Org/Repo.git", "https://github.com/org/repo")
        .isAllowed()).isTrue();
    assertThat(source("git@github.com:org/repo.git", "git@github.com:org/*").isAllowed())
        .isTrue();
    assertThat(source("ssh://git@github.com/org/repo", "git@github.com:org/repo.git")
        .isAllowed()).isTrue();
    assertThat(source("  https://github.com/org/repo  ", "https://github.com/org/repo")
        .isAllowed()).isTrue();
  }

  @Test
  void sources_negationExcludes_andNamesTheRule() {
    Refused r = refused(source("https://github.com/org/secret", "https://github.com/org/*",
        "!https://github.com/org/secret"));
    assertThat(r.check()).isEqualTo(Check.SOURCE_REPOSITORY);
    assertThat(r.rule()).isEqualTo("spec.sourceRepos[1]");
    assertThat(r.message()).contains("'!https://github.com/org/secret'");
    assertThat(source("https://github.com/org/app", "https://github.com/org/*",
        "!https://github.com/org/secret").isAllowed()).isTrue();
  }

  @Test
  void sources_negationAlonePermitsEveryOtherRepo() {
    assertThat(source("https://gitlab.com/anything/else", "!https://github.com/foo/bar")
        .isAllowed()).as("a non-excluding ! pattern counts as a match").isTrue();
    assertThat(source("https://github.com/foo/bar", "!https://github.com/foo/bar")
        .isAllowed()).isFalse();
  }

  @Test
  void sources_nothingMatches_refusesWithTheList() {
    Refused r = refused(source("https://github.com/other/repo", "https://github.com/org/*"));
    assertThat(r.rule()).isEqualTo("spec.sourceRepos");
    assertThat(r.message()).contains("is not permitted in project 'p'");
    assertThat(source("https://github.com/org/repo").isAllowed()).as("no patterns").isFalse();
    assertThat(source("https://github.com/org/repo", "https://github.com/[org").isAllowed())
        .as("a malformed pattern matches nothing").isFalse();
  }

  // ------------------------------------------------------------------ destinations

  @Test
  void destinations_serverOrNameAndNamespace() {
    ProjectPolicy p = destinations(dest("https://prod.*", "", "shop"),
        dest("", "dev-*", "*"));
    assertThat(p.evaluateDestination(PROD).isAllowed()).isTrue();
    assertThat(p.evaluateDestination(dest("https://prod.example.com", "", "other"))
        .isAllowed()).isFalse();
    assertThat(p.evaluateDestination(ApplicationDestination.ofName("dev-1", "x")).isAllowed())
        .isTrue();
    assertThat(p.evaluateDestination(ApplicationDestination.ofName("prod", "shop"))
        .isAllowed()).as("name only compared with name patterns").isFalse();
    Refused r = refused(p.evaluateDestination(dest("https://stage.example.com", "", "shop")));
    assertThat(r.rule()).isEqualTo("spec.destinations");
    assertThat(r.message()).contains("do not match any of the allowed destinations");
  }

  @Test
  void destinations_globsHaveNoSeparator() {
    ProjectPolicy p = destinations(dest("https://*", "", "*"));
    assertThat(p.evaluateDestination(dest("https://a.b/c/d", "", "x")).isAllowed()).isTrue();
  }

  @Test
  void destinations_deniedNamespace_refusesWhenTheServerMatched() {
    ProjectPolicy p = destinations(dest("*", "", "*"), dest("https://prod.example.com", "",
        "!kube-system"));
    assertThat(p.evaluateDestination(PROD).isAllowed()).isTrue();
    Refused r = refused(p.evaluateDestination(dest("https://prod.example.com", "",
        "kube-system")));
    assertThat(r.rule()).isEqualTo("spec.destinations[1]");
    assertThat(r.message()).contains("namespace '!kube-system'");
    assertThat(p.evaluateDestination(dest("https://dev.example.com", "", "kube-system"))
        .isAllowed()).as("the negation only bites where its server matched").isTrue();
  }

  @Test
  void destinations_deniedServer_refusesWhenTheNamespaceMatched() {
    ProjectPolicy p = destinations(dest("*", "", "*"), dest("!https://prod.example.com", "",
        "shop"));
    assertThat(refused(p.evaluateDestination(PROD)).rule()).isEqualTo("spec.destinations[1]");
    assertThat(p.evaluateDestination(dest("https://prod.example.com", "", "other"))
        .isAllowed()).isTrue();
  }

  @Test
  void destinations_deniedName_refusesOutright_evenForADestinationWithoutName() {
    ProjectPolicy p = destinations(dest("*", "*", "*"), dest("", "!prod", "*"));
    assertThat(refused(p.evaluateDestination(ApplicationDestination.ofName("prod", "x")))
        .rule()).isEqualTo("spec.destinations[1]");
    assertThat(p.evaluateDestination(ApplicationDestination.ofName("dev", "x")).isAllowed())
        .isTrue();
    assertThat(p.evaluateDestination(PROD).isAllowed())
        .as("Argo CD compares resolved clusters; without one the name is empty").isFalse();
  }

  @Test
  void destinations_knownClusters_resolveNameAndServer() {
    AppProject project = AppProject.builder("p")
        .destination(dest("", "!prod", "*")).destination(dest("*", "", "*")).build();
    ProjectPolicy policy = ProjectPolicy.builder(project).clusters(List.of(
        new ProjectCluster("prod", "https://prod.example.com", ""),
        new ProjectCluster("dev", "https://dev.example.com", ""))).build();
    assertThat(refused(policy.evaluateDestination(PROD)).rule())
        .as("the server resolves to the cluster named prod").isEqualTo("spec.destinations[0]");
    assertThat(policy.evaluateDestination(dest("https://dev.example.com", "", "x"))
        .isAllowed()).isTrue();
    Refused unknown = refused(policy.evaluateDestination(dest("https://gone.example.com", "",
        "x")));
    assertThat(unknown.rule()).isEqualTo("spec.destination");
    assertThat(unknown.message()).contains("there are no clusters with this URL");
  }

  @Test
  void destinations_permitOnlyProjectScopedClusters() {
    AppProject project = AppProject.builder("p").destination(dest("*", "", "*"))
        .permitOnlyProjectScopedClusters(true).build();
    ProjectPolicy policy = ProjectPolicy.builder(project).clusters(List.of(
        new ProjectCluster("mine", "https://mine.example.com", "p"),
        new ProjectCluster("global", "https://prod.example.com", ""))).build();
    assertThat(policy.evaluateDestination(dest("https://mine.example.com", "", "x"))
        .isAllowed()).isTrue();
    assertThat(refused(policy.evaluateDestination(PROD)).rule())
        .isEqualTo("spec.permitOnlyProjectScopedClusters");
    assertThat(ProjectPolicy.of(project).evaluateDestination(PROD).isAllowed())
        .as("without cluster knowledge nothing can be proven project-scoped").isFalse();
  }

  // ------------------------------------------------------------------ resources

  @Test
  void namespacedKinds_absentWhitelistAllowsAll_emptyWhitelistAllowsNothing() {
    AppProject open = AppProject.builder("p").destination(dest("*", "", "*")).build();
    GroupKind deploy = new GroupKind("apps", "Deployment");
    assertThat(ProjectPolicy.of(open).evaluateResource(deploy, "web", true, "shop", PROD)
        .isAllowed()).isTrue();
    AppProject closed = open.toBuilder().namespaceResourceWhitelist(List.of()).build();
    Refused r = refused(ProjectPolicy.of(closed).evaluateResource(deploy, "web", true, "shop",
        PROD));
    assertThat(r.check()).isEqualTo(Check.NAMESPACED_RESOURCE);
    assertThat(r.rule()).isEqualTo("spec.namespaceResourceWhitelist");
    assertThat(r.message()).contains("empty");
    AppProject listed = open.toBuilder().namespaceResourceWhitelist(List.of(
        ResourceRule.of("apps", "*"))).build();
    assertThat(ProjectPolicy.of(listed).evaluateResource(deploy, "web", true, "shop", PROD)
        .isAllowed()).isTrue();
    assertThat(ProjectPolicy.of(listed).evaluateResource(new GroupKind("", "Secret"), "s",
        true, "shop", PROD).isAllowed()).isFalse();
  }

  @Test
  void namespacedKinds_blacklistAlwaysRemoves() {
    AppProject p = AppProject.builder("p").destination(dest("*", "", "*"))
        .namespaceResourceWhitelist(List.of(ResourceRule.of("*", "*")))
        .namespaceResourceBlacklist(ResourceRule.of("", "ResourceQuota"))
        .namespaceResourceBlacklist(ResourceRule.of("", "Limit*")).build();
    Refused r = refused(ProjectPolicy.of(p).evaluateResource(new GroupKind("", "LimitRange"),
        "l", true, "shop", PROD));
    assertThat(r.rule()).isEqualTo("spec.namespaceResourceBlacklist[1]");
    assertThat(ProjectPolicy.of(p).evaluateResource(new GroupKind("", "ConfigMap"), "c", true,
        "shop", PROD).isAllowed()).isTrue();
  }

  @Test
  void namespacedResources_mustAlsoPassTheDestinationForTheirNamespace() {
    AppProject p = AppProject.builder("p").destination(dest("*", "", "shop")).build();
    Refused r = refused(ProjectPolicy.of(p).evaluateResource(new GroupKind("", "ConfigMap"),
        "c", true, "kube-system", PROD));
    assertThat(r.check()).isEqualTo(Check.DESTINATION);
    assertThat(r.rule()).isEqualTo("spec.destinations");
  }

  @Test
  void clusterKinds_areDefaultDeny_andNamesMatchWhenGiven() {
    GroupKind ns = new GroupKind("", "Namespace");
    AppProject none = AppProject.builder("p").destination(dest("*", "", "*")).build();
    Refused r = refused(ProjectPolicy.of(none).evaluateResource(ns, "shop", false, "", PROD));
    assertThat(r.check()).isEqualTo(Check.CLUSTER_RESOURCE);
    assertThat(r.rule()).isEqualTo("spec.clusterResourceWhitelist");

    AppProject named = none.toBuilder()
        .clusterResourceWhitelist(new ResourceRule("", "Namespace", "team-*"))
        .clusterResourceWhitelist(ResourceRule.of("rbac.authorization.k8s.io", "ClusterRole"))
        .clusterResourceBlacklist(new ResourceRule("", "Namespace", "team-admin")).build();
    ProjectPolicy policy = ProjectPolicy.of(named);
    assertThat(policy.evaluateResource(ns, "team-a", false, "", PROD).isAllowed()).isTrue();
    assertThat(policy.evaluateResource(ns, "shop", false, "", PROD).isAllowed()).isFalse();
    assertThat(refused(policy.evaluateResource(ns, "team-admin", false, "", PROD)).rule())
        .isEqualTo("spec.clusterResourceBlacklist[0]");
    assertThat(policy.evaluateResource(new GroupKind("rbac.authorization.k8s.io",
        "ClusterRole"), "any", false, "", PROD).isAllowed()).as("empty name matches all")
        .isTrue();
    assertThat(ProjectPolicy.of(AppProject.defaultProject("argocd")).evaluateResource(ns, "x",
        false, "", PROD).isAllowed()).isTrue();
  }

  @Test
  void resourcePatterns_useFilepathMatch() {
    AppProject p = AppProject.builder("p").destination(dest("*", "", "*"))
        .clusterResourceWhitelist(ResourceRule.of("*.k8s.io", "Cluster?ole"))
        .clusterResourceWhitelist(ResourceRule.of("[a-c]*", "[^X]*")).build();
    ProjectPolicy policy = ProjectPolicy.of(p);
    assertThat(policy.evaluateResource(new GroupKind("rbac.authorization.k8s.io",
        "ClusterRole"), "r", false, "", PROD).isAllowed()).isTrue();
    assertThat(policy.evaluateResource(new GroupKind("apiextensions.k8s.io",
        "CustomResourceDefinition"), "r", false, "", PROD).isAllowed()).isTrue();
    assertThat(policy.evaluateResource(new GroupKind("cert-manager.io", "Xissuer"), "r", false,
        "", PROD).isAllowed()).isFalse();
    assertThat(policy.evaluateResource(new GroupKind("", "ClusterRole"), "r", false, "", PROD)
        .isAllowed()).as("'*.k8s.io' does not match the core group").isFalse();
  }

  // ------------------------------------------------------------------ whole application

  private static Application app(String project, String namespace, String... repos) {
    Application.Builder b = Application.builder("web").namespace(namespace).project(project)
        .destination(PROD);
    for (String r : repos) {
      b.addSource(ApplicationSource.git(r, "", ""));
    }
    return b.build();
  }

  @Test
  void application_projectMismatchIsRefusedFirst() {
    AppProject p = AppProject.defaultProject("argocd");
    assertThat(ProjectPolicy.of(p).evaluate(app("", "argocd", "https://x/y")).isAllowed())
        .as("an empty project means default").isTrue();
    Refused r = refused(ProjectPolicy.of(p).evaluate(app("other", "argocd", "https://x/y")));
    assertThat(r.check()).isEqualTo(Check.PROJECT);
    assertThat(r.rule()).isEqualTo("spec.project");
  }

  @Test
  void application_everySourceIsChecked_includingRefSources() {
    AppProject p = AppProject.builder("team").sourceRepo("https://github.com/team/*")
        .destination(dest("*", "", "*")).build();
    assertThat(ProjectPolicy.of(p).evaluate(app("team", "argocd", "https://github.com/team/a",
        "https://github.com/team/b")).isAllowed()).isTrue();
    Refused r = refused(ProjectPolicy.of(p).evaluate(app("team", "argocd",
        "https://github.com/team/a", "https://github.com/evil/values")));
    assertThat(r.check()).isEqualTo(Check.SOURCE_REPOSITORY);
    assertThat(r.message()).contains("https://github.com/evil/values");
  }

  @Test
  void application_sourceNamespaces() {
    AppProject p = AppProject.builder("team").sourceRepo("*").destination(dest("*", "", "*"))
        .sourceNamespace("team-*").sourceNamespace("/^ci-[0-9]+$/")
        .sourceNamespace("/sandbox/").build();
    ProjectPolicy policy = ProjectPolicy.of(p);
    assertThat(policy.evaluate(app("team", "argocd", "https://x/y")).isAllowed())
        .as("the control-plane namespace is always allowed").isTrue();
    assertThat(policy.evaluate(app("team", "", "https://x/y")).isAllowed()).isTrue();
    assertThat(policy.evaluate(app("team", "team-a", "https://x/y")).isAllowed()).isTrue();
    assertThat(policy.evaluate(app("team", "ci-42", "https://x/y")).isAllowed()).isTrue();
    assertThat(policy.evaluate(app("team", "my-sandbox-ns", "https://x/y")).isAllowed())
        .as("a /regex/ matches anywhere in the name, as Go's MatchString").isTrue();
    Refused r = refused(policy.evaluate(app("team", "payments", "https://x/y")));
    assertThat(r.check()).isEqualTo(Check.SOURCE_NAMESPACE);
    assertThat(r.rule()).isEqualTo("spec.sourceNamespaces");
    assertThat(ProjectPolicy.builder(p).controlPlaneNamespace("gitops").build()
        .evaluate(app("team", "argocd", "https://x/y")).isAllowed()).isFalse();
  }

  @Test
  void application_destinationRefusalComesLast() {
    AppProject p = AppProject.builder("team").sourceRepo("*")
        .destination(dest("https://dev.example.com", "", "*")).build();
    Refused r = refused(ProjectPolicy.of(p).evaluate(app("team", "argocd", "https://x/y")));
    assertThat(r.check()).isEqualTo(Check.DESTINATION);
    assertThat(r.toString()).startsWith("spec.destinations: application destination server"
        + " 'https://prod.example.com' and namespace 'shop'");
  }
}
