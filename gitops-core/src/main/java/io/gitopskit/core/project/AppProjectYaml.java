package io.gitopskit.core.project;

import static io.gitopskit.core.internal.JsonFields.putIfNotNull;
import static io.gitopskit.core.internal.JsonFields.putIfSet;
import static io.gitopskit.core.internal.JsonFields.putIfTrue;

import io.gitopskit.core.app.AppMetadata;
import io.gitopskit.core.app.ApplicationDestination;
import io.gitopskit.core.load.ReadResult;
import io.gitopskit.core.load.ReadWarning;
import io.gitopskit.core.internal.ArgoDocuments;
import io.gitopskit.core.internal.FieldReader;
import io.gitopskit.core.internal.GoDuration;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.load.ManifestWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes Argo CD {@code AppProject} YAML ({@code argoproj.io/v1alpha1}), with the
 * same contract as {@code ApplicationYaml}: unknown fields and rules that cannot do what they
 * seem to (a malformed glob, an unknown time zone, a window that selects nothing, an explicitly
 * empty namespaced whitelist) are warnings; wrong types and invalid values (a window kind other
 * than allow/deny, an unparsable schedule or duration) are a {@link LoadException} naming the
 * file, line and field path. Writing is deterministic and round-trips.
 *
 * @since 0.1
 */
public final class AppProjectYaml {

  private AppProjectYaml() {}

  /**
   * Reads every document of a text; each must be an AppProject.
   *
   * @param text the YAML or JSON text
   * @param origin its file name
   * @return the projects and warnings
   * @throws LoadException if the text is malformed or a project is invalid
   */
  public static ReadResult<AppProject> read(String text, String origin) {
    return read(text, origin, ManifestLoader.defaults());
  }

  /**
   * Reads every document with a loader of your choosing (e.g. other limits).
   *
   * @param text the YAML or JSON text
   * @param origin its file name
   * @param loader the loader
   * @return the projects and warnings
   * @throws LoadException if the text is malformed, exceeds the loader's limits or a project
   *     is invalid
   */
  public static ReadResult<AppProject> read(String text, String origin, ManifestLoader loader) {
    return ArgoDocuments.read(text, origin, loader, AppProject.API_VERSION, AppProject.KIND,
        AppProjectYaml::readProject);
  }

  /**
   * Reads one project from a JSON tree.
   *
   * @param object the whole object
   * @param origin a name for messages
   * @return the project and its warnings
   * @throws LoadException if the object is not a valid AppProject
   */
  public static ReadResult<AppProject> fromJson(JsonObject object, String origin) {
    return ArgoDocuments.fromJson(object, origin, AppProject.API_VERSION,
        AppProject.KIND, AppProjectYaml::readProject);
  }

  /**
   * Writes a project as YAML.
   *
   * @param project the project
   * @return the YAML, fields sorted by name
   */
  public static String write(AppProject project) {
    return ManifestWriter.toYaml(toJson(project));
  }

