package io.gitopskit.git;

import io.gitopskit.core.source.SourceException;
import org.jspecify.annotations.Nullable;

/**
 * A Git operation failed. Sealed: one case per failure a caller can act on differently, so a
 * platform can tell "retry later" ({@link Unreachable}) from "fix the credentials" ({@link
 * AuthenticationFailed}) from "fix the application" ({@link RevisionNotFound}, {@link
 * UnsafeContent}, {@link SizeLimitExceeded}) from "someone pushed something untrusted" ({@link
 * SignatureRejected}).
 *
 * <p>A {@code GitException} is a {@link SourceException}, so {@link GitSource} honours the
 * {@code ManifestSource} contract: a failure is always thrown, never turned into an empty tree.
 * Messages name the repository (with any user-info removed from its URL), the revision and the
 * path; they never contain a password, token or private key.
 *
 * @since 0.1
 */
public abstract sealed class GitException extends SourceException
    permits GitException.Unreachable, GitException.AuthenticationFailed,
        GitException.RevisionNotFound, GitException.UnsafeContent,
        GitException.SizeLimitExceeded, GitException.SignatureRejected,
        GitException.PushRejected, GitException.Conflict {

  private static final long serialVersionUID = 1L;

  private GitException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the failure may go away by itself, so retrying later can succeed (network errors,
   * a revision not pushed yet, a remote that moved during a push).
   *
   * @return true for transient failures
   */
  public boolean isTransient() {
    return false;
  }

  /** The repository could not be reached or the transfer failed (network, protocol, I/O). */
  public static final class Unreachable extends GitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what failed, with a redacted URL
     * @param cause the transport failure, or null
     */
    public Unreachable(String message, @Nullable Throwable cause) {
      super(message, cause);
    }

    @Override
    public boolean isTransient() {
      return true;
    }
  }

  /**
   * The server refused the credentials, none matched a repository that needs them, or the
   * server could not itself be authenticated (an SSH host key not in {@code known_hosts}, a
   * TLS certificate not trusted).
   */
  public static final class AuthenticationFailed extends GitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what failed, with a redacted URL and no secret
     * @param cause the transport failure, or null
     */
    public AuthenticationFailed(String message, @Nullable Throwable cause) {
      super(message, cause);
    }

    @Override
    public boolean isTransient() {
      return true;
    }
  }

  /** The target revision names no branch, tag or commit of the repository. */
  public static final class RevisionNotFound extends GitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message which revision of which repository
     */
    public RevisionNotFound(String message) {
      super(message, null);
    }

    @Override
    public boolean isTransient() {
      return true;
    }
  }

  /**
   * The content at the commit is unsafe to read: a symlink that is absolute or leaves the
   * repository root, a path that escapes with {@code ..}, a symlink cycle (Argo CD's
   * CVE-2022-24904 class).
   */
  public static final class UnsafeContent extends GitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message which path and why
     */
    public UnsafeContent(String message) {
      super(message, null);
    }
  }

  /** The application's files exceed the size cap (10 MiB by default, as Argo CD). */
  public static final class SizeLimitExceeded extends GitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message the cap and the file at which it was exceeded
     */
    public SizeLimitExceeded(String message) {
      super(message, null);
    }
  }

  /** The commit (or annotated tag) is unsigned, or signed by a key that is not allowed. */
  public static final class SignatureRejected extends GitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message which commit and the reason
     */
    public SignatureRejected(String message) {
      super(message, null);
    }
  }

  /**
   * A push was refused and could not be replayed: the remote kept moving past the retry
   * budget, or it refused for another reason (a protected branch, an existing tag). Never
   * forced.
   */
  public static final class PushRejected extends GitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message which ref and the server's status
     */
    public PushRejected(String message) {
      super(message, null);
    }

    @Override
    public boolean isTransient() {
      return true;
    }
  }

  /** A change (a revert, or a commit replayed on a moved remote) conflicts with the head. */
  public static final class Conflict extends GitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what conflicts, naming the paths
     */
    public Conflict(String message) {
      super(message, null);
    }
  }
}
