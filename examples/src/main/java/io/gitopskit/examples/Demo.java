package io.gitopskit.examples;

import io.gitopskit.core.GitOpsException;
import io.gitopskit.core.app.Application;
import io.gitopskit.core.app.ApplicationDestination;
import io.gitopskit.core.app.ApplicationYaml;
import io.gitopskit.core.appset.ApplicationSet;
import io.gitopskit.core.appset.ApplicationSetReader;
import io.gitopskit.core.appset.ApplicationSetReconciler;
import io.gitopskit.core.appset.GeneratedApplication;
import io.gitopskit.core.appset.ReconcileOptions;
import io.gitopskit.core.appset.ReconcilePlan;
import io.gitopskit.core.appset.rollout.RollingSyncPlanner;
import io.gitopskit.core.appset.rollout.RolloutApp;
import io.gitopskit.core.appset.rollout.RolloutDecision;
import io.gitopskit.core.appset.rollout.RolloutStep;
import io.gitopskit.core.cluster.LabelSelector;
import io.gitopskit.core.diff.DiffMethod;
import io.gitopskit.core.diff.DiffResult;
import io.gitopskit.core.health.ApplicationHealth;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonPointer;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.model.GroupVersionKind;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ResourceKey;
import io.gitopskit.core.project.AppProject;
import io.gitopskit.core.project.AppProjectYaml;
import io.gitopskit.core.project.Decision;
import io.gitopskit.core.project.ProjectPolicy;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.SourceRef;
import io.gitopskit.core.sync.OperationPhase;
import io.gitopskit.core.sync.OperationState;
import io.gitopskit.core.sync.ResourceResult;
import io.gitopskit.core.sync.SyncExecutor;
import io.gitopskit.core.sync.SyncPlan;
import io.gitopskit.core.sync.SyncStep;
import io.gitopskit.git.CommitRequest;
import io.gitopskit.git.CommitResult;
import io.gitopskit.git.FileChange;
import io.gitopskit.git.GitIdentity;
import io.gitopskit.git.GitSource;
import io.gitopskit.git.GitWriter;
import io.gitopskit.git.changes.ManifestGeneratePaths;
import io.gitopskit.git.changes.WatchedApp;
import io.gitopskit.testkit.SimulatedCluster;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The GitOpsKit demo: the whole GitOps flow end to end, on the embedded defaults — a local Git
 * repository and the simulated cluster of gitops-testkit.
 *
 * <ol>
 *   <li>A Git repository is created from {@code demo/repo}: {@code envs/dev}, {@code
 *       envs/staging}, {@code envs/prod} (Namespace, ConfigMap, Deployment, Service; sync
 *       waves; a PreSync Job in prod), an AppProject and an ApplicationSet.
 *   <li>The ApplicationSet's git directories generator makes one Application per environment;
 *       each is checked against the project, and a hand-written Application aiming at {@code
 *       kube-system} is refused.
 *   <li>Progressive sync (RollingSync dev → staging → prod): per application, resolve through
 *       {@link GitSource} (pinned commit), render, diff, plan, execute, assess health.
 *   <li>Promotion: {@link GitWriter} bumps the image in {@code envs/staging}; change detection
 *       finds only {@code shop-staging} affected; only it is synced.
 *   <li>Drift: a {@code kubectl edit} of prod's Deployment is found and healed.
 *   <li>Rollback: the promotion commit is reverted and staging synced back.
 * </ol>
 *
 * <p>The output is deterministic: commits have fixed authors and dates, the cluster runs on a
 * manual clock. Run it with {@code ./mvnw -B -q -Pdemo -DskipTests -pl examples -am verify}.
 */
public final class Demo {

  private static final GroupVersionKind DEPLOYMENT = new GroupVersionKind("apps", "v1",
      "Deployment");
  private static final GitIdentity BOT = new GitIdentity("shop-release-bot",
      "release-bot@example.com");

  private Demo() {}

  /**
   * One application at the end of the demo.
   *
   * @param name the application
   * @param env its {@code env} label
   * @param revision the commit it is synced to
   * @param synced whether it is Synced
   * @param health its health code, e.g. {@code Healthy}
   * @param image the image of its live Deployment
   * @param replicas the replicas of its live Deployment
   */
  public record AppState(String name, String env, String revision, boolean synced,
      String health, String image, long replicas) {}

