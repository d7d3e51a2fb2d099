package io.gitopskit.testkit;

import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.schema.ArrayShape;
import io.gitopskit.core.schema.KubernetesSchema;
import io.gitopskit.core.schema.ObjectShape;
import io.gitopskit.core.schema.Shape;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Required-field validation from the schema, as the API server reports it:
 * {@code spec.template.spec.containers[0].image: Required value}. {@code metadata} and
 * {@code status} are not checked (the server validates them with other rules).
 */
final class SchemaValidation {

  private static final int MAX_DEPTH = 64;

  private SchemaValidation() {}

  static List<FieldCause> requiredFields(KubernetesSchema schema, Manifest obj) {
    List<FieldCause> causes = new ArrayList<>();
    Optional<Shape> shape = schema.shapeOf(obj.gvk());
    if (shape.isPresent() && shape.get() instanceof ObjectShape root) {
      for (int i = 0; i < obj.root().size(); i++) {
        String key = obj.root().keyAt(i);
        if (key.equals("metadata") || key.equals("status") || key.equals("apiVersion")
            || key.equals("kind")) {
          continue;
        }
        Optional<Shape> field = root.field(key);
        if (field.isPresent()) {
          check(field.get(), obj.root().valueAt(i), key, causes, 0);
        }
      }
      for (String required : root.required()) {
        if (!required.equals("metadata") && !present(obj.root(), required)) {
          causes.add(new FieldCause("FieldValueRequired", "Required value", required));
        }
      }
    }
    return causes;
  }

  private static void check(Shape shape, JsonValue value, String path, List<FieldCause> causes,
      int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    if (shape instanceof ObjectShape o && value instanceof JsonObject obj) {
      if (o.isMap()) {
        Optional<Shape> values = o.additionalProperties();
        if (values.isPresent()) {
          for (int i = 0; i < obj.size(); i++) {
            check(values.get(), obj.valueAt(i), path + "[" + obj.keyAt(i) + "]", causes,
                depth + 1);
          }
        }
        return;
      }
      for (String required : o.required()) {
        if (!present(obj, required)) {
          causes.add(new FieldCause("FieldValueRequired", "Required value",
              path + "." + required));
        }
      }
      for (int i = 0; i < obj.size(); i++) {
        Optional<Shape> field = o.field(obj.keyAt(i));
        if (field.isPresent()) {
          check(field.get(), obj.valueAt(i), path + "." + obj.keyAt(i), causes, depth + 1);
        }
      }
    } else if (shape instanceof ArrayShape a && value instanceof JsonArray arr) {
      for (int i = 0; i < arr.size(); i++) {
        check(a.items(), arr.get(i), path + "[" + i + "]", causes, depth + 1);
      }
    }
  }

  private static boolean present(JsonObject obj, String field) {
    JsonValue v = obj.getOrNull(field);
    return v != null && !(v instanceof JsonNull);
  }
}