  /**
   * A project as Argo CD's JSON tree.
   *
   * @param p the project
   * @return the tree
   */
  public static JsonObject toJson(AppProject p) {
    JsonObject.Builder spec = JsonObject.builder();
    putIfSet(spec, "description", p.description());
    putIfSet(spec, "sourceRepos", p.sourceRepos());
    if (!p.destinations().isEmpty()) {
      JsonArray.Builder a = JsonArray.builder();
      for (ApplicationDestination d : p.destinations()) {
        JsonObject.Builder db = JsonObject.builder();
        putIfSet(db, "server", d.server());
        putIfSet(db, "name", d.name());
        putIfSet(db, "namespace", d.namespace());
        a.add(db.build());
      }
      spec.put("destinations", a.build());
    }
    putRules(spec, "clusterResourceWhitelist", p.clusterResourceWhitelist(), false);
    putRules(spec, "clusterResourceBlacklist", p.clusterResourceBlacklist(), false);
    if (p.namespaceResourceWhitelist() != null) {
      putRules(spec, "namespaceResourceWhitelist", p.namespaceResourceWhitelist(), true);
    }
    putRules(spec, "namespaceResourceBlacklist", p.namespaceResourceBlacklist(), false);
    OrphanedResources o = p.orphanedResources();
    if (o != null) {
      JsonObject.Builder ob = JsonObject.builder();
      putIfNotNull(ob, "warn", o.warn());
      putRules(ob, "ignore", o.ignore(), false);
      spec.put("orphanedResources", ob.build());
    }
    if (!p.syncWindows().isEmpty()) {
      JsonArray.Builder a = JsonArray.builder();
      for (SyncWindow w : p.syncWindows()) {
        JsonObject.Builder wb = JsonObject.builder();
        wb.put("kind", w.kind().text());
        putIfSet(wb, "schedule", w.schedule());
        putIfSet(wb, "duration", w.duration());
        putIfSet(wb, "applications", w.applications());
        putIfSet(wb, "namespaces", w.namespaces());
        putIfSet(wb, "clusters", w.clusters());
        putIfTrue(wb, "manualSync", w.manualSync());
        putIfSet(wb, "timeZone", w.timeZone());
        putIfTrue(wb, "andOperator", w.andOperator());
        putIfTrue(wb, "syncOverrun", w.syncOverrun());
        putIfSet(wb, "description", w.description());
        a.add(wb.build());
      }
      spec.put("syncWindows", a.build());
    }
    putIfSet(spec, "sourceNamespaces", p.sourceNamespaces());
    putIfTrue(spec, "permitOnlyProjectScopedClusters", p.permitOnlyProjectScopedClusters());
    if (!p.destinationServiceAccounts().isEmpty()) {
      JsonArray.Builder a = JsonArray.builder();
      for (DestinationServiceAccount d : p.destinationServiceAccounts()) {
        JsonObject.Builder db = JsonObject.builder();
        putIfSet(db, "server", d.server());
        putIfSet(db, "namespace", d.namespace());
        putIfSet(db, "defaultServiceAccount", d.defaultServiceAccount());
        a.add(db.build());
      }
      spec.put("destinationServiceAccounts", a.build());
    }
    if (p.roles() != null) {
      spec.put("roles", p.roles());
    }
    if (p.signatureKeys() != null) {
      spec.put("signatureKeys", p.signatureKeys());
    }
    if (p.sourceIntegrity() != null) {
      spec.put("sourceIntegrity", p.sourceIntegrity());
    }
    JsonObject.Builder b = JsonObject.builder()
        .put("apiVersion", AppProject.API_VERSION)
        .put("kind", AppProject.KIND)
        .put("metadata", p.metadata().toJson())
        .put("spec", spec.build());
    if (p.status() != null) {
      b.put("status", p.status());
    }
    return b.build();
  }

  private static void putRules(JsonObject.Builder b, String key, List<ResourceRule> rules,
      boolean evenIfEmpty) {
    if (rules.isEmpty() && !evenIfEmpty) {
      return;
    }
    JsonArray.Builder a = JsonArray.builder();
    for (ResourceRule r : rules) {
      JsonObject.Builder rb = JsonObject.builder();
      putIfSet(rb, "group", r.group());
      putIfSet(rb, "kind", r.kind());
      putIfSet(rb, "name", r.name());
      a.add(rb.build());
    }
    b.put(key, a.build());
  }

  // ---------------------------------------------------------------- reading


  private static @Nullable AppProject readProject(FieldReader root) {
    ArgoDocuments.Metadata m = ArgoDocuments.metadata(root);
    AppMetadata metadata = m == null ? null : ArgoDocuments.construct(root,
        () -> new AppMetadata(m.name(), m.namespace(), m.labels(), m.annotations(),
            m.finalizers(), m.other()));
    FieldReader s = root.object("spec");
    JsonObject status = ArgoDocuments.rawObject(root, "status");
    AppProject.Builder b = AppProject.builder("placeholder").status(status);
    boolean ok = true;
    if (s != null) {
      ok = readSpec(s, b);
    } else if (root.has("spec")) {
      ok = false;
    }
    root.finish();
    if (metadata == null || !ok) {
      return null;
    }
    return b.metadata(metadata).build();
  }

