package io.gitopskit.core.patch.ssa;

import static io.gitopskit.core.patch.Json.obj;
import static io.gitopskit.core.patch.Json.yaml;
import static io.gitopskit.core.patch.TestTypes.DEPLOYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import io.gitopskit.core.patch.TestTypes;
import io.gitopskit.core.patch.TypeInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

class FieldSetTest {

  static List<String> fixtures() {
    return Fixtures.WITH_MANAGED_FIELDS;
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void managedFieldsOfRealObjects_roundTripExactly(String fixture) {
    JsonObject object = Fixtures.load(fixture);
    JsonArray raw = object.getObject("metadata").orElseThrow().getArray("managedFields")
        .orElseThrow();
    List<ManagedFieldsEntry> entries = ManagedFields.of(object);
    assertThat(entries).hasSize(raw.size());
    assertThat(ManagedFields.toJson(entries)).isEqualTo(withoutNullFields(raw));
    for (int i = 0; i < raw.size(); i++) {
      JsonObject fieldsV1 = ((JsonObject) raw.get(i)).getObject("fieldsV1").orElseThrow();
      FieldSet set = FieldSet.fromFieldsV1(fieldsV1);
      assertThat(set.toFieldsV1()).isEqualTo(fieldsV1);
      assertThat(FieldSet.ofPaths(set.paths())).isEqualTo(set);
      assertThat(set.size()).isEqualTo(set.paths().size());
    }
  }

  /** endpoints-live.json has {@code "time": null}, which the API server would omit. */
  private static JsonArray withoutNullFields(JsonArray entries) {
    JsonArray.Builder b = JsonArray.builder();
    for (JsonValue v : entries.items()) {
      JsonObject o = (JsonObject) v;
      for (String k : o.keys()) {
        if (o.getOrNull(k) instanceof io.gitopskit.core.json.JsonNull) {
          o = o.without(k);
        }
      }
      b.add(o);
    }
    return b.build();
  }

  @Test
  void of_followsStructuredMergeDiffMembership() {
    JsonObject deploy = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: prod
          uid: abc
          labels: {app: web}
          finalizers: [example.com/x]
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          strategy: {}
          template:
            spec:
              containers:
              - name: web
                image: nginx
                args: [a, b]
                ports:
                - containerPort: 80
                - {containerPort: 53, protocol: UDP}
        status: {replicas: 2}
        """);
    FieldSet set = FieldSet.of(TestTypes.INSTANCE, DEPLOYMENT, deploy);
    assertThat(set.toFieldsV1()).isEqualTo(obj("""
        {'f:metadata':{'f:labels':{'f:app':{}},'f:finalizers':{'v:\\"example.com/x\\"':{}}},
         'f:spec':{'f:replicas':{},'f:selector':{},'f:strategy':{},
          'f:template':{'f:spec':{'f:containers':{'k:{\\"name\\":\\"web\\"}':{'.':{},
            'f:name':{},'f:image':{},'f:args':{},
            'f:ports':{'k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}':{'.':{},
                         'f:containerPort':{}},
                       'k:{\\"containerPort\\":53,\\"protocol\\":\\"UDP\\"}':{'.':{},
                         'f:containerPort':{},'f:protocol':{}}}}}}}},
         'f:status':{'f:replicas':{}}}
        """.replace('\'', '"').replace("\\\"", "\\\"")));
    FieldPath image = FieldPath.fields("spec", "template", "spec", "containers")
        .append(new PathElement.Key(obj("{'name':'web'}"))).append(new PathElement.Field("image"));
    assertThat(set.contains(image)).isTrue();
    assertThat(image).hasToString(".spec.template.spec.containers[name=\"web\"].image");
    assertThat(set.contains(FieldPath.fields("metadata", "name"))).isFalse();
    assertThat(set.contains(FieldPath.fields("spec"))).isFalse();
  }

  @Test
  void paths_areInStructuredMergeDiffOrder_andPrintLikeTheApiServer() {
    FieldSet set = FieldSet.fromFieldsV1(obj("""
        {"f:spec":{"f:template":{"f:x":{}},"f:replicas":{},
          "f:ports":{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:port":{}}},
          "f:finalizers":{"v:\\"a\\"":{}},"f:list":{"i:10":{},"i:2":{}}}}
        """));
    assertThat(set.paths()).extracting(FieldPath::toString).containsExactly(
        ".spec.replicas",
        ".spec.finalizers[=\"a\"]",
        ".spec.list[2]", ".spec.list[10]",
        ".spec.ports[port=80,protocol=\"TCP\"]",
        ".spec.ports[port=80,protocol=\"TCP\"].port",
        ".spec.template.x");
  }

  @Test
  void setAlgebra_isMemberWise() {
    FieldSet a = FieldSet.ofPaths(List.of(FieldPath.fields("spec", "a"),
        FieldPath.fields("spec", "b"), FieldPath.fields("spec")));
    FieldSet b = FieldSet.ofPaths(List.of(FieldPath.fields("spec", "b"),
        FieldPath.fields("spec", "c")));
    assertThat(a.union(b).paths()).extracting(Object::toString)
        .containsExactly(".spec", ".spec.a", ".spec.b", ".spec.c");
    assertThat(a.intersection(b).paths()).extracting(Object::toString).containsExactly(".spec.b");
    assertThat(a.difference(b).paths()).extracting(Object::toString)
        .containsExactly(".spec", ".spec.a");
    assertThat(a.difference(a)).isEqualTo(FieldSet.empty());
    assertThat(a.difference(a).isEmpty()).isTrue();
    assertThat(a.child(new PathElement.Field("spec")).paths()).extracting(Object::toString)
        .containsExactly("", ".a", ".b");
  }

  @Test
  void keysAreWrittenAsGoWould() {
    PathElement e = new PathElement.Key(obj("{'name':'a<b>&c\\u2028','n':1.5}"));
    assertThat(e.fieldsV1Key())
        .isEqualTo("k:{\"n\":1.5,\"name\":\"a\\u003cb\\u003e\\u0026c\\u2028\"}");
    assertThat(PathElement.parse(e.fieldsV1Key())).isEqualTo(e);
    assertThat(PathElement.parse("v:true")).isEqualTo(new PathElement.Value(
        io.gitopskit.core.json.JsonBoolean.TRUE));
    assertThat(PathElement.parse("i:3")).hasToString("[3]");
  }

  @Test
  void malformedFieldsV1_isRefused() {
    for (String bad : List.of("{'x:a':{}}", "{'f:a':1}", "{'k:{broken':{}}", "{'k:[1]':{}}",
        "{'i:x':{}}", "{'v:1 2':{}}", "{'f':{}}")) {
      assertThatThrownBy(() -> FieldSet.fromFieldsV1(obj(bad))).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void property_fieldSetOfAnObject_roundTripsThroughFieldsV1() {
    qt().withExamples(300).forAll(objects()).checkAssert(o -> {
      for (TypeInfo types : List.of(TestTypes.INSTANCE, TypeInfo.JSON)) {
        FieldSet set = FieldSet.of(types, DEPLOYMENT, o);
        JsonObject v1 = set.toFieldsV1();
        assertThat(FieldSet.fromFieldsV1(v1)).isEqualTo(set);
        assertThat(FieldSet.fromFieldsV1(v1).toFieldsV1()).isEqualTo(v1);
        assertThat(FieldSet.ofPaths(set.paths())).isEqualTo(set);
        assertThat(set.union(set)).isEqualTo(set);
        assertThat(set.intersection(set)).isEqualTo(set);
      }
    });
  }

  private static final List<String> NAMES = List.of("web", "a<b>", "q\"uote", "ü", "x&y",
      "back\\slash", "new\nline", "dot.ted", "tab\t", "k:{}", ".");

  /** Deployment-shaped objects with awkward names and keys. */
  static Gen<JsonObject> objects() {
    return in -> {
      JsonArray.Builder containers = JsonArray.builder();
      int n = (int) in.next(Constraint.between(0, 3));
      for (int i = 0; i < n; i++) {
        JsonObject.Builder c = JsonObject.builder()
            .put("name", NAMES.get((int) in.next(Constraint.between(0, NAMES.size() - 1))));
        if (in.next(Constraint.between(0, 1)) == 1) {
          c.put("ports", JsonArray.of(JsonObject.builder()
              .put("containerPort", JsonNumber.of(in.next(Constraint.between(1, 3))))
              .build()));
        }
        if (in.next(Constraint.between(0, 1)) == 1) {
          c.put("env", JsonArray.of(JsonObject.of("name", JsonString.of(
              NAMES.get((int) in.next(Constraint.between(0, NAMES.size() - 1)))))));
        }
        c.put(NAMES.get((int) in.next(Constraint.between(0, NAMES.size() - 1))),
            in.next(Constraint.between(0, 1)) == 1 ? JsonObject.empty() : JsonArray.of(
                JsonString.of("x")));
        containers.add(c.build());
      }
      JsonValue finalizers = JsonArray.of(JsonString.of(
          NAMES.get((int) in.next(Constraint.between(0, NAMES.size() - 1)))));
      return JsonObject.builder()
          .put("metadata", JsonObject.builder().put("name", "x")
              .put("finalizers", finalizers)
              .put("labels", JsonObject.of(NAMES.get((int) in.next(
                  Constraint.between(0, NAMES.size() - 1))), JsonString.of("v"))).build())
          .put("spec", JsonObject.of("template", JsonObject.of("spec",
              JsonObject.of("containers", containers.build()))))
          .build();
    };
  }
}