  /**
   * What the demo did, for tests and callers.
   *
   * @param apps every generated application at the end, by name
   * @param refused the applications the project refused
   * @param rolloutOrder the applications in the order the rollout synced them
   * @param promotionChangedPaths the files the promotion commit changed
   * @param promotionAffectedApps the applications change detection found affected
   * @param promotionTouchedNamespaces the namespaces of live objects the promotion changed
   * @param stagingImageAfterPromotion staging's image after the promotion sync
   * @param driftedReplicas prod's replicas after the manual edit
   * @param healedReplicas prod's replicas after the self-heal sync
   * @param rollbackAffectedApps the applications the revert affected
   */
  public record Outcome(List<AppState> apps, List<String> refused, List<String> rolloutOrder,
      List<String> promotionChangedPaths, List<String> promotionAffectedApps,
      Set<String> promotionTouchedNamespaces, String stagingImageAfterPromotion,
      long driftedReplicas, long healedReplicas, List<String> rollbackAffectedApps) {

    /** Copies the collections. */
    public Outcome {
      apps = List.copyOf(apps);
      refused = List.copyOf(refused);
      rolloutOrder = List.copyOf(rolloutOrder);
      promotionChangedPaths = List.copyOf(promotionChangedPaths);
      promotionAffectedApps = List.copyOf(promotionAffectedApps);
      promotionTouchedNamespaces = Collections.unmodifiableSet(
          new TreeSet<>(promotionTouchedNamespaces));
      rollbackAffectedApps = List.copyOf(rollbackAffectedApps);
    }
  }

