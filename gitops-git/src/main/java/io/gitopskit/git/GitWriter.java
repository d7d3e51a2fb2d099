package io.gitopskit.git;

import io.gitopskit.git.internal.Mirror;
import io.gitopskit.git.internal.Redaction;
import io.gitopskit.git.internal.Remotes;
import io.gitopskit.git.internal.Retrying;
import io.gitopskit.git.internal.TreePaths;
import io.gitopskit.git.internal.Transports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.jspecify.annotations.Nullable;

/**
 * Writes to Git for promotion and rollback: commits file changes (bump an image tag, replace a
 * values file in one environment's folder), reverts a commit, creates tags, and pushes them
 * with the configured credentials.
 *
 * <p>Commits are built in memory on the branch's current head (no working tree) and pushed
 * without force. When the push is refused because the remote moved (a non-fast-forward, or
 * the server lost the ref to another push while updating it), the change is rebuilt on the new
 * head and pushed again, up to {@code maxPushAttempts}; after that a {@link
 * GitException.PushRejected} is thrown. Any other refusal (a hook declined it, a protected
 * branch, no permission) is thrown at once as a {@link GitException.PushDeclined} carrying
 * the server's reason and output, credentials masked. History is never rewritten. Network and
 * authentication failures are retried per the {@link RetryPolicy}.
 *
 * <p>Results and messages name paths, refs and commits, never file contents (a values file
 * may hold a password); what the server prints during a refused push is passed on as it is,
 * with credentials masked.
 *
 * {@snippet :
 * try (GitWriter writer = GitWriter.builder().workDirectory(dir).credentials(creds).build()) {
 *   CommitResult r = writer.commit(new CommitRequest(url, "main",
 *       List.of(FileChange.edit("envs/prod/web/values.yaml",
 *           text -> text.replace("tag: 1.4.1", "tag: 1.4.2"))),
 *       "prod: web 1.4.2", bot, bot));
 * }
 * }
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class GitWriter implements AutoCloseable {

  private final Remotes remotes;
  private final Transports transports;
  private final Retrying retrying;
  private final int maxPushAttempts;
  private final Clock clock;

  /** At most this much of the server's text goes into a message. */
  private static final int MAX_SERVER_TEXT = 4000;

  private GitWriter(Builder b) {
    this.remotes = new Remotes(b.requireDirectory("workDirectory"), b.credentials, b.timeout,
        b.retry, b.sleeper);
    this.transports = remotes.transports();
    this.retrying = remotes.retrying();
    this.maxPushAttempts = b.maxPushAttempts;
    this.clock = b.clock;
  }

  /**
   * A builder; {@link Builder#workDirectory} is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a new commit tree on a head; returns null when the tree would not change. */
  @FunctionalInterface
  private interface TreeChange {
    @Nullable ObjectId apply(Repository repo, ObjectInserter ins, RevCommit head)
        throws IOException;
  }

  /**
   * Commits file changes on a branch and pushes them.
   *
   * @param request the changes, message and identities
   * @return the new head, or the old one when nothing changed
   * @throws GitException.RevisionNotFound if the branch does not exist
   * @throws GitException.PushRejected if the remote kept moving past {@code maxPushAttempts}
   * @throws GitException.PushDeclined if the server refused the push for another reason
   * @throws GitException for other Git failures (typed)
   */
  public CommitResult commit(CommitRequest request) {
    for (FileChange c : request.changes()) {
      String path = TreePaths.normalize(c.path());
      if (path.isEmpty()) {
        throw new IllegalArgumentException("a file change needs a file path, got \""
            + c.path() + "\"");
      }
      try { // what Git refuses to check out (.git in any spelling, NTFS/HFS aliases of it)
        new org.eclipse.jgit.lib.ObjectChecker().setSafeForWindows(false).setSafeForMacOS(true)
            .checkPath(path);
      } catch (org.eclipse.jgit.errors.CorruptObjectException e) {
        throw new GitException.UnsafeContent("unsafe file path \"" + c.path() + "\": "
            + e.getMessage());
      }
    }
    return commitOnBranch(request.repoUrl(), request.branch(), request.message(),
        request.author(), request.committer(),
        (repo, ins, head) -> applyChanges(repo, ins, head, request.changes()));
  }

  /**
   * Reverts a commit on a branch (a new commit undoing its changes) and pushes it.
   *
   * @param repoUrl the repository URL
   * @param branch the branch
   * @param commit the commit to revert (any revision naming a non-merge commit)
   * @param author the author
   * @param committer the committer
   * @param message the message, or null for Git's {@code Revert "subject"} message
   * @return the new head
   * @throws GitException.Conflict if later changes conflict with the revert
   * @throws GitException for other Git failures (typed)
   */
  public CommitResult revert(String repoUrl, String branch, String commit, GitIdentity author,
      GitIdentity committer, @Nullable String message) {
    Mirror mirror = fetched(repoUrl);
    String target = mirror.resolve(commit).commit();
    String msg;
    try (RevWalk walk = new RevWalk(mirror.repository())) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(target));
      if (c.getParentCount() != 1) {
        throw new GitException.Conflict("cannot revert " + target + " of "
            + mirror.displayUrl() + ": it has " + c.getParentCount() + " parents");
      }
      msg = message != null ? message : "Revert \"" + c.getShortMessage() + "\"\n\n"
          + "This reverts commit " + target + ".\n";
    } catch (IOException e) {
      throw new GitException.Unreachable("failed to read " + target, e);
    }
    return commitOnBranch(repoUrl, branch, msg, author, committer, (repo, ins, head) -> {
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit c = walk.parseCommit(ObjectId.fromString(target));
        RevCommit parent = walk.parseCommit(c.getParent(0));
        ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE
            .newMerger(ins, repo.getConfig());
        merger.setBase(c.getTree());
        if (!merger.merge(head, parent)) {
          throw new GitException.Conflict("cannot revert " + target + " on " + branch + " of "
              + mirror.displayUrl() + ": conflicts in " + merger.getUnmergedPaths());
        }
        ObjectId tree = merger.getResultTreeId();
        return tree.equals(head.getTree()) ? null : tree;
      }
    });
  }

  /**
   * Creates a tag and pushes it; an existing tag is never moved.
   *
   * @param repoUrl the repository URL
   * @param name the tag name, e.g. {@code v1.4.0}
   * @param revision the commit to tag (any revision)
   * @param message the annotation message, or null for a lightweight tag
   * @param tagger the tagger (annotated tags)
   * @return the tag
   * @throws GitException.PushRejected if the tag exists on the remote
   * @throws GitException.PushDeclined if the server refused the push for another reason
   */
  public TagResult tag(String repoUrl, String name, String revision, @Nullable String message,
      GitIdentity tagger) {
    if (!org.eclipse.jgit.lib.Repository.isValidRefName(Constants.R_TAGS + name)) {
      throw new IllegalArgumentException("not a valid tag name: \"" + name + "\"");
    }
    Mirror mirror = fetched(repoUrl);
    Repository repo = mirror.repository();
    String commit = mirror.resolve(revision).commit();
    try {
      if (repo.exactRef(Constants.R_TAGS + name) != null) {
        throw new GitException.PushRejected("failed to create tag " + name + " on "
            + mirror.displayUrl() + ": the tag already exists");
      }
      ObjectId object;
      try (ObjectInserter ins = repo.newObjectInserter()) {
        if (message == null) {
          object = ObjectId.fromString(commit);
        } else {
          TagBuilder t = new TagBuilder();
          t.setTag(name);
          t.setObjectId(ObjectId.fromString(commit), Constants.OBJ_COMMIT);
          t.setTagger(ident(tagger));
          t.setMessage(message.endsWith("\n") ? message : message + "\n");
          object = ins.insert(t);
          ins.flush();
        }
      }
      Pushed pushed = push(mirror, repoUrl, object, Constants.R_TAGS + name);
      if (pushed.status() != RemoteRefUpdate.Status.OK) {
        if (pushed.remoteMoved() || pushed.reason().contains("already exists")) {
          throw new GitException.PushRejected("failed to push tag " + name + " to "
              + mirror.displayUrl() + ": the tag already exists on the remote ("
              + pushed.describe() + ")");
        }
        throw declined(mirror, pushed);
      }
      return new TagResult(name, object.name(), commit, message != null);
    } catch (IOException e) {
      throw new GitException.Unreachable("failed to tag " + commit + " of "
          + mirror.displayUrl() + ": " + e.getMessage(), e);
    }
  }

  private CommitResult commitOnBranch(String repoUrl, String branch, String message,
      GitIdentity author, GitIdentity committer, TreeChange change) {
    Mirror mirror = remotes.mirror(repoUrl);
    Pushed last = null;
    for (int attempt = 1; attempt <= maxPushAttempts; attempt++) {
      remotes.fetched(repoUrl);
      Repository repo = mirror.repository();
      try (ObjectInserter ins = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
        Ref ref = repo.exactRef(Constants.R_HEADS + branch);
        if (ref == null || ref.getObjectId() == null) {
          throw new GitException.RevisionNotFound("failed to commit on " + branch + " of "
              + mirror.displayUrl() + ": no such branch");
        }
        RevCommit head = walk.parseCommit(ref.getObjectId());
        ObjectId tree = change.apply(repo, ins, head);
        if (tree == null) {
          return new CommitResult(branch, head.name(), head.name(), false, attempt);
        }
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        cb.setParentId(head);
        cb.setAuthor(ident(author));
        cb.setCommitter(ident(committer));
        cb.setMessage(message.endsWith("\n") ? message : message + "\n");
        ObjectId id = ins.insert(cb);
        ins.flush();
        Pushed pushed = push(mirror, repoUrl, id, Constants.R_HEADS + branch);
        if (pushed.status() == RemoteRefUpdate.Status.OK) {
          return new CommitResult(branch, id.name(), head.name(), true, attempt);
        }
        if (!pushed.remoteMoved()) {
          throw declined(mirror, pushed);
        }
        last = pushed;
      } catch (IOException e) {
        throw new GitException.Unreachable("failed to commit on " + branch + " of "
            + mirror.displayUrl() + ": " + e.getMessage(), e);
      }
    }
    throw new GitException.PushRejected("failed to push " + branch + " to "
        + mirror.displayUrl() + " after " + maxPushAttempts + " attempt(s): the remote kept "
        + "moving (" + (last == null ? "" : last.describe()) + "; never forced)");
  }

  /**
   * What the server said about one pushed ref.
   *
   * @param ref the full ref name
   * @param status the ref's status
   * @param reason the server's reason for the ref (masked), or empty
   * @param messages the server's other output (masked), or empty
   */
  private record Pushed(String ref, RemoteRefUpdate.Status status, String reason,
      String messages) {

    /** Server reasons that mean the ref moved between the advertisement and the update. */
    private static final List<String> MOVED_REASONS = List.of("non-fast-forward",
        "non-fast forward", "fetch first", "stale info", "cannot lock ref", "failed to lock",
        "lock error", "failed to update ref");

    /**
     * Whether the push was refused because the remote moved (so rebuilding on the new head
     * can succeed): a non-fast-forward, a stale expected value, or a lost race for the ref's
     * lock; never when a hook declined it.
     */
    boolean remoteMoved() {
      if (status == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
          || status == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED) {
        return true;
      }
      if (status != RemoteRefUpdate.Status.REJECTED_OTHER_REASON) {
        return false;
      }
      String r = reason.toLowerCase(Locale.ROOT);
      if (r.contains("declined") || r.contains("denied") || r.contains("protected")) {
        return false;
      }
      for (String moved : MOVED_REASONS) {
        if (r.contains(moved)) {
          return true;
        }
      }
      return false;
    }

    String describe() {
      return status + (reason.isEmpty() ? "" : ": " + reason);
    }
  }

  private GitException.PushDeclined declined(Mirror mirror, Pushed pushed) {
    StringBuilder msg = new StringBuilder("failed to push ").append(pushed.ref())
        .append(" to ").append(mirror.displayUrl()).append(": the server declined it (")
        .append(pushed.describe()).append(')');
    if (!pushed.messages().isEmpty()) {
      msg.append("; the server said:\n").append(pushed.messages());
    }
    return new GitException.PushDeclined(msg.toString(), pushed.ref(), pushed.status().name(),
        pushed.reason(), pushed.messages());
  }

  /** Pushes one object to one ref with the caller's URL (and so its current credentials). */
  private Pushed push(Mirror mirror, String url, ObjectId object, String remoteRef) {
    Repository repo = mirror.repository();
    return retrying.run(a -> {
      try (Git git = Git.wrap(repo)) {
        Iterable<PushResult> results = git.push()
            .setRemote(url)
            .setRefSpecs(new RefSpec(object.name() + ":" + remoteRef))
            .setForce(false)
            .setTransportConfigCallback(transports.configure(url))
            .call();
        StringBuilder messages = new StringBuilder();
        RemoteRefUpdate update = null;
        for (PushResult r : results) {
          if (r.getMessages() != null) {
            messages.append(r.getMessages());
          }
          RemoteRefUpdate u = r.getRemoteUpdate(remoteRef);
          if (u != null && update == null) {
            update = u;
          }
        }
        return new Pushed(remoteRef,
            update == null ? RemoteRefUpdate.Status.REJECTED_OTHER_REASON : update.getStatus(),
            masked(update == null ? null : update.getMessage(), url),
            masked(messages.toString(), url));
      } catch (GitAPIException | RuntimeException e) {
        if (e instanceof GitException) {
          throw (GitException) e;
        }
        throw transports.failure("push to " + url, e);
      }
    });
  }

  /** Server text for a message: trimmed, bounded, credentials masked. */
  private String masked(@Nullable String text, String url) {
    if (text == null) {
      return "";
    }
    String s = Redaction.text(text.strip(), transports.secrets(url));
    return s.length() <= MAX_SERVER_TEXT ? s
        : s.substring(0, MAX_SERVER_TEXT) + "... (" + (s.length() - MAX_SERVER_TEXT)
            + " more characters)";
  }

  private static @Nullable ObjectId applyChanges(Repository repo, ObjectInserter ins,
      RevCommit head, List<FileChange> changes) throws IOException {
    DirCache dc = DirCache.newInCore();
    try (ObjectReader reader = repo.newObjectReader()) {
      DirCacheBuilder b = dc.builder();
      b.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, head.getTree());
      b.finish();
      DirCacheEditor editor = dc.editor();
      List<String> touched = new ArrayList<>();
      // each path's content after the changes so far, in order (null: deleted)
      java.util.Map<String, byte @Nullable []> pending = new java.util.LinkedHashMap<>();
      for (FileChange c : changes) {
        String path = TreePaths.normalize(c.path());
        touched.add(path);
        if (c instanceof FileChange.Delete) {
          if (pending.containsKey(path) ? pending.get(path) == null : dc.getEntry(path) == null) {
            throw new GitException.Conflict("cannot delete \"" + path + "\": no such file");
          }
          pending.put(path, null);
          continue;
        }
        byte[] content;
        if (c instanceof FileChange.Put) {
          content = ((FileChange.Put) c).content();
        } else {
          byte[] current = pending.containsKey(path) ? pending.get(path)
              : readFile(reader, head, path);
          if (current == null) {
            throw new GitException.Conflict("cannot edit \"" + path + "\": no such file");
          }
          String text;
          try { // a lenient decode would replace what is not UTF-8 and corrupt the file
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(current)).toString();
          } catch (java.nio.charset.CharacterCodingException e) {
            throw new GitException.Conflict("cannot edit \"" + path
                + "\": it is not UTF-8 text (use a put)");
          }
          String edited = ((FileChange.Edit) c).edit().apply(text);
          content = edited.getBytes(StandardCharsets.UTF_8);
        }
        if (dc.getEntriesWithin(path).length > 0) {
          throw new GitException.Conflict("cannot write \"" + path + "\": it is a directory");
        }
        for (String p = TreePaths.parent(path); !p.isEmpty(); p = TreePaths.parent(p)) {
          if (dc.getEntry(p) != null) {
            throw new GitException.Conflict("cannot write \"" + path + "\": \"" + p
                + "\" is a file");
          }
        }
        pending.put(path, content);
      }
      for (java.util.Map.Entry<String, byte @Nullable []> e : pending.entrySet()) {
        String path = e.getKey();
        byte[] content = e.getValue();
        if (content == null) {
          if (dc.getEntry(path) != null) {
            editor.add(new DirCacheEditor.DeletePath(path));
          }
          continue;
        }
        ObjectId blob = ins.insert(Constants.OBJ_BLOB, content);
        DirCacheEntry existing = dc.getEntry(path);
        FileMode mode = existing != null && existing.getFileMode() == FileMode.EXECUTABLE_FILE
            ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
        editor.add(new DirCacheEditor.PathEdit(path) {
          @Override
          public void apply(DirCacheEntry ent) {
            ent.setFileMode(mode);
            ent.setObjectId(blob);
          }
        });
      }
      editor.finish();
      ObjectId tree = dc.writeTree(ins);
      return tree.equals(head.getTree()) ? null : tree;
    }
  }

  private static byte @Nullable [] readFile(ObjectReader reader, RevCommit head, String path)
      throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(reader, path, head.getTree())) {
      if (tw == null || (tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
        return null;
      }
      return reader.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes();
    }
  }

  private Mirror fetched(String repoUrl) {
    return remotes.fetched(repoUrl);
  }

  private PersonIdent ident(GitIdentity who) {
    return new PersonIdent(who.name(), who.email(), clock.instant(), clock.getZone());
  }

  /** Releases the mirrors and SSH clients. */
  @Override
  public void close() {
    remotes.close();
  }

  /** Builds a {@link GitWriter}. Not thread-safe. */
  public static final class Builder extends RemoteBuilder<Builder> {
    private int maxPushAttempts = 3;
    private Clock clock = Clock.system(TimeZone.getTimeZone("UTC").toZoneId());

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Where the writer keeps its mirrors (separate from a {@link GitSource}'s cache).
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder workDirectory(Path dir) {
      this.directory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * How many times a commit is rebuilt and pushed when the remote moved (default 3).
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maxPushAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxPushAttempts must be at least 1");
      }
      this.maxPushAttempts = value;
      return this;
    }

    /**
     * The clock for author, committer and tagger times (default: system clock, UTC).
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Builds the writer.
     *
     * @return the writer
     * @throws IllegalStateException if no work directory was set
     */
    public GitWriter build() {
      requireDirectory("workDirectory");
      return new GitWriter(this);
    }
  }
}
