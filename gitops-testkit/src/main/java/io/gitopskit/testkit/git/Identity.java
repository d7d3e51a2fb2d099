package io.gitopskit.testkit.git;

import java.util.Objects;

/**
 * A Git author or committer: a name and an e-mail address.
 *
 * @param name the name, not blank
 * @param email the e-mail address, possibly empty
 * @since 0.1
 */
public record Identity(String name, String email) {

  /** Validates the components. */
  public Identity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (hasForbidden(name) || hasForbidden(email)) {
      throw new IllegalArgumentException("name and email must not contain '<', '>' or newlines");
    }
  }

  /**
   * An identity.
   *
   * @param name the name
   * @param email the e-mail address
   * @return the identity
   */
  public static Identity of(String name, String email) {
    return new Identity(name, email);
  }

  private static boolean hasForbidden(String s) {
    return s.indexOf('<') >= 0 || s.indexOf('>') >= 0 || s.indexOf('\n') >= 0;
  }

  /** {@code name <email>}, as Git writes it. */
  @Override
  public String toString() {
    return name + " <" + email + ">";
  }
}
