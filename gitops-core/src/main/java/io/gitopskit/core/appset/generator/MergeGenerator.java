package io.gitopskit.core.appset.generator;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code merge}: two or more children and {@code mergeKeys}. The first child is the base; a set
 * of a later child overrides the base sets with the same values of the merge keys (a missing
 * key counts as null, so two sets that both lack it match). Later children's unmatched sets
 * are dropped; duplicate keys within any child (the base too) are an error. Output follows the
 * base order.
 */
final class MergeGenerator implements Generator {

  @Override
  public String type() {
    return "merge";
  }

  @Override
  public List<JsonObject> generate(JsonObject config, GeneratorContext context) {
    List<JsonObject> children = MatrixGenerator.Children.of(config, "merge", context);
    if (children.size() < 2) {
      throw new GeneratorException("found less than two generators, Merge requires two or more");
    }
    Set<String> keys = new LinkedHashSet<>();
    for (JsonValue k : config.getArray("mergeKeys").orElse(JsonArray.empty()).items()) {
      if (k instanceof JsonString s) {
        keys.add(s.value());
      }
    }
    if (keys.isEmpty()) {
      throw new GeneratorException("no merge keys were specified, Merge requires at least one");
    }
    GeneratorContext nested = context.nested();
    List<List<JsonObject>> all = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      try {
        all.add(context.generators().generate(children.get(i), nested));
      } catch (GeneratorException e) {
        throw new GeneratorException("error getting params from generator " + (i + 1) + " of "
            + children.size() + ": " + e.getMessage(), e);
      }
    }
    // keyed in the base child's order; every child, the base included, must be unique by key
    Map<String, JsonObject> base = byKey(keys, all.get(0));
    for (List<JsonObject> sets : all.subList(1, all.size())) {
      Map<String, JsonObject> overrides = byKey(keys, sets);
      base.replaceAll((k, set) -> {
        JsonObject over = overrides.get(k);
        if (over == null) {
          return set;
        }
        return context.goTemplate() ? Combine.deep(set, over, true) : Combine.override(set, over);
      });
    }
    return new ArrayList<>(base.values());
  }

  private static Map<String, JsonObject> byKey(Set<String> keys, List<JsonObject> sets) {
    Map<String, JsonObject> out = new LinkedHashMap<>();
    for (JsonObject set : sets) {
      String k = key(keys, set);
      if (out.putIfAbsent(k, set) != null) {
        throw new GeneratorException("error getting param sets by merge key: the parameters"
            + " from a generator were not unique by the given mergeKeys, Merge requires all"
            + " param sets to be unique. Duplicate key was " + k);
      }
    }
    return out;
  }

  private static String key(Set<String> keys, JsonObject set) {
    JsonObject.Builder b = JsonObject.builder();
    for (String k : keys) {
      JsonValue v = set.getOrNull(k);
      b.put(k, v == null ? JsonNull.INSTANCE : v);
    }
    return b.build().toJson();
  }
}
