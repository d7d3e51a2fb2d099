package io.gitopskit.testkit.git;

import io.gitopskit.core.load.ManifestWriter;
import io.gitopskit.core.model.Manifest;
import io.gitopskit.core.model.ManifestSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.RevertCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRefNameException;
import org.eclipse.jgit.api.errors.RefAlreadyExistsException;
import org.eclipse.jgit.api.errors.RefNotFoundException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.CommitConfig;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jspecify.annotations.Nullable;

/**
 * A real, non-bare Git repository for tests, written through JGit, with a fluent API: stage
 * files, YAML, deletions and symlinks, then {@link #commit(String) commit}; branch, tag, check
 * out and revert; read history and content back.
 *
 * <p>Histories are deterministic: author and committer are fixed {@link Identity identities}, and
 * every commit and annotated tag takes its time from an injected {@link Clock} (by default a
 * {@link SteppingClock} starting at 2026-01-01T00:00:00Z and advancing one second per read). Blobs
 * are written exactly as given (no line-end conversion, no ignore rules), commit messages get Git's
 * whitespace cleanup (as {@code git commit -m} does), signing and hooks are switched off. So two
 * repositories built by the same calls have the same commit SHAs, and so does the {@code git}
 * command line given the same files, identities and dates.
 *
 * <p>Every staging method writes the work tree and the index together, so {@code git status} is
 * clean after a commit. {@link #dir()} and {@link #uri()} expose the work tree, e.g. as an Argo CD
 * {@code repoURL}. Paths are relative, {@code /}-separated, and may not contain {@code ..},
 * {@code .git} or {@code \} segments, nor pass through a symlink.
 *
 * <p>Not thread-safe. Closing releases the repository and deletes it if it was created in a
 * temporary directory.
 *
 * @since 0.1
 */
public final class TestGitRepo implements AutoCloseable {

  /** The identity used for author and committer unless configured otherwise. */
  public static final Identity DEFAULT_IDENTITY =
      Identity.of("GitOpsKit Test", "test@gitopskit.io");

  /** The initial branch unless configured otherwise. */
  public static final String DEFAULT_BRANCH = "main";

  private final Path workTree;
  private final boolean temporary;
  private final Identity author;
  private final Identity committer;
  private final Clock clock;
  private final Git git;
  private final Repository repo;
  private boolean closed;

  private TestGitRepo(Path workTree, boolean temporary, Builder b) throws GitAPIException,
      IOException {
    this.workTree = workTree;
    this.temporary = temporary;
    this.author = b.author;
    this.committer = b.committer == null ? b.author : b.committer;
    this.clock = b.clock == null ? SteppingClock.defaults() : b.clock;
    this.git = Git.init().setDirectory(workTree.toFile()).setInitialBranch(b.initialBranch).call();
    this.repo = git.getRepository();
    configure();
  }

  /**
   * A repository in a new temporary directory, deleted on {@link #close()}, with the defaults.
   *
   * @return the repository
   */
  public static TestGitRepo create() {
    return builder().create();
  }

  /**
   * A repository in {@code dir} (created if absent, otherwise it must be empty), kept on close,
   * with the defaults.
   *
   * @param dir the work tree directory
   * @return the repository
   */
  public static TestGitRepo create(Path dir) {
    return builder().directory(dir).create();
  }

