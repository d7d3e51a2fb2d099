package io.gitopskit.core.patch;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/** QuickTheories generator of small Deployments for merge properties. */
public final class DeploymentGen {

  private DeploymentGen() {}

  /**
   * Deployments with merge-keyed containers, env and ports, atomic args and finalizers.
   *
   * @return the generator
   */
  public static Gen<JsonObject> deployments() {
    return deployments(true);
  }

  /**
   * Like {@link #deployments()}, but every list has at least one item (lists that would be
   * empty are left out).
   *
   * @return the generator
   */
  public static Gen<JsonObject> withoutEmptyLists() {
    return deployments(false);
  }

  private static JsonObject.Builder putList(JsonObject.Builder b, String field, JsonArray list,
      boolean emptyOk) {
    return list.isEmpty() && !emptyOk ? b : b.put(field, list);
  }

  private static Gen<JsonObject> deployments(boolean emptyOk) {
    return in -> {
      JsonObject.Builder meta = JsonObject.builder().put("name", "web");
      JsonObject.Builder labels = JsonObject.builder().put("app", word(in));
      if (flip(in)) {
        labels.put("tier", word(in));
      }
      meta.put("labels", labels.build());
      if (flip(in)) {
        putList(meta, "finalizers", JsonArray.of(subset(in, List.of("a", "b", "c")).stream()
            .map(s -> (JsonValue) JsonString.of(s)).toList()), emptyOk);
      }
      JsonArray.Builder containers = JsonArray.builder();
      for (String name : subset(in, List.of("app", "side", "init"))) {
        JsonObject.Builder c = JsonObject.builder().put("name", name);
        if (flip(in)) {
          c.put("image", name + ":" + in.next(Constraint.between(1, 3)));
        }
        if (flip(in)) {
          c.put("args", JsonArray.of(JsonString.of(word(in))));
        }
        if (flip(in)) {
          JsonArray.Builder env = JsonArray.builder();
          for (String e : subset(in, List.of("A", "B", "C"))) {
            env.add(JsonObject.builder().put("name", e).put("value", word(in)).build());
          }
          putList(c, "env", env.build(), emptyOk);
        }
        if (flip(in)) {
          JsonArray.Builder ports = JsonArray.builder();
          for (String p : subset(in, List.of("80", "443"))) {
            ports.add(JsonObject.of("containerPort", JsonNumber.of(Long.parseLong(p))));
          }
          putList(c, "ports", ports.build(), emptyOk);
        }
        containers.add(c.build());
      }
      JsonObject.Builder spec = JsonObject.builder();
      if (flip(in)) {
        spec.put("replicas", JsonNumber.of(in.next(Constraint.between(0, 3))));
      }
      JsonArray list = containers.build();
      if (!list.isEmpty() || emptyOk) {
        spec.put("template", JsonObject.of("spec", JsonObject.of("containers", list)));
      }
      return JsonObject.builder().put("apiVersion", "apps/v1").put("kind", "Deployment")
          .put("metadata", meta.build()).put("spec", spec.build()).build();
    };
  }

  private static boolean flip(RandomnessSource in) {
    return in.next(Constraint.between(0, 1)) == 1;
  }

  private static String word(RandomnessSource in) {
    return pick(in, "x", "y", "z");
  }

  private static String pick(RandomnessSource in, String... options) {
    return options[(int) in.next(Constraint.between(0, options.length - 1))];
  }

  /** A random subset in random order. */
  private static List<String> subset(RandomnessSource in, List<String> all) {
    List<String> out = new ArrayList<>();
    for (String s : all) {
      if (flip(in)) {
        out.add(s);
      }
    }
    for (int i = out.size() - 1; i > 0; i--) {
      Collections.swap(out, i, (int) in.next(Constraint.between(0, i)));
    }
    return out;
  }
}
