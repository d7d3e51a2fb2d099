package io.gitopskit.core.patch;

import static io.gitopskit.core.patch.Json.arr;
import static io.gitopskit.core.patch.Json.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitopskit.core.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPatchTest {

  /** RFC 6902 Appendix A: the examples that succeed (A.1-A.8, A.10, A.11, A.14, A.16). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "A.1 | {'foo':'bar'} | [{'op':'add','path':'/baz','value':'qux'}]"
          + " | {'baz':'qux','foo':'bar'}",
      "A.2 | {'foo':['bar','baz']} | [{'op':'add','path':'/foo/1','value':'qux'}]"
          + " | {'foo':['bar','qux','baz']}",
      "A.3 | {'baz':'qux','foo':'bar'} | [{'op':'remove','path':'/baz'}] | {'foo':'bar'}",
      "A.4 | {'foo':['bar','qux','baz']} | [{'op':'remove','path':'/foo/1'}]"
          + " | {'foo':['bar','baz']}",
      "A.5 | {'baz':'qux','foo':'bar'} | [{'op':'replace','path':'/baz','value':'boo'}]"
          + " | {'baz':'boo','foo':'bar'}",
      "A.6 | {'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}"
          + " | [{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]"
          + " | {'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}",
      "A.7 | {'foo':['all','grass','cows','eat']} | [{'op':'move','from':'/foo/1','path':'/foo/3'}]"
          + " | {'foo':['all','cows','eat','grass']}",
      "A.8 | {'baz':'qux','foo':['a',2,'c']}"
          + " | [{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}]"
          + " | {'baz':'qux','foo':['a',2,'c']}",
      "A.10 | {'foo':'bar'} | [{'op':'add','path':'/child','value':{'grandchild':{}}}]"
          + " | {'foo':'bar','child':{'grandchild':{}}}",
      "A.11 | {'foo':'bar'} | [{'op':'add','path':'/baz','value':'qux','xyz':123}]"
          + " | {'foo':'bar','baz':'qux'}",
      "A.14 | {'/':9,'~1':10} | [{'op':'test','path':'/~01','value':10}] | {'/':9,'~1':10}",
      "A.16 | {'foo':['bar']} | [{'op':'add','path':'/foo/-','value':['abc','def']}]"
          + " | {'foo':['bar',['abc','def']]}",
  })
  void apply_rfc6902AppendixA(String name, String doc, String patch, String result) {
    assertThat(JsonPatch.apply(parse(doc), arr(patch))).isEqualTo(parse(result));
  }

  @Test
  void a9_failedTest_namesOperationAndPath_butNoValue() {
    assertThatThrownBy(() -> JsonPatch.apply(parse("{'baz':'qux','foo':'bar'}"),
        arr("[{'op':'add','path':'/n','value':1},{'op':'test','path':'/baz','value':'bar'}]")))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("operation 1 (test)")
        .hasMessageContaining("\"/baz\"")
        .satisfies(e -> {
          assertThat(e.getMessage()).doesNotContain("qux").doesNotContain("bar");
          assertThat(((PatchException) e).operation()).hasValue(1);
          assertThat(((PatchException) e).path()).isEqualTo("/baz");
        });
  }

  @Test
  void a12_addingToNonexistentTarget_fails() {
    assertThatThrownBy(() -> JsonPatch.apply(parse("{'foo':'bar'}"),
        arr("[{'op':'add','path':'/baz/bat','value':'qux'}]")))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("operation 0 (add)")
        .hasMessageContaining("/baz/bat");
  }

  @Test
  void a15_stringsAndNumbersDiffer() {
    assertThatThrownBy(() -> JsonPatch.apply(parse("{'/':9,'~1':10}"),
        arr("[{'op':'test','path':'/~01','value':'10'}]")))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("/~01");
  }

  @Test
  void malformedOperations_areRefused() {
    JsonValue doc = parse("{'a':[1,2]}");
    String[] bad = {
        "[{'path':'/a'}]",
        "[{'op':'jump','path':'/a'}]",
        "[{'op':'add','value':1}]",
        "[{'op':'add','path':'/a/0'}]",
        "[{'op':'add','path':'a','value':1}]",
        "[{'op':'add','path':'/a/~2','value':1}]",
        "[{'op':'add','path':'/a/01','value':1}]",
        "[{'op':'add','path':'/a/3','value':1}]",
        "[{'op':'remove','path':'/a/-'}]",
        "[{'op':'remove','path':'/a/2'}]",
        "[{'op':'remove','path':''}]",
        "[{'op':'replace','path':'/b','value':1}]",
        "[{'op':'move','from':'/a','path':'/a/0'}]",
        "[{'op':'move','path':'/b'}]",
        "[{'op':'copy','from':'/nope','path':'/b'}]",
        "[{'op':'add','path':'/a/0/x','value':1}]",
        "[1]",
    };
    for (String patch : bad) {
      assertThatThrownBy(() -> JsonPatch.apply(doc, arr(patch))).as(patch)
          .isInstanceOf(PatchException.class)
          .hasMessageContaining("operation 0");
    }
  }

  @Test
  void rootOperations_andCopyAndMoveToSelf() {
    JsonValue doc = parse("{'a':{'b':1}}");
    assertThat(JsonPatch.apply(doc, arr("[{'op':'replace','path':'','value':[1]}]")))
        .isEqualTo(parse("[1]"));
    assertThat(JsonPatch.apply(doc, arr("[{'op':'add','path':'','value':{'z':1}}]")))
        .isEqualTo(parse("{'z':1}"));
    assertThat(JsonPatch.apply(doc, arr("[{'op':'copy','from':'/a','path':'/c'}]")))
        .isEqualTo(parse("{'a':{'b':1},'c':{'b':1}}"));
    assertThat(JsonPatch.apply(doc, arr("[{'op':'move','from':'/a','path':'/a'}]")))
        .isEqualTo(doc);
    assertThat(JsonPatch.apply(doc, arr("[{'op':'add','path':'/a/b','value':null}]")))
        .isEqualTo(parse("{'a':{'b':null}}"));
  }

  @Test
  void failure_leavesTheTargetUnchanged() {
    JsonValue doc = parse("{'a':1}");
    assertThatThrownBy(() -> JsonPatch.apply(doc,
        arr("[{'op':'remove','path':'/a'},{'op':'test','path':'/a','value':1}]")))
        .isInstanceOf(PatchException.class).hasMessageContaining("operation 1");
    assertThat(doc).isEqualTo(parse("{'a':1}"));
  }
}