  /**
   * A builder for the initial branch, identities, clock and directory.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  private void configure() throws IOException {
    StoredConfig cfg = repo.getConfig();
    Path gitDir = repo.getDirectory().toPath();
    // repository-local settings override any user or system configuration
    cfg.setString("core", null, "autocrlf", "false");
    cfg.setString("core", null, "hooksPath", gitDir.resolve("no-hooks").toString());
    cfg.setString("core", null, "excludesFile", gitDir.resolve("no-excludes").toString());
    cfg.setBoolean("commit", null, "gpgSign", false);
    cfg.setBoolean("tag", null, "gpgSign", false);
    cfg.setInt("gc", null, "auto", 0);
    cfg.setString("user", null, "name", committer.name());
    cfg.setString("user", null, "email", committer.email());
    cfg.save();
  }

  // ---------------------------------------------------------------- staging

  /**
   * Writes a UTF-8 text file and stages it.
   *
   * @param path the relative path
   * @param content the content
   * @return this repository
   */
  public TestGitRepo file(String path, String content) {
    Objects.requireNonNull(content, "content");
    return file(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes a file and stages it as a regular (non-executable) file. Replaces a file, symlink or
   * directory already at the path.
   *
   * @param path the relative path
   * @param content the bytes, written exactly
   * @return this repository
   */
  public TestGitRepo file(String path, byte[] content) {
    Objects.requireNonNull(content, "content");
    byte[] bytes = content.clone();
    String rel = normalize(path);
    return run("write " + rel, () -> {
      Path target = prepare(rel);
      Files.write(target, bytes);
      stage(rel, FileMode.REGULAR_FILE, bytes, target);
      return this;
    });
  }

  /**
   * Writes a manifest as YAML ({@link ManifestWriter#toYaml(Manifest)}) and stages it.
   *
   * @param path the relative path
   * @param manifest the manifest
   * @return this repository
   */
  public TestGitRepo yaml(String path, Manifest manifest) {
    return file(path, ManifestWriter.toYaml(manifest));
  }

  /**
   * Writes manifests as a multi-document YAML stream ({@link ManifestWriter#toYaml(ManifestSet)})
   * and stages it.
   *
   * @param path the relative path
   * @param manifests the manifests
   * @return this repository
   */
  public TestGitRepo yaml(String path, ManifestSet manifests) {
    return file(path, ManifestWriter.toYaml(manifests));
  }

  /**
   * Writes YAML text verbatim and stages it. The text is not validated, so malformed YAML can be
   * committed for error-path tests.
   *
   * @param path the relative path
   * @param yamlText the text
   * @return this repository
   */
  public TestGitRepo yaml(String path, String yamlText) {
    return file(path, yamlText);
  }

  /**
   * Creates a symbolic link and stages it (mode {@code 120000}). The target is stored as given
   * and may point anywhere, including outside the repository.
   *
   * @param path the relative path of the link
   * @param target the link target
   * @return this repository
   */
  public TestGitRepo symlink(String path, String target) {
    Objects.requireNonNull(target, "target");
    if (target.isEmpty() || target.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("symlink target must be non-empty without NUL");
    }
    String rel = normalize(path);
    return run("symlink " + rel, () -> {
      Path link = prepare(rel);
      Files.createSymbolicLink(link, link.getFileSystem().getPath(target));
      stage(rel, FileMode.SYMLINK, target.getBytes(StandardCharsets.UTF_8), link);
      return this;
    });
  }

  /**
   * Deletes a file, symlink or directory from the work tree and the index.
   *
   * @param path the relative path
   * @return this repository
   * @throws IllegalArgumentException if nothing exists at the path
   */
  public TestGitRepo delete(String path) {
    String rel = normalize(path);
    return run("delete " + rel, () -> {
      Path target = checkedTarget(rel);
      boolean onDisk = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
      DirCache index = repo.lockDirCache();
      try {
        boolean file = index.findEntry(rel) >= 0;
        boolean tree = index.getEntriesWithin(rel).length > 0;
        if (!file && !tree && !onDisk) {
          throw new IllegalArgumentException("nothing to delete at \"" + rel + "\"");
        }
        DirCacheEditor editor = index.editor();
        if (file) {
          editor.add(new DirCacheEditor.DeletePath(rel));
        }
        if (tree) {
          editor.add(new DirCacheEditor.DeleteTree(rel));
        }
        editor.commit();
      } finally {
        index.unlock();
      }
      if (onDisk) {
        deleteRecursively(target);
      }
      removeEmptyParents(target.getParent());
      return this;
    });
  }

  /** Checks the path's parents, clears the target, creates the parent directories. */
  private Path prepare(String rel) throws IOException {
    Path target = checkedTarget(rel);
    Path parent = target.getParent();
    for (Path p = workTree; !p.equals(parent); ) {
      p = p.resolve(parent.getName(p.getNameCount()).toString());
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(p); // a file where a directory is needed; the index edit replaces it too
      }
    }
    Files.createDirectories(parent);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      deleteRecursively(target);
    }
    return target;
  }

