package io.gitopskit.git;

import io.gitopskit.core.source.SourceException;
import org.jspecify.annotations.Nullable;

/**
 * A Git operation failed. Sealed: one case per failure a caller can act on differently, so a
 * platform can tell "retry later" ({@link Unreachable}) from "fix the credentials" ({@link
 * AuthenticationFailed}) from "fix the application" ({@link RevisionNotFound}, {@link
 * UnsafeContent}, {@link SizeLimitExceeded}) from "someone pushed something untrusted" ({@link
 * SignatureRejected}) from "the server will not take this push" ({@link PushDeclined}).
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
        GitException.PushRejected, GitException.PushDeclined, GitException.Conflict {

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
   * A push could not land because of the remote's state: the branch kept moving past the
   * push budget (each attempt was rebuilt on the new head), or the tag already exists. Never
   * forced. A refusal for any other reason is a {@link PushDeclined}.
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

  /**
   * The server refused a push for a reason other than the remote having moved: a pre-receive
   * or update hook declined it, the branch is protected, the account may not push. Reported
   * after the first push, never rebuilt or retried, since pushing again would be refused
   * again. Carries what the server said ({@link #status()}, {@link #reason()}, {@link
   * #remoteMessages()}), with credentials masked.
   */
  public static final class PushDeclined extends GitException {
    private static final long serialVersionUID = 1L;

    private final String ref;
    private final String status;
    private final String reason;
    private final String remoteMessages;

    /**
     * Creates the failure.
     *
     * @param message which ref of which repository, and what the server said
     * @param ref the refused ref, e.g. {@code refs/heads/main}
     * @param status the ref's push status, e.g. {@code REJECTED_OTHER_REASON}
     * @param reason the server's reason for the ref, e.g. {@code pre-receive hook declined},
     *     or empty
     * @param remoteMessages the server's other output during the push (what its hooks
     *     printed), or empty
     */
    public PushDeclined(String message, String ref, String status, String reason,
        String remoteMessages) {
      super(message, null);
      this.ref = java.util.Objects.requireNonNull(ref, "ref");
      this.status = java.util.Objects.requireNonNull(status, "status");
      this.reason = java.util.Objects.requireNonNull(reason, "reason");
      this.remoteMessages = java.util.Objects.requireNonNull(remoteMessages, "remoteMessages");
    }

    /**
     * The refused ref.
     *
     * @return the full ref name
     */
    public String ref() {
      return ref;
    }

    /**
     * The ref's push status.
     *
     * @return e.g. {@code REJECTED_OTHER_REASON} or {@code REJECTED_NODELETE}
     */
    public String status() {
      return status;
    }

    /**
     * The server's reason for refusing the ref (Git's {@code ng <ref> <reason>}).
     *
     * @return e.g. {@code pre-receive hook declined}, or empty when the server gave none
     */
    public String reason() {
      return reason;
    }

    /**
     * The server's other output during the push, as Git shows it after {@code remote:}
     * (what a declining hook printed), with credentials masked.
     *
     * @return the text, or empty
     */
    public String remoteMessages() {
      return remoteMessages;
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