  /**
   * Entry point.
   *
   * @param args the directory holding the demo repository's files (default {@code demo/repo})
   */
  public static void main(String[] args) {
    Path content = Path.of(args.length > 0 ? args[0] : "demo/repo");
    Path work = null;
    int status = 0;
    try {
      work = Files.createTempDirectory("gitopskit-demo");
      run(content, work, System.out);
    } catch (GitOpsException | IllegalStateException | IllegalArgumentException | IOException
        | UncheckedIOException e) {
      System.err.println("demo failed: " + e.getMessage());
      status = 1;
    } finally {
      if (work != null) {
        deleteRecursively(work);
      }
    }
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the demo.
   *
   * @param content the files of the demo repository ({@code demo/repo})
   * @param workDir an empty directory for the repositories and caches
   * @param out where to print
   * @return what happened
   * @throws IllegalStateException when a step does not end as it should (a failed sync, an
   *     application not Synced and Healthy)
   */
  public static Outcome run(Path content, Path workDir, PrintStream out) {
    DemoRepo repo = DemoRepo.create(content, workDir);
    SimulatedCluster cluster = SimulatedCluster.create();
    try (GitSource git = GitSource.builder().cacheDirectory(workDir.resolve("cache")).build();
        GitWriter writer = GitWriter.builder().workDirectory(workDir.resolve("writer"))
            .clock(cluster.clock()).build()) {
      return new Story(out, repo, git, writer, cluster).play();
    }
  }

  /** The demo's state and its six chapters. */
  private static final class Story {
    private final PrintStream out;
    private final DemoRepo repo;
    private final GitSource git;
    private final GitWriter writer;
    private final SimulatedCluster cluster;
    private final AppController controller;
    private final Map<String, Application> apps = new LinkedHashMap<>();
    private final Map<String, String> syncedRevision = new TreeMap<>();
    private final List<String> rolloutOrder = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private @Nullable ProjectPolicy policy;   // read from Git in chapter 2
    private List<RolloutStep> steps = List.of();

    Story(PrintStream out, DemoRepo repo, GitSource git, GitWriter writer,
        SimulatedCluster cluster) {
      this.out = out;
      this.repo = repo;
      this.git = git;
      this.writer = writer;
      this.cluster = cluster;
      this.controller = new AppController(git, repo, cluster);
    }

    Outcome play() {
      line("GitOpsKit demo: Git -> ApplicationSet -> progressive sync -> promotion -> drift"
          + " -> rollback");
      line("(a local Git repository serves %s; the cluster is gitops-testkit's"
          + " SimulatedCluster)", DemoRepo.URL);
      repository();
      applications();
      rollout();
      Promotion promotion = promote();
      long[] drift = drift();
      List<String> rollbackAffected = rollback(promotion.commit());
      List<AppState> states = summary();
      return new Outcome(states, List.copyOf(refused), List.copyOf(rolloutOrder),
          promotion.changed(), promotion.affected(), promotion.namespaces(),
          promotion.image(), drift[0], drift[1], rollbackAffected);
    }

    // ------------------------------------------------------------------ 1. repository

    private void repository() {
      chapter("1. Git repository");
      line("   %s  %s \"%s\"  (%d files)", DemoRepo.BRANCH, shortSha(repo.initial().sha()),
          repo.initial().subject(), repo.files());
      FileTree tree = git.resolve(new SourceRef(repo.localUrl(), "", DemoRepo.BRANCH))
          .files();
      Map<String, List<String>> byDir = new TreeMap<>();
      for (String p : tree.paths()) {
        int slash = p.lastIndexOf('/');
        byDir.computeIfAbsent(slash < 0 ? "." : p.substring(0, slash), k -> new ArrayList<>())
            .add(p.substring(slash + 1));
      }
      byDir.forEach((dir, files) -> line("   %-14s %s", dir + "/", String.join(" ", files)));
    }

    // ------------------------------------------------------------------ 2. applications

    private void applications() {
      chapter("2. Applications");
      FileTree argocd = git.resolve(new SourceRef(repo.localUrl(), "argocd", DemoRepo.BRANCH))
          .files();
      AppProject project = AppProjectYaml.read(text(argocd, "project.yaml"),
          "argocd/project.yaml").single();
      ProjectPolicy rules = ProjectPolicy.builder(project).clock(cluster.clock()).build();
      policy = rules;
      line("   AppProject %s: repos %s, destinations %s", project.name(),
          project.sourceRepos(), project.destinations().stream()
              .map(ApplicationDestination::namespace).toList());

      ApplicationSet set = ApplicationSetReader.defaults()
          .read(text(argocd, "applicationset.yaml"), "argocd/applicationset.yaml")
          .single();
      steps = set.strategy().steps();
      ReconcilePlan plan = ApplicationSetReconciler.reconcile(set,
          set.generatorContext().source(repo.source(git)).build(), List.of(),
          ReconcileOptions.defaults());
      if (plan.failure().isPresent()) {
        throw new IllegalStateException("ApplicationSet " + set.name() + ": "
            + plan.failure().get());
      }
      line("   ApplicationSet %s: git directories envs/* -> %d applications, %s %s",
          set.name(), plan.creates().size(), set.strategy().isRollingSync() ? "RollingSync"
              : "AllAtOnce", steps.stream().map(Story::describe)
              .collect(Collectors.joining(" -> ")));
      for (GeneratedApplication g : plan.creates()) {
        Application app = g.application();
        Decision d = rules.evaluate(app);
        line("     %-13s env=%-8s path %-13s -> %-13s %s", app.name(),
            app.metadata().labels().getOrDefault("env", ""), app.sources().get(0).path(),
            app.destination().namespace(), d.isAllowed() ? "allowed" : "REFUSED " + d);
        if (d.isAllowed()) {
          apps.put(app.name(), app);
        } else {
          refused.add(app.name());
        }
      }
      Application debug = ApplicationYaml.read(text(argocd, "debug-tools.yaml"),
          "argocd/debug-tools.yaml").single();
      Decision d = rules.evaluate(debug);
      line("   Application %s (argocd/debug-tools.yaml) -> %s: %s", debug.name(),
          debug.destination().namespace(), d.isAllowed() ? "allowed" : "REFUSED by " + d);
      if (!d.isAllowed()) {
        refused.add(debug.name());
      }
    }

    // ------------------------------------------------------------------ 3. rollout

    private void rollout() {
      chapter("3. Progressive sync (RollingSync)");
      for (int round = 1; ; round++) {
        List<RolloutApp> states = new ArrayList<>();
        for (Application app : apps.values()) {
          AppController.Comparison c = controller.compare(app);
          states.add(new RolloutApp(app.name(), app.metadata().labels(), c.synced(),
              c.healthy(), syncedRevision.getOrDefault(app.name(), ""), c.revision(), false));
        }
        RolloutDecision decision = RollingSyncPlanner.plan(steps, states);
        if (!decision.invalid().isEmpty()) {
          throw new IllegalStateException("rollout: " + decision.invalid());
        }
        if (decision.syncNow().isEmpty()) {
          line("   rollout done: every application Synced and Healthy at its target revision");
          return;
        }
        if (round > steps.size() + 1) {
          throw new IllegalStateException("rollout does not converge: " + decision);
        }
        int step = decision.currentStep();
        List<String> waiting = decision.statuses().entrySet().stream()
            .filter(e -> e.getValue().state() == RolloutDecision.State.WAITING)
            .map(Map.Entry::getKey).toList();
        line("   step %d/%d (%s): sync %s%s", step, steps.size(),
            describe(steps.get(step - 1)), String.join(", ", decision.syncNow()),
            waiting.isEmpty() ? "" : "; waiting: " + String.join(", ", waiting));
        for (String name : decision.syncNow()) {
          sync(apps.get(name), "rollout");
          rolloutOrder.add(name);
        }
      }
    }

    // ------------------------------------------------------------------ 4. promotion

    private record Promotion(String commit, List<String> changed, List<String> affected,
        Set<String> namespaces, String image) {}

    private Promotion promote() {
      chapter("4. Promotion: staging gets shop-web 1.5.0");
      String before = git.resolveRevision(repo.localUrl(), DemoRepo.BRANCH).commit();
      CommitResult commit = writer.commit(new CommitRequest(repo.localUrl(), DemoRepo.BRANCH,
          List.of(FileChange.edit("envs/staging/deployment.yaml",
              t -> t.replace("shop-web:1.4.0", "shop-web:1.5.0"))),
          "staging: shop-web 1.5.0", BOT, BOT));
      line("   GitWriter: commit %s \"staging: shop-web 1.5.0\" on %s (parent %s), pushed",
          shortSha(commit.commit()), commit.branch(), shortSha(commit.parent()));
      Changes changes = detectChanges(before, commit.commit());

      Map<ResourceKey, String> snapshot = versions();
      for (String name : changes.affected()) {
        AppController.Comparison c = controller.compare(apps.get(name));
        ResourceKey web = c.resources().asList().stream()
            .filter(m -> m.kind().equals("Deployment")).findFirst().orElseThrow().key();
        line("   %s is %s; diff of %s:", name, c.synced() ? "Synced" : "OutOfSync", web);
        diffText(c.diff(web));
        sync(apps.get(name), "promotion");
      }
      Map<ResourceKey, String> after = versions();
      Set<String> touched = new TreeSet<>();
      Set<ResourceKey> keys = new TreeSet<>(snapshot.keySet());
      keys.addAll(after.keySet());
      for (ResourceKey k : keys) {
        if (!Objects.equals(snapshot.get(k), after.get(k))) {
          touched.add(k.namespace().isEmpty() ? "(cluster)" : k.namespace());
        }
      }
      line("   live objects changed by the promotion: only in %s", String.join(", ", touched));
      return new Promotion(commit.commit(), changes.paths(), changes.affected(), touched,
          image("shop-staging"));
    }

    private record Changes(List<String> paths, List<String> affected) {}

    /** Change detection between two commits; unaffected applications move without a sync. */
    private Changes detectChanges(String from, String to) {
      List<WatchedApp> watched = apps.values().stream().map(a -> WatchedApp.of(a.name(),
          a.sources().get(0).path(), a.metadata().annotations()
              .getOrDefault(ManifestGeneratePaths.ANNOTATION, ""))).toList();
      List<String> paths = git.changes(repo.localUrl(), from, to).paths();
      List<String> affected = git.affectedApps(repo.localUrl(), from, to, watched);
      List<String> unaffected = apps.keySet().stream().filter(n -> !affected.contains(n))
          .sorted().toList();
      line("   change detection %s..%s: %s changed -> affected: %s; unaffected (%s: .): %s",
          shortSha(from), shortSha(to), String.join(", ", paths), String.join(", ", affected),
          ManifestGeneratePaths.ANNOTATION.substring(ManifestGeneratePaths.ANNOTATION
              .indexOf('/') + 1), String.join(", ", unaffected));
      for (String name : unaffected) {
        syncedRevision.put(name, to);   // nothing to render again: the revision just moves
      }
      return new Changes(paths, affected);
    }

    // ------------------------------------------------------------------ 5. drift

    private long[] drift() {
      chapter("5. Drift and self-heal");
      long before = replicas("shop-prod");
      cluster.edit(DEPLOYMENT, "shop-prod", "web", root -> (JsonObject) JsonPointer
          .parse("/spec/replicas").set(root, JsonNumber.of(before + 2)));
      long drifted = replicas("shop-prod");
      line("   kubectl edit deployment/web -n shop-prod: replicas %d -> %d (by hand, not in Git)",
          before, drifted);
      AppController.Comparison c = controller.compare(apps.get("shop-prod"));
      for (DiffResult d : c.outOfSync()) {
        line("   shop-prod is %s; diff of %s:", c.synced() ? "Synced" : "OutOfSync", d.key());
        diffText(d);
      }
      sync(apps.get("shop-prod"), "self-heal");
      long healed = replicas("shop-prod");
      line("   shop-prod Deployment/web replicas: %d again", healed);
      return new long[] {drifted, healed};
    }

    // ------------------------------------------------------------------ 6. rollback

    private List<String> rollback(String promotion) {
      chapter("6. Rollback: revert the promotion");
      String before = git.resolveRevision(repo.localUrl(), DemoRepo.BRANCH).commit();
      CommitResult revert = writer.revert(repo.localUrl(), DemoRepo.BRANCH, promotion, BOT,
          BOT, null);
      line("   GitWriter: revert %s -> commit %s on %s, pushed", shortSha(promotion),
          shortSha(revert.commit()), revert.branch());
      Changes changes = detectChanges(before, revert.commit());
      for (String name : changes.affected()) {
        sync(apps.get(name), "rollback");
      }
      line("   shop-staging runs %s again", image("shop-staging"));
      return changes.affected();
    }

    // ------------------------------------------------------------------ summary

    private List<AppState> summary() {
      chapter("Final state");
      String head = git.resolveRevision(repo.localUrl(), DemoRepo.BRANCH).commit();
      line("   %s at %s", DemoRepo.BRANCH, shortSha(head));
      List<AppState> states = new ArrayList<>();
      for (Application app : apps.values().stream()
          .sorted(Comparator.comparing(Application::name)).toList()) {
        AppController.Comparison c = controller.compare(app);
        AppState s = new AppState(app.name(), app.metadata().labels().getOrDefault("env", ""),
            syncedRevision.getOrDefault(app.name(), ""), c.synced(), c.health().code()
            .wireName(), image(app.destination().namespace()),
            replicas(app.destination().namespace()));
        states.add(s);
        line("   %-13s %-9s %-8s at %s  %s x%d", s.name(), s.synced() ? "Synced" : "OutOfSync",
            s.health(), shortSha(s.revision()), s.image(), s.replicas());
      }
      return List.copyOf(states);
    }

    // ------------------------------------------------------------------ one sync

    /** Resolve, render, check, diff, plan, execute, assess; fails unless Synced and Healthy. */
    private void sync(Application app, String why) {
      AppController.Comparison c = controller.compare(app);
      line("   > %s (%s)", app.name(), why);
      line("     source  %s @ %s: %d resources%s", c.source().ref().path(),
          shortSha(c.revision()), c.resources().size(), c.hooks().isEmpty() ? ""
              : ", hooks " + c.hooks().stream().map(Demo::name).collect(Collectors
                  .joining(", ")));
      ProjectPolicy project = Objects.requireNonNull(policy, "policy");
      Decision resources = controller.checkResources(project, c);
      Decision window = project.evaluateSyncWindows(app, false);
      if (!resources.isAllowed() || !window.isAllowed()) {
        throw new IllegalStateException(app.name() + ": refused by the project: "
            + (resources.isAllowed() ? window : resources));
      }
      line("     policy  allowed (%s; %s)", ((Decision.Allowed) resources).reason(),
          ((Decision.Allowed) window).reason());
      line("     diff    %s", diffSummary(c));
      SyncPlan plan = controller.plan(c);
      if (plan.isRefused()) {
        throw new IllegalStateException(app.name() + ": sync refused: " + plan);
      }
      line("     plan    %s", SyncExecutor.waves(plan).stream().map(w -> w.phase().wireName()
          + "[" + w.wave() + "] " + w.steps().stream().map(Story::describe)
              .collect(Collectors.joining(", "))).collect(Collectors.joining(" | ")));
      OperationState state = controller.execute(c, plan);
      Map<ResourceKey, Integer> order = new TreeMap<>();
      for (SyncStep step : plan.steps()) {
        order.putIfAbsent(step.manifest().key(), order.size());
      }
      List<ResourceResult> changed = state.results().stream()
          .filter(r -> !r.message().endsWith(" unchanged"))
          .sorted(Comparator.comparing(r -> order.getOrDefault(r.key(), order.size())))
          .toList();
      int unchanged = state.results().size() - changed.size();
      line("     sync    %s: %s%s", state.phase().wireName(), changed.stream()
          .map(r -> r.hook() ? r.key().kind() + "/" + r.key().name() + " "
              + r.syncPhase().wireName() + " hook " + r.hookPhase().wireName() : r.message())
          .collect(Collectors.joining(", ")),
          unchanged == 0 ? "" : (changed.isEmpty() ? "" : "; ") + unchanged + " unchanged");
      if (state.phase() != OperationPhase.SUCCEEDED) {
        throw new IllegalStateException(app.name() + ": sync " + state.phase().wireName()
            + ": " + state.message());
      }
      AppController.Comparison after = controller.compare(app);
      line("     health  %s (%s); %s", after.health().code(), healthDetail(after.health()),
          after.synced() ? "Synced" : "OutOfSync");
      if (!after.synced() || !after.healthy()) {
        throw new IllegalStateException(app.name() + " is not Synced and Healthy after the"
            + " sync: " + after.outOfSync().stream().map(DiffResult::key).toList() + ", "
            + after.health().code());
      }
      syncedRevision.put(app.name(), after.revision());
    }

    // ------------------------------------------------------------------ helpers

    private static String diffSummary(AppController.Comparison c) {
      List<DiffResult> out = c.outOfSync();
      if (out.isEmpty()) {
        return "Synced";
      }
      long missing = out.stream().filter(d -> d.method() == DiffMethod.CREATE).count();
      long prune = out.stream().filter(d -> d.method() == DiffMethod.LIVE_ONLY).count();
      List<String> parts = new ArrayList<>();
      if (missing > 0) {
        parts.add(missing + " missing");
      }
      if (prune > 0) {
        parts.add(prune + " to prune");
      }
      List<String> modified = out.stream().filter(d -> d.modified()
          && d.method() != DiffMethod.CREATE).map(d -> d.key().kind() + "/" + d.key().name())
          .toList();
      if (!modified.isEmpty()) {
        parts.add("modified " + String.join(", ", modified));
      }
      return "OutOfSync: " + String.join("; ", parts);
    }

    private static String healthDetail(ApplicationHealth h) {
      return h.resources().stream().filter(r -> r.health().isPresent())
          .map(r -> r.key().kind() + "/" + r.key().name() + " "
              + r.health().orElseThrow().code())
          .collect(Collectors.joining(", "));
    }

    private static String describe(RolloutStep step) {
      return step.matchExpressions().stream().map(Story::describe)
          .collect(Collectors.joining(", "));
    }

    private static String describe(LabelSelector.Requirement r) {
      String op = r.operator() == LabelSelector.Operator.IN ? "In" : "NotIn";
      return r.key() + " " + op + " (" + String.join(",", r.values()) + ")";
    }

    private static String describe(SyncStep s) {
      String d = name(s.manifest());
      if (s instanceof SyncStep.Hook) {
        return d + " (hook)";
      }
      if (s instanceof SyncStep.Prune) {
        return d + " (prune)";
      }
      return d;
    }

    private void diffText(DiffResult d) {
      for (String l : d.text().split("\n")) {
        line("       %s", l);
      }
    }

    /** resourceVersion of every live object, to tell which ones a step changed. */
    private Map<ResourceKey, String> versions() {
      Map<ResourceKey, String> out = new TreeMap<>();
      for (Manifest m : cluster.objects()) {
        out.put(m.key(), m.metadata().getString("resourceVersion").orElse(""));
      }
      return out;
    }

    private Manifest web(String namespace) {
      return cluster.get(DEPLOYMENT, namespace, "web").orElseThrow(() ->
          new IllegalStateException("no Deployment web in " + namespace));
    }

    private String image(String namespace) {
      return web(namespace).at("/spec/template/spec/containers/0/image")
          .map(v -> ((JsonString) v).value()).orElse("");
    }

    private long replicas(String namespace) {
      return web(namespace).at("/spec/replicas").map(v -> ((JsonNumber) v).longValue())
          .orElse(1L);
    }

    private void chapter(String title) {
      out.println();
      out.println(title);
    }

    private void line(String format, Object... args) {
      out.println(String.format(Locale.ROOT, format, args));
    }
  }

  private static String name(Manifest m) {
    return m.kind() + "/" + m.name();
  }

  private static String text(FileTree tree, String path) {
    return new String(tree.read(path), StandardCharsets.UTF_8);
  }

  private static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
