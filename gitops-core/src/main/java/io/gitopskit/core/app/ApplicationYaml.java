package io.gitopskit.core.app;

import static io.gitopskit.core.internal.JsonFields.putIfNotNull;
import static io.gitopskit.core.internal.JsonFields.putIfSet;
import static io.gitopskit.core.internal.JsonFields.putIfTrue;

import io.gitopskit.core.diff.ignore.IgnoreRule;
import io.gitopskit.core.internal.ArgoDocuments;
import io.gitopskit.core.internal.FieldReader;
import io.gitopskit.core.internal.GoDuration;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.load.LoadException;
import io.gitopskit.core.load.ManifestLoader;
import io.gitopskit.core.load.ManifestWriter;
import io.gitopskit.core.load.ReadResult;
import io.gitopskit.core.load.ReadWarning;
import io.gitopskit.core.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes Argo CD {@code Application} YAML ({@code argoproj.io/v1alpha1}) unchanged.
 *
 * <ul>
 *   <li><b>Reading</b> goes through {@link ManifestLoader} (its limits and YAML rules). Unknown
 *       fields are {@linkplain ReadWarning warnings}; a field of the wrong type or an invalid
 *       value is a {@link LoadException} naming file, line, column, document, the object and
 *       the field path (never the value). One bad document fails the whole read.
 *   <li><b>Writing</b> is deterministic (fields sorted by name, Argo CD's field names) and
 *       writes only what is set, so that {@code read(write(app))} equals {@code app} and a
 *       flag that was absent is not written as {@code false}.
 * </ul>
 *
 * @since 0.1
 */
public final class ApplicationYaml {

  private ApplicationYaml() {}

  /**
   * Reads every document of a YAML (or JSON) text; each must be an Application.
   *
   * @param text the text
   * @param origin its file name, for messages
   * @return the applications and the warnings
   * @throws LoadException if the text is malformed or an application is invalid
   */
  public static ReadResult<Application> read(String text, String origin) {
    return read(text, origin, ManifestLoader.defaults());
  }

  /**
   * Reads every document with a loader of your choosing (e.g. other limits).
   *
   * @param text the text
   * @param origin its file name, for messages
   * @param loader the loader
   * @return the applications and the warnings
   * @throws LoadException if the text is malformed or an application is invalid
   */
  public static ReadResult<Application> read(String text, String origin, ManifestLoader loader) {
    return ArgoDocuments.read(text, origin, loader, Application.API_VERSION,
        Application.KIND, ApplicationYaml::readApplication);
  }

  /**
   * Reads exactly one application.
   *
   * @param text the text
   * @param origin its file name
   * @return the application (warnings dropped; use {@link #read} to see them)
   * @throws LoadException if the text is malformed, invalid or not exactly one document
   */
  public static Application readOne(String text, String origin) {
    ReadResult<Application> r = read(text, origin);
    if (r.values().size() != 1) {
      throw new LoadException(SourceLocation.ofFile(origin), null, null,
          "expected exactly one Application, found " + r.values().size(), null);
    }
    return r.values().get(0);
  }

  /**
   * Reads one application from a JSON tree, e.g. one an ApplicationSet template produced.
   *
   * @param object the whole object, with {@code apiVersion} and {@code kind}
   * @param origin a name for messages, e.g. {@code appset guestbook, element 3}
   * @return the application and the warnings (located by origin only)
   * @throws LoadException if the object is not a valid Application
   */
  public static ReadResult<Application> fromJson(JsonObject object, String origin) {
    return ArgoDocuments.fromJson(object, origin, Application.API_VERSION,
        Application.KIND, ApplicationYaml::readApplication);
  }

  /**
   * Writes one application as YAML.
   *
   * @param app the application
   * @return the YAML, fields sorted by name
   */
  public static String write(Application app) {
    return ManifestWriter.toYaml(toJson(app));
  }

  /**
   * Writes applications as a multi-document YAML text.
   *
   * @param apps the applications
   * @return the YAML, documents separated by {@code ---}
   */
  public static String write(List<Application> apps) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < apps.size(); i++) {
      if (i > 0) {
        b.append("---\n");
      }
      b.append(write(apps.get(i)));
    }
    return b.toString();
  }

  /**
   * An application as Argo CD's JSON tree.
   *
   * @param app the application
   * @return the tree
   */
  public static JsonObject toJson(Application app) {
    JsonObject.Builder b = JsonObject.builder()
        .put("apiVersion", Application.API_VERSION)
        .put("kind", Application.KIND)
        .put("metadata", app.metadata().toJson())
        .put("spec", writeSpec(app.spec()));
    if (app.status() != null) {
      b.put("status", app.status());
    }
    if (app.operation() != null) {
      b.put("operation", app.operation());
    }
    return b.build();
  }

  // ---------------------------------------------------------------- reading

  /** Reads {@code metadata} into {@link AppMetadata}. */
  static @Nullable AppMetadata readMetadata(FieldReader root) {
    ArgoDocuments.Metadata m = ArgoDocuments.metadata(root);
    if (m == null) {
      return null;
    }
    FieldReader at = new FieldReader(m.other(), root.path("metadata"), root.problems());
    return ArgoDocuments.construct(at, () -> new AppMetadata(m.name(), m.namespace(), m.labels(),
        m.annotations(), m.finalizers(), m.other()));
  }

  // ---------------------------------------------------------------- reading: Application

  private static @Nullable Application readApplication(FieldReader root) {
    AppMetadata metadata = readMetadata(root);
    FieldReader spec = root.object("spec");
    if (spec == null) {
      root.error("spec", "is required");
    }
    ApplicationSpec s = spec == null ? null : readSpec(spec);
    JsonObject status = ArgoDocuments.rawObject(root, "status");
    JsonObject operation = ArgoDocuments.rawObject(root, "operation");
    root.finish();
    if (metadata == null || s == null) {
      return null;
    }
    return ArgoDocuments.construct(root, () -> new Application(metadata, s, status, operation));
  }

  private static @Nullable ApplicationSpec readSpec(FieldReader r) {
    String project = r.string("project");
    FieldReader src = r.object("source");
    ApplicationSource source = src == null ? null : readSource(src, false);
    List<ApplicationSource> sources = new ArrayList<>();
    boolean ok = src == null || source != null;
    for (FieldReader s : r.objects("sources")) {
      ApplicationSource one = readSource(s, true);
      ok &= one != null;
      if (one != null) {
        sources.add(one);
      }
    }
    if (!sources.isEmpty() && source != null) {
      r.warn("source", "ignored because sources is set");
    }
    FieldReader d = r.object("destination");
    ApplicationDestination destination = null;
    if (d == null) {
      r.error("destination", "is required");
    } else {
      destination = readDestination(d);
      ApplicationDestination dest = destination;
      if (dest != null && ArgoDocuments.construct(d, () -> {
        dest.checkForApplication();
        return dest;
      }) == null) {
        destination = null;
      }
    }
    FieldReader p = r.object("syncPolicy");
    SyncPolicy syncPolicy = p == null ? null : readSyncPolicy(p);
    ok &= p == null || syncPolicy != null;
    List<IgnoreRule> ignore = new ArrayList<>();
    for (FieldReader i : r.objects("ignoreDifferences")) {
      IgnoreRule rule = readIgnoreRule(i);
      ok &= rule != null;
      if (rule != null) {
        ignore.add(rule);
      }
    }
    List<Info> info = new ArrayList<>();
    for (FieldReader i : r.objects("info")) {
      info.add(new Info(i.string("name"), i.string("value")));
      i.finish();
    }
    Long limit = r.optionalLong("revisionHistoryLimit");
    JsonObject hydrator = ArgoDocuments.rawObject(r, "sourceHydrator");
    if (hydrator != null) {
      r.warn("sourceHydrator", "kept but not supported by GitOpsKit");
    }
    r.finish();
    if (!ok || destination == null) {
      return null;
    }
    if (source == null && sources.isEmpty() && hydrator == null) {
      r.error("source", "one of source or sources is required");
      return null;
    }
    ApplicationDestination dest = destination;
    return ArgoDocuments.construct(r, () -> new ApplicationSpec(project, source, sources, dest,
        syncPolicy,
        ignore, info, limit, hydrator));
  }

  private static @Nullable ApplicationSource readSource(FieldReader r, boolean inSources) {
    String repoURL = r.string("repoURL");
    String path = r.string("path");
    String targetRevision = r.string("targetRevision");
    String tagPrefix = r.string("tagPrefix");
    String chart = r.string("chart");
    String ref = r.string("ref");
    String name = r.string("name");
    FieldReader h = r.object("helm");
    SourceHelm helm = h == null ? null : readHelm(h);
    JsonObject kustomize = ArgoDocuments.rawObject(r, "kustomize");
    FieldReader d = r.object("directory");
    SourceDirectory directory = d == null ? null : readDirectory(d);
    JsonObject plugin = ArgoDocuments.rawObject(r, "plugin");
    if (!ref.isEmpty() && !inSources) {
      r.warn("ref", "only used in sources; ignored in source");
    }
    if (repoURL.isBlank()) {
      r.error("repoURL", "is required");
    }
    if (!ref.isEmpty() && !chart.isEmpty()) {
      r.error("chart", "a source with a ref cannot set a chart");
    }
    r.finish();
    if ((h != null && helm == null) || (d != null && directory == null) || repoURL.isBlank()) {
      return null;
    }
    return ArgoDocuments.construct(r, () -> new ApplicationSource(repoURL, path, targetRevision,
        tagPrefix, chart, ref, name, helm, kustomize, directory, plugin));
  }

  private static @Nullable SourceHelm readHelm(FieldReader r) {
    SourceHelm.Builder b = SourceHelm.builder();
    r.strings("valueFiles").forEach(b::valueFile);
    b.ignoreMissingValueFiles(r.bool("ignoreMissingValueFiles"));
    for (FieldReader p : r.objects("parameters")) {
      b.parameter(new HelmParameter(p.string("name"), p.string("value"),
          p.bool("forceString")));
      p.finish();
    }
    for (FieldReader p : r.objects("fileParameters")) {
      b.fileParameter(new HelmFileParameter(p.string("name"), p.string("path")));
      p.finish();
    }
    b.releaseName(r.string("releaseName"));
    b.values(r.string("values"));
    b.valuesObject(ArgoDocuments.rawObject(r, "valuesObject"));
    b.skipCrds(r.bool("skipCrds"));
    b.skipTests(r.bool("skipTests"));
    b.skipSchemaValidation(r.bool("skipSchemaValidation"));
    b.passCredentials(r.bool("passCredentials"));
    b.namespace(r.string("namespace"));
    b.kubeVersion(r.string("kubeVersion"));
    r.strings("apiVersions").forEach(b::apiVersion);
    b.version(r.string("version"));
    if (!r.string("values").isEmpty() && r.has("valuesObject")) {
      r.warn("values", "valuesObject takes precedence over values");
    }
    r.finish();
    return ArgoDocuments.construct(r, b::build);
  }

  private static @Nullable SourceDirectory readDirectory(FieldReader r) {
    boolean recurse = r.bool("recurse");
    String include = r.string("include");
    String exclude = r.string("exclude");
    boolean disable = r.bool("disableExtensionFilter");
    FieldReader j = r.object("jsonnet");
    SourceJsonnet jsonnet = null;
    if (j != null) {
      jsonnet = new SourceJsonnet(readJsonnetVars(j, "extVars"), readJsonnetVars(j, "tlas"),
          j.strings("libs"));
      j.finish();
    }
    r.finish();
    SourceJsonnet js = jsonnet;
    return ArgoDocuments.construct(r,
        () -> new SourceDirectory(recurse, include, exclude, js, disable));
  }

  private static List<JsonnetVar> readJsonnetVars(FieldReader r, String key) {
    List<JsonnetVar> out = new ArrayList<>();
    for (FieldReader v : r.objects(key)) {
      out.add(new JsonnetVar(v.string("name"), v.string("value"), v.bool("code")));
      v.finish();
    }
    return out;
  }

  static ApplicationDestination readDestination(FieldReader r) {
    ApplicationDestination d = new ApplicationDestination(r.string("server"), r.string("name"),
        r.string("namespace"));
    r.finish();
    return d;
  }

  private static @Nullable SyncPolicy readSyncPolicy(FieldReader r) {
    FieldReader a = r.object("automated");
    Automated automated = null;
    if (a != null) {
      automated = new Automated(a.optionalBoolean("enabled"), a.optionalBoolean("prune"),
          a.optionalBoolean("selfHeal"), a.optionalBoolean("allowEmpty"));
      a.finish();
    }
    List<String> options = r.strings("syncOptions");
    FieldReader rt = r.object("retry");
    Retry retry = null;
    boolean ok = true;
    if (rt != null) {
      Long limit = rt.optionalLong("limit");
      FieldReader bo = rt.object("backoff");
      Backoff backoff = null;
      if (bo != null) {
        String duration = bo.string("duration");
        Long factor = bo.optionalLong("factor");
        String max = bo.string("maxDuration");
        for (String key : List.of("duration", "maxDuration")) {
          String text = key.equals("duration") ? duration : max;
          try {
            if (!text.isEmpty() && GoDuration.parseSecondsOrDuration(text).isNegative()) {
              bo.error(key, "must not be negative");
              ok = false;
            }
          } catch (IllegalArgumentException e) {
            bo.error(key, "cannot parse duration: " + e.getMessage());
            ok = false;
          }
        }
        if (factor != null && factor < 1) {
          bo.error("factor", "must be at least 1");
          ok = false;
        }
        bo.finish();
        if (ok) {
          backoff = ArgoDocuments.construct(bo, () -> new Backoff(duration, factor, max));
          ok = backoff != null;
        }
      }
      retry = new Retry(limit == null ? 0 : limit, backoff, rt.bool("refresh"));
      rt.finish();
    }
    FieldReader m = r.object("managedNamespaceMetadata");
    ManagedNamespaceMetadata managed = null;
    if (m != null) {
      managed = new ManagedNamespaceMetadata(m.stringMap("labels"), m.stringMap("annotations"));
      m.finish();
    }
    for (String o : io.gitopskit.core.sync.SyncOptions.parse(options).ignored()) {
      int i = options.indexOf(o);
      r.problems().warn(r.path("syncOptions") + "[" + Math.max(0, i) + "]",
          "sync option not understood (ignored)");
    }
    r.finish();
    return ok ? new SyncPolicy(automated, options, retry, managed) : null;
  }

  private static @Nullable IgnoreRule readIgnoreRule(FieldReader r) {
    String group = r.string("group");
    String kind = r.string("kind");
    String name = r.string("name");
    String namespace = r.string("namespace");
    List<String> pointers = r.strings("jsonPointers");
    List<String> jq = r.strings("jqPathExpressions");
    List<String> managers = r.strings("managedFieldsManagers");
    r.finish();
    if (kind.isBlank()) {
      r.error("kind", "is required");
      return null;
    }
    if (!ArgoDocuments.checkPointers(r, "jsonPointers", pointers)) {
      return null;
    }
    return ArgoDocuments.construct(r, () -> new IgnoreRule(group, kind, name, namespace,
        pointers, jq,
        managers));
  }

  // ---------------------------------------------------------------- writing

  private static JsonObject writeSpec(ApplicationSpec s) {
    JsonObject.Builder b = JsonObject.builder();
    b.put("project", s.project());
    if (s.source() != null) {
      b.put("source", writeSource(s.source()));
    }
    if (!s.sources().isEmpty()) {
      JsonArray.Builder a = JsonArray.builder();
      s.sources().forEach(src -> a.add(writeSource(src)));
      b.put("sources", a.build());
    }
    b.put("destination", writeDestination(s.destination()));
    if (s.syncPolicy() != null) {
      b.put("syncPolicy", writeSyncPolicy(s.syncPolicy()));
    }
    if (!s.ignoreDifferences().isEmpty()) {
      JsonArray.Builder a = JsonArray.builder();
      s.ignoreDifferences().forEach(r -> a.add(writeIgnoreRule(r)));
      b.put("ignoreDifferences", a.build());
    }
    if (!s.info().isEmpty()) {
      JsonArray.Builder a = JsonArray.builder();
      s.info().forEach(i -> a.add(JsonObject.builder().put("name", i.name())
          .put("value", i.value()).build()));
      b.put("info", a.build());
    }
    if (s.revisionHistoryLimit() != null) {
      b.put("revisionHistoryLimit", JsonNumber.of(s.revisionHistoryLimit()));
    }
    if (s.sourceHydrator() != null) {
      b.put("sourceHydrator", s.sourceHydrator());
    }
    return b.build();
  }

  private static JsonObject writeSource(ApplicationSource s) {
    JsonObject.Builder b = JsonObject.builder();
    b.put("repoURL", s.repoURL());
    putIfSet(b, "path", s.path());
    putIfSet(b, "targetRevision", s.targetRevision());
    putIfSet(b, "tagPrefix", s.tagPrefix());
    putIfSet(b, "chart", s.chart());
    putIfSet(b, "ref", s.ref());
    putIfSet(b, "name", s.name());
    if (s.helm() != null) {
      b.put("helm", writeHelm(s.helm()));
    }
    if (s.kustomize() != null) {
      b.put("kustomize", s.kustomize());
    }
    if (s.directory() != null) {
      b.put("directory", writeDirectory(s.directory()));
    }
    if (s.plugin() != null) {
      b.put("plugin", s.plugin());
    }
    return b.build();
  }

  private static JsonObject writeHelm(SourceHelm h) {
    JsonObject.Builder b = JsonObject.builder();
    putIfSet(b, "valueFiles", h.valueFiles());
    putIfTrue(b, "ignoreMissingValueFiles", h.ignoreMissingValueFiles());
    if (!h.parameters().isEmpty()) {
      JsonArray.Builder a = JsonArray.builder();
      for (HelmParameter p : h.parameters()) {
        JsonObject.Builder pb = JsonObject.builder();
        putIfSet(pb, "name", p.name());
        putIfSet(pb, "value", p.value());
        putIfTrue(pb, "forceString", p.forceString());
        a.add(pb.build());
      }
      b.put("parameters", a.build());
    }
    if (!h.fileParameters().isEmpty()) {
      JsonArray.Builder a = JsonArray.builder();
      for (HelmFileParameter p : h.fileParameters()) {
        JsonObject.Builder pb = JsonObject.builder();
        putIfSet(pb, "name", p.name());
        putIfSet(pb, "path", p.path());
        a.add(pb.build());
      }
      b.put("fileParameters", a.build());
    }
    putIfSet(b, "releaseName", h.releaseName());
    putIfSet(b, "values", h.values());
    if (h.valuesObject() != null) {
      b.put("valuesObject", h.valuesObject());
    }
    putIfTrue(b, "skipCrds", h.skipCrds());
    putIfTrue(b, "skipTests", h.skipTests());
    putIfTrue(b, "skipSchemaValidation", h.skipSchemaValidation());
    putIfTrue(b, "passCredentials", h.passCredentials());
    putIfSet(b, "namespace", h.namespace());
    putIfSet(b, "kubeVersion", h.kubeVersion());
    putIfSet(b, "apiVersions", h.apiVersions());
    putIfSet(b, "version", h.version());
    return b.build();
  }

  private static JsonObject writeDirectory(SourceDirectory d) {
    JsonObject.Builder b = JsonObject.builder();
    putIfTrue(b, "recurse", d.recurse());
    putIfSet(b, "include", d.include());
    putIfSet(b, "exclude", d.exclude());
    putIfTrue(b, "disableExtensionFilter", d.disableExtensionFilter());
    if (d.jsonnet() != null) {
      JsonObject.Builder j = JsonObject.builder();
      putJsonnetVars(j, "extVars", d.jsonnet().extVars());
      putJsonnetVars(j, "tlas", d.jsonnet().tlas());
      putIfSet(j, "libs", d.jsonnet().libs());
      b.put("jsonnet", j.build());
    }
    return b.build();
  }

  private static void putJsonnetVars(JsonObject.Builder b, String key, List<JsonnetVar> vars) {
    if (vars.isEmpty()) {
      return;
    }
    JsonArray.Builder a = JsonArray.builder();
    for (JsonnetVar v : vars) {
      JsonObject.Builder vb = JsonObject.builder();
      putIfSet(vb, "name", v.name());
      putIfSet(vb, "value", v.value());
      putIfTrue(vb, "code", v.code());
      a.add(vb.build());
    }
    b.put(key, a.build());
  }

  static JsonObject writeDestination(ApplicationDestination d) {
    JsonObject.Builder b = JsonObject.builder();
    putIfSet(b, "server", d.server());
    putIfSet(b, "name", d.name());
    putIfSet(b, "namespace", d.namespace());
    return b.build();
  }

  private static JsonObject writeSyncPolicy(SyncPolicy p) {
    JsonObject.Builder b = JsonObject.builder();
    Automated a = p.automated();
    if (a != null) {
      JsonObject.Builder ab = JsonObject.builder();
      putIfNotNull(ab, "enabled", a.enabled());
      putIfNotNull(ab, "prune", a.prune());
      putIfNotNull(ab, "selfHeal", a.selfHeal());
      putIfNotNull(ab, "allowEmpty", a.allowEmpty());
      b.put("automated", ab.build());
    }
    putIfSet(b, "syncOptions", p.syncOptions());
    Retry r = p.retry();
    if (r != null) {
      JsonObject.Builder rb = JsonObject.builder();
      if (r.limit() != 0) {
        rb.put("limit", JsonNumber.of(r.limit()));
      }
      Backoff bo = r.backoff();
      if (bo != null) {
        JsonObject.Builder bb = JsonObject.builder();
        putIfSet(bb, "duration", bo.duration());
        if (bo.factor() != null) {
          bb.put("factor", JsonNumber.of(bo.factor()));
        }
        putIfSet(bb, "maxDuration", bo.maxDuration());
        rb.put("backoff", bb.build());
      }
      putIfTrue(rb, "refresh", r.refresh());
      b.put("retry", rb.build());
    }
    ManagedNamespaceMetadata m = p.managedNamespaceMetadata();
    if (m != null) {
      JsonObject.Builder mb = JsonObject.builder();
      putIfSet(mb, "labels", m.labels());
      putIfSet(mb, "annotations", m.annotations());
      b.put("managedNamespaceMetadata", mb.build());
    }
    return b.build();
  }

  private static JsonObject writeIgnoreRule(IgnoreRule r) {
    JsonObject.Builder b = JsonObject.builder();
    putIfSet(b, "group", r.group());
    b.put("kind", r.kind());
    putIfSet(b, "name", r.name());
    putIfSet(b, "namespace", r.namespace());
    putIfSet(b, "jsonPointers", r.jsonPointers());
    putIfSet(b, "jqPathExpressions", r.jqPathExpressions());
    putIfSet(b, "managedFieldsManagers", r.managedFieldsManagers());
    return b.build();
  }
}
