package io.gitopskit.testkit;

import io.gitopskit.core.cluster.FieldCause;
import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.schema.AnyShape;
import io.gitopskit.core.schema.ArrayShape;
import io.gitopskit.core.schema.KubernetesSchema;
import io.gitopskit.core.schema.ObjectShape;
import io.gitopskit.core.schema.Shape;
import io.gitopskit.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validation from the schema, as the API server reports it: required fields ({@code
 * spec.template.spec.containers[0].image: Required value}; {@code metadata} and {@code status}
 * are not checked, the server validates them with other rules), and, for {@code
 * fieldValidation=Strict}, fields the schema does not declare ({@code unknown field
 * "spec.foo"}).
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

  /**
   * The fields of an object that its schema does not declare, in document order: what {@code
   * fieldValidation=Strict} rejects. Maps, {@code x-kubernetes-preserve-unknown-fields} and
   * free-form values ({@link AnyShape}) accept any key; kinds without a schema are not checked.
   *
   * @param schema the schema
   * @param obj the object as sent
   * @return the dotted paths of the unknown fields, e.g. {@code spec.template.spec.foo}
   */
  static List<String> unknownFields(KubernetesSchema schema, Manifest obj) {
    List<String> unknown = new ArrayList<>();
    Optional<Shape> shape = schema.shapeOf(obj.gvk());
    if (shape.isPresent()) {
      unknown(shape.get(), obj.root(), "", unknown, 0);
    }
    return unknown;
  }

  private static void unknown(Shape shape, JsonValue value, String path, List<String> out,
      int depth) {
    if (depth > MAX_DEPTH || shape instanceof AnyShape) {
      return;
    }
    if (shape instanceof ObjectShape o && value instanceof JsonObject obj) {
      for (int i = 0; i < obj.size(); i++) {
        String key = obj.keyAt(i);
        Optional<Shape> field = o.field(key);
        String child = o.isMap() ? path + "[" + key + "]"
            : path.isEmpty() ? key : path + "." + key;
        if (field.isEmpty()) {
          out.add(child);
        } else {
          unknown(field.get(), obj.valueAt(i), child, out, depth + 1);
        }
      }
    } else if (shape instanceof ArrayShape a && value instanceof JsonArray arr) {
      for (int i = 0; i < arr.size(); i++) {
        unknown(a.items(), arr.get(i), path + "[" + i + "]", out, depth + 1);
      }
    }
  }

  private static boolean present(JsonObject obj, String field) {
    JsonValue v = obj.getOrNull(field);
    return v != null && !(v instanceof JsonNull);
  }
}