  private static boolean readSpec(FieldReader s, AppProject.Builder b) {
    boolean ok = true;
    b.description(s.string("description"));
    List<String> repos = s.strings("sourceRepos");
    for (int i = 0; i < repos.size(); i++) {
      String r = repos.get(i);
      String at = s.path("sourceRepos") + "[" + i + "]";
      if (r.equals("!*")) {
        s.problems().warn(at, "'!*' is not a valid source repository pattern");
      } else if (!Patterns.isValidGlob(r.startsWith("!") ? r.substring(1) : r, "/")) {
        s.problems().warn(at, "malformed glob; it matches nothing");
      }
      b.sourceRepo(r);
    }
    for (FieldReader d : s.objects("destinations")) {
      ApplicationDestination dest = new ApplicationDestination(d.string("server"),
          d.string("name"), d.string("namespace"));
      for (String key : List.of("server", "name", "namespace")) {
        String v = key.equals("server") ? dest.server() : key.equals("name") ? dest.name()
            : dest.namespace();
        if (!v.isEmpty() && !Patterns.isValidGlob(v.startsWith("!") ? v.substring(1) : v, "")) {
          d.warn(key, "malformed glob; it matches nothing");
        }
      }
      d.finish();
      b.destination(dest);
    }
    readRules(s, "clusterResourceWhitelist", true).forEach(b::clusterResourceWhitelist);
    readRules(s, "clusterResourceBlacklist", true).forEach(b::clusterResourceBlacklist);
    if (s.has("namespaceResourceWhitelist")) {
      List<ResourceRule> w = readRules(s, "namespaceResourceWhitelist", false);
      if (w.isEmpty()) {
        s.warn("namespaceResourceWhitelist",
            "an explicitly empty list allows no namespaced resource at all");
      }
      b.namespaceResourceWhitelist(w);
    }
    readRules(s, "namespaceResourceBlacklist", false).forEach(b::namespaceResourceBlacklist);
    FieldReader o = s.object("orphanedResources");
    if (o != null) {
      b.orphanedResources(new OrphanedResources(o.optionalBoolean("warn"),
          readRules(o, "ignore", true)));
      o.finish();
    }
    for (FieldReader w : s.objects("syncWindows")) {
      SyncWindow window = readWindow(w);
      if (window == null) {
        ok = false;
      } else {
        b.syncWindow(window);
      }
    }
    s.strings("sourceNamespaces").forEach(b::sourceNamespace);
    b.permitOnlyProjectScopedClusters(s.bool("permitOnlyProjectScopedClusters"));
    for (FieldReader d : s.objects("destinationServiceAccounts")) {
      b.destinationServiceAccount(new DestinationServiceAccount(d.string("server"),
          d.string("namespace"), d.string("defaultServiceAccount")));
      d.finish();
    }
    b.roles(rawArray(s, "roles"));
    b.signatureKeys(rawArray(s, "signatureKeys"));
    b.sourceIntegrity(ArgoDocuments.rawObject(s, "sourceIntegrity"));
    s.finish();
    return ok;
  }

  private static @Nullable JsonArray rawArray(FieldReader r, String key) {
    JsonValue v = r.raw(key);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonArray a) {
      return a;
    }
    r.error(key, "must be a list, not " + FieldReader.typeName(v));
    return null;
  }

  private static List<ResourceRule> readRules(FieldReader r, String key, boolean named) {
    List<ResourceRule> out = new ArrayList<>();
    for (FieldReader e : r.objects(key)) {
      String group = e.string("group");
      String kind = e.string("kind");
      String name = named ? e.string("name") : "";
      for (String f : named ? List.of("group", "kind", "name") : List.of("group", "kind")) {
        String v = f.equals("group") ? group : f.equals("kind") ? kind : name;
        if (!Patterns.isValidFilepath(v)) {
          e.warn(f, "malformed pattern; it matches nothing");
        }
      }
      e.finish();
      out.add(new ResourceRule(group, kind, name));
    }
    return out;
  }

  private static @Nullable SyncWindow readWindow(FieldReader w) {
    String kindText = w.string("kind");
    String schedule = w.string("schedule");
    String duration = w.string("duration");
    List<String> apps = w.strings("applications");
    List<String> namespaces = w.strings("namespaces");
    List<String> clusters = w.strings("clusters");
    boolean manual = w.bool("manualSync");
    String tz = w.string("timeZone");
    boolean and = w.bool("andOperator");
    boolean overrun = w.bool("syncOverrun");
    String description = w.string("description");
    w.finish();
    SyncWindow.Kind kind = SyncWindow.Kind.parse(kindText).orElse(null);
    if (kind == null) {
      w.error("kind", "must be allow or deny");
      return null;
    }
    Cron cron;
    try {
      cron = Cron.cached(schedule);
    } catch (IllegalArgumentException e) {
      w.error("schedule", "cannot parse schedule: " + e.getMessage());
      return null;
    }
    try {
      GoDuration.parse(duration);
    } catch (IllegalArgumentException e) {
      w.error("duration", "cannot parse duration: " + e.getMessage());
      return null;
    }
    if (description.length() > SyncWindow.MAX_DESCRIPTION) {
      w.error("description", "must be at most " + SyncWindow.MAX_DESCRIPTION + " characters");
      return null;
    }
    SyncWindow window = ArgoDocuments.construct(w, () -> new SyncWindow(kind, schedule,
        duration, apps, namespaces, clusters, manual, tz, and, overrun, description));
    if (window == null) {
      return null;
    }
    if (cron.isDescriptor()) {
      w.warn("schedule", "Argo CD does not accept descriptors such as @daily in sync windows");
    }
    if (cron.next(Instant.EPOCH.plusSeconds(365L * 86_400 * 56)).isEmpty()) {
      w.warn("schedule", "never fires; Argo CD treats such a window as always active");
    }
    if (!tz.isEmpty() && SyncWindow.resolveZone(tz).isEmpty()) {
      w.warn("timeZone", "unknown time zone; UTC is used");
    }
    if (apps.isEmpty() && namespaces.isEmpty() && clusters.isEmpty()) {
      w.problems().warn(w.path(),
          "a window without applications, namespaces or clusters applies to nothing");
    }
    return window;
  }
}
