package io.gitopskit.git.revision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemverConstraintTest {

  private static SemanticVersion v(String s) {
    return SemanticVersion.parse(s).orElseThrow();
  }

  @ParameterizedTest(name = "{0} matches {1}: {2}")
  @CsvSource(delimiter = ';', value = {
      ">=1.2.0 <2.0.0 ; 1.2.0       ; true",
      ">=1.2.0 <2.0.0 ; 1.9.9       ; true",
      ">=1.2.0 <2.0.0 ; 2.0.0       ; false",
      ">=1.2.0 <2.0.0 ; 1.1.9       ; false",
      ">=1.2.0, <2.0.0 ; 1.5.0      ; true",
      "1.x            ; 1.0.0       ; true",
      "1.x            ; 1.99.3      ; true",
      "1.x            ; 2.0.0       ; false",
      "1.2.*          ; 1.2.7       ; true",
      "1.2.*          ; 1.3.0       ; false",
      "*              ; 7.0.0       ; true",
      "~1.2.3         ; 1.2.9       ; true",
      "~1.2.3         ; 1.3.0       ; false",
      "~1             ; 1.9.0       ; true",
      "^1.2.3         ; 1.9.0       ; true",
      "^1.2.3         ; 2.0.0       ; false",
      "^0.2.3         ; 0.2.9       ; true",
      "^0.2.3         ; 0.3.0       ; false",
      "^0.0.3         ; 0.0.4       ; false",
      "1.2 - 1.4.5    ; 1.4.5       ; true",
      "1.2 - 1.4.5    ; 1.4.6       ; false",
      "!=1.2.3        ; 1.2.3       ; false",
      "!=1.2.3        ; 1.2.4       ; true",
      ">1.x           ; 1.9.0       ; false",
      ">1.x           ; 2.0.0       ; true",
      "<=1.2.x        ; 1.2.9       ; true",
      "<=1.2.x        ; 1.3.0       ; false",
      "^1.0 || ~3.1   ; 3.1.4       ; true",
      "^1.0 || ~3.1   ; 2.0.0       ; false",
      ">=1.0.0        ; 2.0.0-rc.1  ; false",
      ">=2.0.0-rc.0   ; 2.0.0-rc.1  ; true",
      // Masterminds v3: every comparator of a group must name a pre-release for a
      // pre-release version to pass it (a bare "!=" excepted)
      ">=2.0.0-rc.0 <2.1.0   ; 2.0.0-rc.1 ; false",
      ">=2.0.0-rc.0 <2.1.0-0 ; 2.0.0-rc.1 ; true",
      ">=2.0.0-rc.0 <2.1.0-0 ; 2.0.0    ; true",
      ">=1.0.0-0 !=1.2.3     ; 1.3.0-rc.1 ; true",
      ">=1.0.0-0 !=1.x       ; 1.3.0-rc.1 ; false",
      "^1.2.3-beta.1  ; 1.2.3-beta.2 ; true",
      "^1.2.3-beta.1  ; 1.2.3-alpha  ; false",
      "~1.2.3-0       ; 1.2.5-alpha  ; true",
      "1.x || >=2.0.0-0 ; 2.1.0-rc.1 ; true",
      "1.x || >=2.0.0 ; 2.1.0-rc.1  ; false",
      // a "v" on either side
      "v1.x           ; 1.5.0       ; true",
      ">=v1.2.0       ; v1.2.0      ; true",
      "=v1.2.3        ; 1.2.3       ; true",
      "1.2.3          ; v1.2.3      ; true",
      "> 1.0          ; 1.0.1       ; false",
      "> 1.0          ; 1.1.0       ; true",
  })
  void matchesLikeMastermindsSemver(String constraint, String version, boolean expected) {
    assertThat(SemverConstraint.parse(constraint).orElseThrow().matches(v(version)))
        .isEqualTo(expected);
  }

  @Test
  void notConstraints() {
    assertThat(SemverConstraint.parse("main")).isEmpty();
    assertThat(SemverConstraint.parse("feature/x")).isEmpty();
    assertThat(SemverConstraint.parse("")).isEmpty();
    assertThat(SemverConstraint.parse("1.x.3")).isEmpty();
    assertThat(SemverConstraint.parse(">=")).isEmpty();
  }

  @Test
  void versionsParseLooselyAndOrderBySemverPrecedence() {
    assertThat(v("v1.2")).isEqualTo(new SemanticVersion(1, 2, 0, "", ""));
    assertThat(SemanticVersion.parse("release-1")).isEmpty();
    List<SemanticVersion> sorted = new ArrayList<>(List.of(v("1.0.0"), v("1.0.0-rc.1"),
        v("1.0.0-beta.11"), v("1.0.0-beta.2"), v("1.0.0-beta"), v("1.0.0-alpha.1"),
        v("1.0.0-alpha")));
    sorted.sort(null);
    assertThat(sorted).extracting(SemanticVersion::toString).containsExactly("1.0.0-alpha",
        "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
  }

  @Test
  void amongEqualPrecedenceTheChoiceDoesNotDependOnInputOrder() {
    SemverConstraint c = SemverConstraint.parse("1.x").orElseThrow();
    List<SemanticVersion> vs = new ArrayList<>(List.of(v("1.5.0+b"), v("1.5.0+a"), v("1.4.0")));
    SemanticVersion first = c.highest(vs).orElseThrow();
    java.util.Collections.reverse(vs);
    assertThat(c.highest(vs)).contains(first);
    assertThat(first.toString()).isEqualTo("1.5.0+a");
  }

  @Test
  void highestIsAMatchAndNoGreaterCandidateMatches() {
    SemverConstraint c = SemverConstraint.parse(">=1.2.0 <3.0.0").orElseThrow();
    qt().forAll(lists().of(integers().between(0, 40)).ofSizeBetween(0, 30))
        .checkAssert(codes -> {
          List<SemanticVersion> vs = new ArrayList<>();
          for (int code : codes) {
            vs.add(new SemanticVersion(code / 10, code % 10, code % 3, "", ""));
          }
          var best = c.highest(vs);
          for (SemanticVersion x : vs) {
            if (c.matches(x)) {
              assertThat(best).isPresent();
              assertThat(x.compareTo(best.get())).isLessThanOrEqualTo(0);
            }
          }
          best.ifPresent(b -> assertThat(c.matches(b)).isTrue());
        });
  }
}
