package io.gitopskit.git;

import io.gitopskit.core.source.DirectoryOptions;
import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.ManifestSource;
import io.gitopskit.core.source.ResolvedSource;
import io.gitopskit.core.source.SourceRef;
import io.gitopskit.git.changes.ChangeSet;
import io.gitopskit.git.changes.ManifestGeneratePaths;
import io.gitopskit.git.changes.WatchedApp;
import io.gitopskit.git.internal.Mirror;
import io.gitopskit.git.internal.OpenPgpVerifier;
import io.gitopskit.git.internal.Redaction;
import io.gitopskit.git.internal.Remotes;
import io.gitopskit.git.internal.Retrying;
import io.gitopskit.git.internal.TreeCache;
import io.gitopskit.git.internal.TreePaths;
import io.gitopskit.git.internal.TreeReader;
import io.gitopskit.git.internal.Transports;
import io.gitopskit.git.signature.SignaturePolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JGit-backed {@link ManifestSource}: resolves a repository, path and target revision to one
 * exact commit and the files under the path at that commit.
 *
 * <ul>
 *   <li>URLs over {@code https}, {@code ssh} (and scp-like {@code git@host:repo}), {@code git}
 *       and {@code file}; credentials per URL prefix ({@link RepoCredentials});
 *   <li>target revisions: a branch, a tag, a full or abbreviated commit id, {@code HEAD} (or
 *       empty) for the remote's default branch, or a semver constraint over tags such as
 *       {@code >=1.2.0 <2.0.0} or {@code 1.x}; the {@link ResolvedSource#revision()} is always
 *       the full commit id;
 *   <li>one bare mirror per repository in the cache directory, shared by every application
 *       that uses it, fetched at most once at a time; files are read straight from its object
 *       database at the commit, never checked out; trees read at a commit are cached;
 *   <li>symlinks are followed inside the repository; absolute ones and ones that leave the
 *       root are refused, as are paths escaping with {@code ..} (Argo CD's CVE-2022-24904
 *       class); the files of one application are capped (10 MiB by default);
 *   <li>an optional {@link SignaturePolicy} refuses unsigned or wrongly signed commits;
 *   <li>network, authentication and missing-revision failures are retried with backoff and then
 *       thrown as a {@link GitException}, never turned into an empty tree.
 * </ul>
 *
 * <p>Thread-safe; close it to release the mirrors and SSH clients.
 *
 * {@snippet :
 * try (GitSource git = GitSource.builder()
 *     .cacheDirectory(Path.of("/var/cache/gitops"))
 *     .credentials(RepoCredentials.https("https://git.example.com/", "bot", token))
 *     .build()) {
 *   ResolvedSource src = git.resolve(
 *       new SourceRef("https://git.example.com/team/deploy.git", "apps/web", "main"));
 *   ManifestSet desired = DirectoryRenderer.create().render(src.files(), RenderParameters.none());
 * }
 * }
 *
 * @since 0.1
 */
public final class GitSource implements ManifestSource, AutoCloseable {

  /** Argo CD's default cap on the combined size of a directory application: 10 MiB. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");

  private final Remotes remotes;
  private final Transports transports;
  private final TreeCache trees;
  private final long maxBytes;
  private final Retrying retrying;
  private final Duration refreshInterval;
  private final List<SignaturePolicy> policies;
  private final List<OpenPgpVerifier> verifiers;
  private final Set<String> verified = ConcurrentHashMap.newKeySet();

  private GitSource(Builder b) {
    this.remotes = new Remotes(b.requireDirectory("cacheDirectory"), b.credentials, b.timeout,
        b.retry, b.sleeper);
    this.transports = remotes.transports();
    this.trees = new TreeCache(b.treeCacheBytes);
    this.maxBytes = b.maxBytes;
    this.retrying = remotes.retrying();
    this.refreshInterval = b.refreshInterval;
    this.policies = List.copyOf(b.policies);
    List<OpenPgpVerifier> v = new ArrayList<>();
    for (SignaturePolicy p : policies) {
      v.add(p.mode() == SignaturePolicy.Mode.NONE ? null : new OpenPgpVerifier(p));
    }
    this.verifiers = java.util.Collections.unmodifiableList(v);
  }

  /**
   * A builder; {@link Builder#cacheDirectory} is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Resolves a source and reads every file under its path.
   *
   * @param ref repository, path and target revision
   * @return the commit and the files under the path, relative to it
   * @throws GitException for Git failures (typed), {@link
   *     io.gitopskit.core.source.SourceException} if the path is not a directory
   */
  @Override
  public ResolvedSource resolve(SourceRef ref) {
    return resolve(ref, null);
  }

  /**
   * Resolves a source and reads only the files a directory source selects ({@code recurse},
   * {@code include}, {@code exclude}, extension filter); the size cap applies to those.
   *
   * @param ref repository, path and target revision
   * @param options the directory options, or null for every file under the path
   * @return the commit and the selected files, relative to the path
   * @throws GitException for Git failures (typed)
   */
  public ResolvedSource resolve(SourceRef ref, @Nullable DirectoryOptions options) {
    String path = TreePaths.normalize(ref.path());
    ResolvedRevision rev = resolveRevision(ref.repoUrl(), ref.targetRevision());
    return new ResolvedSource(ref, rev.commit(), read(ref.repoUrl(), rev.commit(), path, options));
  }

  /**
   * Resolves a target revision to a commit, fetching the repository when needed (a full commit
   * id already in the mirror needs no fetch) and verifying signatures under the policy.
   *
   * @param repoUrl the repository URL
   * @param targetRevision a branch, tag, commit id, {@code HEAD}/empty, or semver constraint
   * @return the resolution
   * @throws GitException for Git failures (typed)
   */
  public ResolvedRevision resolveRevision(String repoUrl, String targetRevision) {
    Mirror mirror = remotes.mirror(repoUrl);
    String rev = targetRevision.trim();
    ResolvedRevision resolved = retrying.run(attempt -> {
      if (FULL_SHA.matcher(rev).matches() && mirror.hasCommit(rev.toLowerCase(java.util.Locale.ROOT))) {
        return mirror.resolve(rev);
      }
      if (attempt > 1 || isStale(mirror)) {
        long start = System.nanoTime();
        mirror.fetch(repoUrl, transports);
        LOG.debug("fetched {} in {} ms", mirror.displayUrl(),
            (System.nanoTime() - start) / 1_000_000);
      }
      try {
        return mirror.resolve(rev);
      } catch (GitException.RevisionNotFound e) {
        if (FULL_SHA.matcher(rev).matches()) {
          try {
            mirror.fetchCommit(rev.toLowerCase(java.util.Locale.ROOT), repoUrl, transports);
          } catch (GitException ignored) {
            throw e; // the server does not serve unadvertised commits: report the revision
          }
          return mirror.resolve(rev);
        }
        throw e;
      }
    });
    verifySignatures(repoUrl, mirror, resolved);
    return resolved;
  }

  private boolean isStale(Mirror mirror) {
    Optional<Long> last = mirror.lastFetchNanos();
    return last.isEmpty() || refreshInterval.isZero()
        || System.nanoTime() - last.get() >= refreshInterval.toNanos();
  }

  /**
   * Reads the files under a path at a commit already resolved (from the cache when read
   * before).
   *
   * @param repoUrl the repository URL
   * @param commit a full commit id
   * @param path the directory, relative to the repository root
   * @param options which files, or null for every file under the path
   * @return the files, relative to the path
   * @throws GitException for Git failures (typed)
   */
  public FileTree read(String repoUrl, String commit, String path,
      @Nullable DirectoryOptions options) {
    Mirror mirror = remotes.mirror(repoUrl);
    String normalized = TreePaths.normalize(path);
    TreeCache.Key key = new TreeCache.Key(Redaction.cacheKey(repoUrl), commit, normalized,
        options);
    Optional<FileTree> cached = trees.get(key);
    if (cached.isPresent()) {
      return cached.get();
    }
    FileTree tree;
    try (TreeReader reader = new TreeReader(mirror.repository(), mirror.displayUrl())) {
      tree = reader.read(commit, normalized, options, maxBytes);
    }
    trees.put(key, tree);
    return tree;
  }

  /**
   * The files that differ between two revisions (commit ids, or any target revision).
   *
   * @param repoUrl the repository URL
   * @param from the older revision
   * @param to the newer revision
   * @return the changed paths from the repository root
   * @throws GitException for Git failures (typed)
   */
  public ChangeSet changes(String repoUrl, String from, String to) {
    Mirror mirror = remotes.mirror(repoUrl);
    String a = commitOf(repoUrl, mirror, from);
    String b = commitOf(repoUrl, mirror, to);
    List<String> paths = new ArrayList<>();
    Repository repo = mirror.repository();
    try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader);
        TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(walk.parseCommit(ObjectId.fromString(a)).getTree());
      tw.addTree(walk.parseCommit(ObjectId.fromString(b)).getTree());
      tw.setRecursive(true);
      tw.setFilter(TreeFilter.ANY_DIFF);
      while (tw.next()) {
        paths.add(tw.getPathString());
      }
    } catch (IOException e) {
      throw new GitException.Unreachable("failed to compare " + a + " and " + b + " of "
          + mirror.displayUrl() + ": " + e.getMessage(), e);
    }
    return new ChangeSet(Redaction.url(repoUrl), a, b, paths);
  }

  /**
   * The applications that changes between two revisions affect, under Argo CD's
   * {@code manifest-generate-paths} rules.
   *
   * @param repoUrl the repository URL
   * @param from the older revision
   * @param to the newer revision
   * @param apps the applications using the repository
   * @return the names of the affected applications, sorted
   */
  public List<String> affectedApps(String repoUrl, String from, String to,
      Collection<WatchedApp> apps) {
    return ManifestGeneratePaths.affectedApps(apps, changes(repoUrl, from, to));
  }

  private String commitOf(String repoUrl, Mirror mirror, String revision) {
    String r = revision.trim().toLowerCase(java.util.Locale.ROOT);
    if (FULL_SHA.matcher(r).matches() && mirror.hasCommit(r)) {
      return r;
    }
    return resolveRevision(repoUrl, revision).commit();
  }

  /**
   * How many fetches of a repository have completed (diagnostics and tests).
   *
   * @param repoUrl the repository URL
   * @return the count
   */
  long fetchCount(String repoUrl) {
    return remotes.mirror(repoUrl).fetchCount();
  }

  /**
   * How many callers wait for a repository's fetch (tests).
   *
   * @param repoUrl the repository URL
   * @return the waiting callers
   */
  int queuedFetches(String repoUrl) {
    return remotes.mirror(repoUrl).queuedFetches();
  }

  private void verifySignatures(String repoUrl, Mirror mirror, ResolvedRevision rev) {
    for (int i = 0; i < policies.size(); i++) {
      SignaturePolicy policy = policies.get(i);
      if (!policy.appliesTo(repoUrl)) {
        continue;
      }
      OpenPgpVerifier verifier = verifiers.get(i);
      if (verifier != null) {
        verify(mirror, rev, policy, verifier, i);
      }
      return; // only the first matching policy applies, as in Argo CD
    }
  }

  private void verify(Mirror mirror, ResolvedRevision rev, SignaturePolicy policy,
      OpenPgpVerifier verifier, int index) {
    Repository repo = mirror.repository();
    String prefix = index + "|" + mirror.displayUrl() + "|";
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectId signed = mirror.signedObject(rev);
      RevObject obj = walk.parseAny(signed);
      if (obj instanceof RevTag && !walk.peel(obj).name().equals(rev.commit())) {
        // the tag moved (a concurrent fetch) between resolving and verifying: its signature
        // says nothing about the commit being returned
        throw new GitException.SignatureRejected("tag " + ((RevTag) obj).getTagName()
            + " no longer points at " + rev.commit() + " in " + mirror.displayUrl()
            + "; resolve again");
      }
      if (obj instanceof RevTag && verified.add(prefix + obj.name())) {
        RevTag tag = (RevTag) obj;
        byte[][] parts = OpenPgpVerifier.tagPayload(tag.getRawBuffer()).orElse(null);
        try {
          verifier.verify("tag " + tag.getTagName() + " (" + tag.name() + ")",
              parts == null ? tag.getRawBuffer() : parts[0], parts == null ? null : parts[1]);
        } catch (GitException e) {
          verified.remove(prefix + obj.name());
          throw e;
        }
        if (policy.mode() == SignaturePolicy.Mode.HEAD) {
          return;
        }
      } else if (obj instanceof RevTag && policy.mode() == SignaturePolicy.Mode.HEAD) {
        return;
      }
      RevCommit head = walk.parseCommit(ObjectId.fromString(rev.commit()));
      if (policy.mode() == SignaturePolicy.Mode.HEAD) {
        verifyCommit(verifier, head, prefix);
        return;
      }
      walk.markStart(head);
      for (RevCommit c : walk) {
        verifyCommit(verifier, c, prefix);
      }
    } catch (IOException e) {
      throw new GitException.Unreachable("failed to read " + rev.commit() + " of "
          + mirror.displayUrl() + ": " + e.getMessage(), e);
    }
  }

  private void verifyCommit(OpenPgpVerifier verifier, RevCommit c, String prefix) {
    if (verified.contains(prefix + c.name())) {
      return;
    }
    verifier.verify("commit " + c.name(), OpenPgpVerifier.commitPayload(c.getRawBuffer()),
        c.getRawGpgSignature());
    verified.add(prefix + c.name());
  }

  /** Releases the mirrors and SSH clients. */
  @Override
  public void close() {
    remotes.close();
  }

  /** Builds a {@link GitSource}. Not thread-safe. */
  public static final class Builder extends RemoteBuilder<Builder> {
    private long maxBytes = DEFAULT_MAX_BYTES;
    private Duration refreshInterval = Duration.ZERO;
    private long treeCacheBytes = 64L * 1024 * 1024;
    private final List<SignaturePolicy> policies = new ArrayList<>();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Where the mirrors live (one bare repository per URL); created if missing.
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder cacheDirectory(Path dir) {
      this.directory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * The cap on the total bytes of one application's files (default 10 MiB).
     *
     * @param value the cap, positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBytes(long value) {
      if (value <= 0) {
        throw new IllegalArgumentException("maxBytes must be positive, got " + value);
      }
      this.maxBytes = value;
      return this;
    }

    /**
     * The least time between two fetches of one repository for symbolic revisions (branches,
     * tags, HEAD, constraints). Default zero: every resolve fetches (cheaply, when nothing
     * changed). A full commit id already in the mirror never fetches.
     *
     * @param value the interval, not negative
     * @return this builder
     */
    public Builder refreshInterval(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("refreshInterval must not be negative");
      }
      this.refreshInterval = value;
      return this;
    }

    /**
     * The bytes of trees kept for repeated reads at the same commit (default 64 MiB; 0
     * disables).
     *
     * @param value the budget, not negative
     * @return this builder
     */
    public Builder treeCacheBytes(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("treeCacheBytes must not be negative");
      }
      this.treeCacheBytes = value;
      return this;
    }

    /**
     * Adds a signature policy; for each repository the first policy that applies is enforced.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder signaturePolicy(SignaturePolicy value) {
      policies.add(Objects.requireNonNull(value, "policy"));
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     * @throws IllegalStateException if no cache directory was set
     */
    public GitSource build() {
      requireDirectory("cacheDirectory");
      return new GitSource(this);
    }
  }

}
