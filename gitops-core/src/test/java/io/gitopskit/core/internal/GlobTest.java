package io.gitopskit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void star_crossesDirectorySeparators_asInArgoCd() {
    assertThat(Glob.compile("*.yaml").matches("a/b/c.yaml")).isTrue();
    assertThat(Glob.compile("*.yaml").matches("c.yml")).isFalse();
    assertThat(Glob.compile("env-usw2/*").matches("env-usw2/x/y.json")).isTrue();
  }

  @Test
  void braces_questionMarks_classes_andEscapes() {
    Glob g = Glob.compile("{config.json,env-usw2/*}");
    assertThat(g.matches("config.json")).isTrue();
    assertThat(g.matches("env-usw2/a.yaml")).isTrue();
    assertThat(g.matches("other.json")).isFalse();
    assertThat(Glob.compile("a?.yaml").matches("ab.yaml")).isTrue();
    assertThat(Glob.compile("[abc]x").matches("bx")).isTrue();
    assertThat(Glob.compile("[!abc]x").matches("bx")).isFalse();
    assertThat(Glob.compile("[a-c]x").matches("cx")).isTrue();
    assertThat(Glob.compile("\\*.yaml").matches("*.yaml")).isTrue();
    assertThat(Glob.compile("\\*.yaml").matches("a.yaml")).isFalse();
    assertThat(Glob.compile("a.b").matches("axb")).isFalse();
    assertThat(Glob.compile("{a,{b,c}}.yaml").matches("c.yaml")).isTrue();
  }

  @Test
  void malformedGlobs_areRefused() {
    assertThatThrownBy(() -> Glob.compile("{a,b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Glob.compile("[ab")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Glob.compile("a\\")).isInstanceOf(IllegalArgumentException.class);
  }
}
