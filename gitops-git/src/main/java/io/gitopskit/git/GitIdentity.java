package io.gitopskit.git;

import java.util.Objects;

/**
 * A Git author, committer or tagger.
 *
 * @param name the name, not blank
 * @param email the e-mail address, possibly empty
 * @since 0.1
 */
public record GitIdentity(String name, String email) {

  /** Validates the components. */
  public GitIdentity {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    Objects.requireNonNull(email, "email");
  }
}
