package io.gitopskit.core.app;

import io.gitopskit.core.diff.ignore.IgnoreRule;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** QuickTheories generators for valid applications, full of YAML-hostile strings. */
public final class AppGen {

  private AppGen() {}

  private static final List<String> TRICKY = List.of("", " ", "yes", "No", "off", "true",
      "null", "~", "0644", "0x1F", "1e3", "1.0", "-1", ".inf", "2001-12-14", "a: b", "a #b",
      "- x", "*ref", "&a", "!tag", "|", ">", "%YAML", "@at", "{a}", "[a]", "'q'", "\"dq\"",
      "tab\there", "line1\nline2\n", "  indented", "ends ", "ünïcödé", "😀", "---", "<<",
      "=x",
      "$values/x.yaml", "CreateNamespace=true", "Prune=confirm");

  private static final String ALPHABET = "abcXYZ019 :#-_./\"'\n{}[],&*!|>%@?=~+é";

  /** @return any string, often a YAML-hostile one */
  public static Gen<String> strings() {
    return in -> string(in);
  }

  static String string(RandomnessSource in) {
    if (in.next(Constraint.between(0, 2)) == 0) {
      return TRICKY.get((int) in.next(Constraint.between(0, TRICKY.size() - 1)));
    }
    int length = (int) in.next(Constraint.between(0, 10));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt((int) in.next(Constraint.between(0, ALPHABET.length() - 1))));
    }
    return b.toString();
  }

  private static String nonBlank(RandomnessSource in) {
    String s = string(in);
    return s.isBlank() ? "x" + s : s;
  }

  private static boolean bool(RandomnessSource in) {
    return in.next(Constraint.between(0, 1)) == 1;
  }

  private static int count(RandomnessSource in, int max) {
    return (int) in.next(Constraint.between(0, max));
  }

  private static @Nullable Boolean pointer(RandomnessSource in) {
    int k = count(in, 2);
    return k == 0 ? null : k == 1;
  }

  private static List<String> strings(RandomnessSource in, int max) {
    List<String> out = new ArrayList<>();
    for (int i = count(in, max); i > 0; i--) {
      out.add(string(in));
    }
    return out;
  }

  private static Map<String, String> map(RandomnessSource in) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = count(in, 3); i > 0; i--) {
      out.put(string(in), string(in));
    }
    return out;
  }

  /** @return valid applications exercising every modelled field */
  public static Gen<Application> applications() {
    return AppGen::application;
  }

  static Application application(RandomnessSource in) {
    Application.Builder b = Application.builder(nonBlank(in));
    b.metadata(new AppMetadata(nonBlank(in), string(in), map(in), map(in), strings(in, 2),
        bool(in) ? JsonObject.empty() : JsonObject.of("uid", JsonString.of(string(in)))));
    b.project(string(in));
    boolean multi = bool(in);
    if (!multi || bool(in)) {
      b.source(source(in, false));
    }
    if (multi) {
      for (int i = count(in, 2) + 1; i > 0; i--) {
        b.addSource(source(in, true));
      }
    }
    String ns = string(in);
    b.destination(bool(in) ? ApplicationDestination.ofServer(nonBlank(in), ns)
        : ApplicationDestination.ofName(nonBlank(in), ns));
    if (bool(in)) {
      b.syncPolicy(syncPolicy(in));
    }
    for (int i = count(in, 2); i > 0; i--) {
      b.ignoreDifference(new IgnoreRule(bool(in) ? "" : "apps", bool(in) ? "*" : "Deployment",
          string(in), string(in), bool(in) ? List.of("/spec/replicas") : List.of(),
          bool(in) ? List.of(".metadata.labels") : List.of(),
          bool(in) ? List.of(nonBlank(in)) : List.of()));
    }
    for (int i = count(in, 2); i > 0; i--) {
      b.info(new Info(string(in), string(in)));
    }
    if (bool(in)) {
      b.revisionHistoryLimit((long) count(in, 20));
    }
    if (count(in, 4) == 0) {
      b.status(JsonObject.of("sync", JsonObject.of("status", JsonString.of("Synced"))));
    }
    return b.build();
  }

  private static ApplicationSource source(RandomnessSource in, boolean inSources) {
    String ref = inSources && bool(in) ? nonBlank(in) : "";
    ApplicationSource.Builder s = ApplicationSource.builder(nonBlank(in))
        .path(string(in)).targetRevision(string(in)).tagPrefix(string(in)).name(string(in)).ref(ref)
        .chart(ref.isEmpty() && bool(in) ? string(in) : "");
    if (bool(in)) {
      SourceHelm.Builder h = SourceHelm.builder();
      strings(in, 2).forEach(h::valueFile);
      h.ignoreMissingValueFiles(bool(in));
      for (int i = count(in, 2); i > 0; i--) {
        h.parameter(new HelmParameter(string(in), string(in), bool(in)));
      }
      for (int i = count(in, 1); i > 0; i--) {
        h.fileParameter(new HelmFileParameter(string(in), string(in)));
      }
      h.releaseName(string(in)).values(string(in)).skipCrds(bool(in)).skipTests(bool(in))
          .skipSchemaValidation(bool(in)).passCredentials(bool(in)).namespace(string(in))
          .kubeVersion(string(in)).version(string(in));
      strings(in, 2).forEach(h::apiVersion);
      if (bool(in)) {
        h.valuesObject(JsonObject.of(nonBlank(in), JsonObject.of("n",
            JsonNumber.of(count(in, 100)))));
      }
      s.helm(h.build());
    }
    if (bool(in)) {
      SourceJsonnet j = bool(in) ? null : new SourceJsonnet(
          List.of(new JsonnetVar(string(in), string(in), bool(in))),
          bool(in) ? List.of() : List.of(new JsonnetVar(string(in), string(in), bool(in))),
          strings(in, 2));
      s.directory(new SourceDirectory(bool(in), bool(in) ? "" : "*.yaml",
          bool(in) ? "" : "{a,b}/**", j, bool(in)));
    }
    if (count(in, 3) == 0) {
      s.kustomize(JsonObject.of("namePrefix", JsonString.of(string(in))));
    }
    return s.build();
  }

  private static SyncPolicy syncPolicy(RandomnessSource in) {
    Automated a = bool(in) ? null
        : new Automated(pointer(in), pointer(in), pointer(in), pointer(in));
    Retry r = null;
    if (bool(in)) {
      Backoff bo = bool(in) ? null : new Backoff(bool(in) ? "" : count(in, 60) + "s",
          bool(in) ? null : (long) count(in, 4) + 1, bool(in) ? "" : "1h30m");
      r = new Retry(in.next(Constraint.between(-1, 10)), bo, bool(in));
    }
    ManagedNamespaceMetadata m = bool(in) ? null : new ManagedNamespaceMetadata(map(in),
        map(in));
    return new SyncPolicy(a, strings(in, 3), r, m);
  }
}
