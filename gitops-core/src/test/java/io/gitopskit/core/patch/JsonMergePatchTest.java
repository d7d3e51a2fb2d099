package io.gitopskit.core.patch;

import static io.gitopskit.core.patch.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.gitopskit.core.json.JsonArray;
import io.gitopskit.core.json.JsonBoolean;
import io.gitopskit.core.json.JsonNull;
import io.gitopskit.core.json.JsonNumber;
import io.gitopskit.core.json.JsonObject;
import io.gitopskit.core.json.JsonString;
import io.gitopskit.core.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

class JsonMergePatchTest {

  /** RFC 7386 Appendix A, every row. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{'a':'b'}                | {'a':'c'}                        | {'a':'c'}",
      "{'a':'b'}                | {'b':'c'}                        | {'a':'b','b':'c'}",
      "{'a':'b'}                | {'a':null}                       | {}",
      "{'a':'b','b':'c'}        | {'a':null}                       | {'b':'c'}",
      "{'a':['b']}              | {'a':'c'}                        | {'a':'c'}",
      "{'a':'c'}                | {'a':['b']}                      | {'a':['b']}",
      "{'a':{'b':'c'}}          | {'a':{'b':'d','c':null}}         | {'a':{'b':'d'}}",
      "{'a':[{'b':'c'}]}        | {'a':[1]}                        | {'a':[1]}",
      "['a','b']                | ['c','d']                        | ['c','d']",
      "{'a':'b'}                | ['c']                            | ['c']",
      "{'a':'foo'}              | null                             | null",
      "{'a':'foo'}              | \"bar\"                          | \"bar\"",
      "{'e':null}               | {'a':1}                          | {'e':null,'a':1}",
      "[1,2]                    | {'a':'b','c':null}               | {'a':'b'}",
      "{}                       | {'a':{'bb':{'ccc':null}}}        | {'a':{'bb':{}}}",
  })
  void apply_rfc7386AppendixA(String target, String patch, String result) {
    assertThat(JsonMergePatch.apply(parse(target), parse(patch))).isEqualTo(parse(result));
  }

  @Test
  void apply_rfc7386Section3Example() {
    JsonValue target = parse("{'title':'Goodbye!','author':{'givenName':'John',"
        + "'familyName':'Doe'},'tags':['example','sample'],'content':'This will be unchanged'}");
    JsonValue patch = parse("{'title':'Hello!','phoneNumber':'+01-123-456-7890',"
        + "'author':{'familyName':null},'tags':['example']}");
    assertThat(JsonMergePatch.apply(target, patch)).isEqualTo(parse("{'title':'Hello!',"
        + "'author':{'givenName':'John'},'tags':['example'],'content':'This will be unchanged',"
        + "'phoneNumber':'+01-123-456-7890'}"));
    assertThat(JsonMergePatch.diff(target, JsonMergePatch.apply(target, patch)))
        .isEqualTo(patch);
  }

  @Test
  void diff_isMinimal_andEmptyForEqualObjects() {
    JsonValue a = parse("{'x':{'y':1,'z':[1,2]},'keep':true}");
    assertThat(JsonMergePatch.diff(a, a)).isEqualTo(JsonObject.empty());
    assertThat(JsonMergePatch.diff(a, parse("{'x':{'y':2,'z':[1,2]},'keep':true}")))
        .isEqualTo(parse("{'x':{'y':2}}"));
    assertThat(JsonMergePatch.diff(a, parse("{'keep':true}"))).isEqualTo(parse("{'x':null}"));
    assertThat(JsonMergePatch.diff(a, parse("[1]"))).isEqualTo(parse("[1]"));
  }

  @Test
  void applyOfDiff_roundTripsForObjectsWithoutNullFields() {
    qt().withExamples(500).forAll(objects(), objects()).checkAssert((a, b) ->
        assertThat(JsonMergePatch.apply(a, JsonMergePatch.diff(a, b))).isEqualTo(b));
  }

  /** Objects without null fields (merge patches cannot express them); nulls in arrays ok. */
  static Gen<JsonObject> objects() {
    return in -> object(in, 3);
  }

  private static final List<String> KEYS = List.of("a", "b", "c", "d", "spec", "x/y", "~");

  private static JsonObject object(RandomnessSource in, int depth) {
    JsonObject.Builder b = JsonObject.builder();
    int n = (int) in.next(Constraint.between(0, 4));
    for (int i = 0; i < n; i++) {
      b.put(KEYS.get((int) in.next(Constraint.between(0, KEYS.size() - 1))),
          value(in, depth, false));
    }
    return b.build();
  }

  private static JsonValue value(RandomnessSource in, int depth, boolean nullOk) {
    int kind = (int) in.next(Constraint.between(0, depth > 0 ? 6 : 3));
    switch (kind) {
      case 0:
        return JsonString.of(KEYS.get((int) in.next(Constraint.between(0, KEYS.size() - 1))));
      case 1:
        return JsonNumber.of(in.next(Constraint.between(-3, 3)));
      case 2:
        return JsonBoolean.of(in.next(Constraint.between(0, 1)) == 1);
      case 3:
        return nullOk ? JsonNull.INSTANCE : JsonString.of("n");
      case 4:
      case 5:
        return object(in, depth - 1);
      default: {
        JsonArray.Builder a = JsonArray.builder();
        int n = (int) in.next(Constraint.between(0, 3));
        for (int i = 0; i < n; i++) {
          a.add(value(in, depth - 1, true));
        }
        return a.build();
      }
    }
  }
}