  /** The work tree path for {@code rel}, refusing paths that pass through a symlink. */
  private Path checkedTarget(String rel) {
    Path target = workTree.resolve(rel);
    for (Path p = target.getParent(); p != null && !p.equals(workTree); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new IllegalArgumentException(
            "path \"" + rel + "\" passes through the symlink \"" + workTree.relativize(p) + "\"");
      }
    }
    return target;
  }

  private void stage(String rel, FileMode mode, byte[] content, Path onDisk) throws IOException {
    ObjectId blob;
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      blob = inserter.insert(Constants.OBJ_BLOB, content);
      inserter.flush();
    }
    BasicFileAttributes attrs =
        Files.readAttributes(onDisk, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    DirCache index = repo.lockDirCache();
    try {
      DirCacheEditor editor = index.editor();
      editor.add(new DirCacheEditor.PathEdit(rel) {
        @Override
        public void apply(DirCacheEntry entry) {
          entry.setFileMode(mode);
          entry.setObjectId(blob);
          entry.setLength(attrs.size());
          entry.setLastModified(attrs.lastModifiedTime().toInstant());
        }
      });
      editor.commit();
    } finally {
      index.unlock();
    }
  }

  // ---------------------------------------------------------------- commits and refs

  /**
   * Commits the staged changes.
   *
   * @param message the message; Git's whitespace cleanup is applied
   * @return the new commit
   * @throws IllegalStateException if nothing changed since {@code HEAD} (or nothing is staged
   *     for the first commit)
   * @throws IllegalArgumentException if the message is blank
   */
  public Commit commit(String message) {
    return commit(message, false);
  }

  /**
   * Commits the staged changes, optionally allowing a commit that changes nothing.
   *
   * @param message the message; Git's whitespace cleanup is applied
   * @param allowEmpty whether a commit with the same tree as {@code HEAD} is allowed
   * @return the new commit
   * @throws IllegalStateException if {@code allowEmpty} is false and nothing changed
   * @throws IllegalArgumentException if the message is blank
   */
  public Commit commit(String message, boolean allowEmpty) {
    String clean = cleanUp(Objects.requireNonNull(message, "message"));
    return run("commit", () -> {
      if (!allowEmpty && indexMatchesHead()) {
        throw new IllegalStateException("nothing to commit: the index matches HEAD");
      }
      return toCommit(commitIndex(clean, false));
    });
  }

  private RevCommit commitIndex(String message, boolean amend) throws GitAPIException {
    Instant now = clock.instant();
    return git.commit()
        .setMessage(cleanUp(message))
        .setCleanupMode(CommitConfig.CleanupMode.VERBATIM)
        .setAuthor(ident(author, now))
        .setCommitter(ident(committer, now))
        .setAmend(amend)
        .setAllowEmpty(true)
        .setSign(false)
        .setNoVerify(true)
        .call();
  }

  /** Whether the index holds the tree of HEAD; an unborn HEAD matches an empty index. */
  private boolean indexMatchesHead() throws IOException {
    ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
    DirCache index = repo.readDirCache();
    if (head == null) {
      return index.getEntryCount() == 0;
    }
    ObjectId tree;
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      tree = index.writeTree(inserter);
      inserter.flush();
    }
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(head).getTree().equals(tree);
    }
  }

  private PersonIdent ident(Identity who, Instant when) {
    return new PersonIdent(who.name(), who.email(), when, clock.getZone());
  }

  /**
   * Creates a branch at {@code HEAD} without switching to it.
   *
   * @param name the branch name
   * @return this repository
   * @throws IllegalArgumentException if the name is invalid or the branch exists
   */
  public TestGitRepo branch(String name) {
    Objects.requireNonNull(name, "name");
    return run("branch " + name, () -> {
      requireHead();
      git.branchCreate().setName(name).call();
      return this;
    });
  }

  /**
   * Checks out a branch, or detaches {@code HEAD} at a tag or commit.
   *
   * @param name a branch name, tag name or commit id
   * @return this repository
   * @throws IllegalArgumentException if nothing has that name
   */
  public TestGitRepo checkout(String name) {
    Objects.requireNonNull(name, "name");
    return run("checkout " + name, () -> {
      git.checkout().setName(name).call();
      return this;
    });
  }

  /**
   * Creates a lightweight tag at {@code HEAD}.
   *
   * @param name the tag name
   * @return this repository
   * @throws IllegalArgumentException if the name is invalid or the tag exists
   */
  public TestGitRepo tag(String name) {
    Objects.requireNonNull(name, "name");
    return run("tag " + name, () -> {
      requireHead();
      git.tag().setName(name).setAnnotated(false).setSigned(false).call();
      return this;
    });
  }

  /**
   * Creates an annotated tag object at {@code HEAD}, tagged by the committer at the clock's next
   * instant.
   *
   * @param name the tag name
   * @param message the tag message
   * @return this repository
   * @throws IllegalArgumentException if the name is invalid or the tag exists
   */
  public TestGitRepo annotatedTag(String name, String message) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(message, "message");
    return run("tag " + name, () -> {
      requireHead();
      git.tag().setName(name).setMessage(message).setAnnotated(true).setSigned(false)
          .setTagger(ident(committer, clock.instant())).call();
      return this;
    });
  }

  /**
   * Reverts a commit on top of {@code HEAD}, as {@code git revert} does, and commits the result
   * with this repository's identities and clock.
   *
   * @param ref the commit to revert (id, branch or tag); it must have exactly one parent
   * @return the revert commit
   * @throws IllegalArgumentException if the commit is unknown or a merge or root commit
   * @throws IllegalStateException if changes are staged or the revert conflicts (the work tree
   *     is then reset to {@code HEAD})
   */
  public Commit revert(String ref) {
    ObjectId id = commitId(ref);
    return run("revert " + ref, () -> {
      try (RevWalk walk = new RevWalk(repo)) {
        if (walk.parseCommit(id).getParentCount() != 1) {
          throw new IllegalArgumentException("can only revert a commit with one parent: " + ref);
        }
      }
      if (!indexMatchesHead()) {
        throw new IllegalStateException("cannot revert with staged changes; commit them first");
      }
      RevertCommand command = git.revert().include(id);
      RevCommit reverted = command.call();
      if (reverted == null) {
        List<String> unmerged = command.getUnmergedPaths();
        git.reset().setMode(ResetCommand.ResetType.HARD).call();
        throw new IllegalStateException("revert of " + id.name() + " conflicts"
            + (unmerged == null ? "" : " in " + unmerged));
      }
      // JGit commits with the configured user and the wall clock; re-commit deterministically
      return toCommit(commitIndex(reverted.getFullMessage(), true));
    });
  }

  // ---------------------------------------------------------------- reading

  /**
   * The commits reachable from {@code HEAD}, newest first.
   *
   * @return the commits; empty before the first commit
   */
  public List<Commit> log() {
    return resolve(Constants.HEAD).isPresent() ? log(Constants.HEAD) : List.of();
  }

  /**
   * The commits reachable from a ref, newest (by commit time) first, as {@code git log} lists
   * them.
   *
   * @param ref a branch, tag, commit id or other revision expression
   * @return the commits
   * @throws IllegalArgumentException if the ref does not name a commit
   */
  public List<Commit> log(String ref) {
    ObjectId start = commitId(ref);
    return run("log " + ref, () -> {
      List<Commit> out = new ArrayList<>();
      try (RevWalk walk = new RevWalk(repo)) {
        walk.markStart(walk.parseCommit(start));
        for (RevCommit c : walk) {
          out.add(toCommit(c));
        }
      }
      return List.copyOf(out);
    });
  }

  /**
   * The commit id of {@code HEAD}.
   *
   * @return the full commit id
   * @throws IllegalStateException before the first commit
   */
  public String head() {
    return requireHead();
  }

  private String requireHead() {
    return resolve(Constants.HEAD)
        .orElseThrow(() -> new IllegalStateException("no commits yet"));
  }

  /**
   * The checked-out branch.
   *
   * @return the short branch name; empty when {@code HEAD} is detached
   */
  public Optional<String> currentBranch() {
    return run("current branch", () -> {
      String full = repo.getFullBranch();
      return full != null && full.startsWith(Constants.R_HEADS)
          ? Optional.of(full.substring(Constants.R_HEADS.length()))
          : Optional.empty();
    });
  }

  /**
   * Resolves a revision to a commit id, peeling annotated tags.
   *
   * @param ref a branch, tag, commit id (possibly abbreviated) or other revision expression
   * @return the full commit id; empty if the ref names nothing or no commit
   * @throws IllegalArgumentException if the ref is malformed or an ambiguous abbreviation
   */
  public Optional<String> resolve(String ref) {
    Objects.requireNonNull(ref, "ref");
    if (ref.isBlank()) {
      throw new IllegalArgumentException("ref must not be blank");
    }
    return run("resolve " + ref, () -> {
      try {
        ObjectId id = repo.resolve(ref + "^{commit}");
        return id == null ? Optional.<String>empty() : Optional.of(id.name());
      } catch (IncorrectObjectTypeException | MissingObjectException e) {
        return Optional.<String>empty();
      } catch (RevisionSyntaxException | AmbiguousObjectException e) {
        throw new IllegalArgumentException("cannot resolve \"" + ref + "\": " + e.getMessage(), e);
      }
    });
  }

  private ObjectId commitId(String ref) {
    return ObjectId.fromString(resolve(ref).orElseThrow(
        () -> new IllegalArgumentException("unknown revision \"" + ref + "\"")));
  }

  /**
   * A file's content at {@code HEAD}, as UTF-8.
   *
   * @param path the relative path
   * @return the content (a symlink's target for a symlink); empty if no file is there or
   *     before the first commit
   */
  public Optional<String> read(String path) {
    return resolve(Constants.HEAD).isPresent() ? read(Constants.HEAD, path) : Optional.empty();
  }

  /**
   * A file's content at a revision, as UTF-8.
   *
   * @param ref the revision
   * @param path the relative path
   * @return the content (a symlink's target for a symlink); empty if no file is there
   * @throws IllegalArgumentException if the ref does not name a commit
   */
  public Optional<String> read(String ref, String path) {
    return readBytes(ref, path).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /**
   * A file's bytes at a revision.
   *
   * @param ref the revision
   * @param path the relative path
   * @return a copy of the bytes; empty if no file is there
   * @throws IllegalArgumentException if the ref does not name a commit
   */
  public Optional<byte[]> readBytes(String ref, String path) {
    String rel = normalize(path);
    ObjectId id = commitId(ref);
    return run("read " + rel, () -> {
      try (RevWalk walk = new RevWalk(repo);
          TreeWalk tw = TreeWalk.forPath(repo, rel, walk.parseCommit(id).getTree())) {
        if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
          return Optional.<byte[]>empty();
        }
        return Optional.of(repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).getBytes());
      }
    });
  }

  /**
   * The files that differ between two revisions: added, deleted, modified or changed in mode.
   * Renames appear as their old and new paths.
   *
   * @param fromRef the older revision
   * @param toRef the newer revision
   * @return the paths, sorted and distinct
   * @throws IllegalArgumentException if a ref does not name a commit
   */
  public List<String> changedPaths(String fromRef, String toRef) {
    ObjectId from = commitId(fromRef);
    ObjectId to = commitId(toRef);
    return run("diff", () -> {
      TreeSet<String> paths = new TreeSet<>();
      try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
        tw.addTree(walk.parseCommit(from).getTree());
        tw.addTree(walk.parseCommit(to).getTree());
        tw.setRecursive(true);
        tw.setFilter(TreeFilter.ANY_DIFF);
        while (tw.next()) {
          paths.add(tw.getPathString());
        }
      }
      return List.copyOf(paths);
    });
  }

  private static Commit toCommit(RevCommit c) {
    List<String> parents = new ArrayList<>(c.getParentCount());
    for (RevCommit p : c.getParents()) {
      parents.add(p.name());
    }
    PersonIdent a = c.getAuthorIdent();
    PersonIdent m = c.getCommitterIdent();
    return new Commit(c.name(), c.getFullMessage(),
        Identity.of(a.getName(), a.getEmailAddress()),
        Identity.of(m.getName(), m.getEmailAddress()),
        a.getWhenAsInstant(), parents);
  }

  // ---------------------------------------------------------------- location and lifecycle

  /**
   * The work tree directory (its {@code .git} directory holds the repository).
   *
   * @return the absolute, real path
   */
  public Path dir() {
    return workTree;
  }

  /**
   * The repository as a {@code file:} URI, usable as an Argo CD {@code repoURL} or for cloning.
   *
   * @return {@code file:///...}, without a trailing slash
   */
  public String uri() {
    String uri = workTree.toUri().toString();
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  /**
   * Whether {@link #close()} deletes the directory.
   *
   * @return true for a repository created in a temporary directory
   */
  public boolean isTemporary() {
    return temporary;
  }

  /** Releases the repository and deletes it if temporary. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    git.close();
    if (temporary) {
      try {
        deleteRecursively(workTree);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + workTree, e);
      }
    }
  }

  /** {@code TestGitRepo[dir]}. */
  @Override
  public String toString() {
    return "TestGitRepo[" + workTree + "]";
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Git's {@code whitespace} message cleanup, as {@code git commit -m} applies it: trailing
   * whitespace removed from each line, runs of blank lines collapsed, leading and trailing blank
   * lines dropped, and a final newline.
   */
  static String cleanUp(String message) {
    StringBuilder out = new StringBuilder(message.length() + 1);
    boolean pendingBlank = false;
    for (String line : message.split("\n", -1)) {
      String l = line.stripTrailing();
      if (l.isEmpty()) {
        pendingBlank = out.length() > 0;
        continue;
      }
      if (pendingBlank) {
        out.append('\n');
        pendingBlank = false;
      }
      out.append(l).append('\n');
    }
    if (out.length() == 0) {
      throw new IllegalArgumentException("commit message must not be blank");
    }
    return out.toString();
  }

  static String normalize(String path) {
    Objects.requireNonNull(path, "path");
    if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "path must be relative, '/'-separated, without NUL: \"" + path + "\"");
    }
    List<String> parts = new ArrayList<>();
    for (String s : path.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..") || s.equalsIgnoreCase(".git")) {
        throw new IllegalArgumentException("path must not contain \"" + s + "\": \"" + path + "\"");
      }
      parts.add(s);
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("path names no file: \"" + path + "\"");
    }
    return String.join("/", parts);
  }

  private void removeEmptyParents(@Nullable Path dir) throws IOException {
    for (Path p = dir; p != null && !p.equals(workTree) && p.startsWith(workTree);
        p = p.getParent()) {
      if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      try (Stream<Path> entries = Files.list(p)) {
        if (entries.findAny().isPresent()) {
          return;
        }
      }
      Files.delete(p);
    }
  }

  /** Deletes a file, link (not its target) or directory tree. */
  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e)
          throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  @FunctionalInterface
  private interface GitCall<T> {
    T call() throws GitAPIException, IOException;
  }

  private <T> T run(String what, GitCall<T> call) {
    if (closed) {
      throw new IllegalStateException("repository closed: " + workTree);
    }
    try {
      return call.call();
    } catch (RefAlreadyExistsException | RefNotFoundException | InvalidRefNameException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(what + ": " + e.getMessage(), e);
    }
  }

  /**
   * Configures and creates a {@link TestGitRepo}.
   *
   * @since 0.1
   */
  public static final class Builder {

    private @Nullable Path directory;
    private String initialBranch = DEFAULT_BRANCH;
    private Identity author = DEFAULT_IDENTITY;
    private @Nullable Identity committer;
    private @Nullable Clock clock;

    private Builder() {}

    /**
     * Creates the repository in {@code dir} (created if absent, otherwise it must be empty)
     * and keeps it on close, instead of a temporary directory.
     *
     * @param dir the work tree directory
     * @return this builder
     */
    public Builder directory(Path dir) {
      this.directory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * The branch {@code HEAD} starts on; {@value TestGitRepo#DEFAULT_BRANCH} by default.
     *
     * @param name the branch name
     * @return this builder
     */
    public Builder initialBranch(String name) {
      Objects.requireNonNull(name, "name");
      if (!Repository.isValidRefName(Constants.R_HEADS + name)) {
        throw new IllegalArgumentException("invalid branch name: \"" + name + "\"");
      }
      this.initialBranch = name;
      return this;
    }

    /**
     * The author of every commit; {@link #DEFAULT_IDENTITY} by default. Also the committer
     * unless {@link #committer(String, String)} is set.
     *
     * @param name the name
     * @param email the e-mail address
     * @return this builder
     */
    public Builder author(String name, String email) {
      this.author = Identity.of(name, email);
      return this;
    }

    /**
     * The committer of every commit and tagger of annotated tags; the author by default.
     *
     * @param name the name
     * @param email the e-mail address
     * @return this builder
     */
    public Builder committer(String name, String email) {
      this.committer = Identity.of(name, email);
      return this;
    }

    /**
     * The clock read once per commit and annotated tag; its zone becomes the commits' time
     * zone. By default a fresh {@link SteppingClock#defaults()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Initializes the repository.
     *
     * @return the repository
     * @throws IllegalArgumentException if the directory is not empty
     * @throws UncheckedIOException if the directory cannot be created
     */
    public TestGitRepo create() {
      Path dir = null;
      boolean temporary = directory == null;
      try {
        if (directory == null) {
          dir = Files.createTempDirectory("gitopskit-git-").toRealPath();
        } else {
          Files.createDirectories(directory);
          try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
              throw new IllegalArgumentException("directory is not empty: " + directory);
            }
          }
          dir = directory.toRealPath();
        }
        return new TestGitRepo(dir, temporary, this);
      } catch (IOException | GitAPIException e) {
        cleanUp(dir, temporary, e);
        if (e instanceof IOException io) {
          throw new UncheckedIOException("cannot create repository: " + e.getMessage(), io);
        }
        throw new IllegalStateException("cannot create repository: " + e.getMessage(), e);
      }
    }

    private static void cleanUp(@Nullable Path dir, boolean temporary, Exception cause) {
      if (dir != null && temporary) {
        try {
          deleteRecursively(dir);
        } catch (IOException suppressed) {
          cause.addSuppressed(suppressed);
        }
      }
    }
  }
}
