package io.gitopskit.git.internal;

import io.gitopskit.git.GitException;
import io.gitopskit.git.ResolvedRevision;
import io.gitopskit.git.revision.SemanticVersion;
import io.gitopskit.git.revision.SemverConstraint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.jspecify.annotations.Nullable;

/**
 * One repository's local bare mirror: branches and tags fetched as they are on the remote, the
 * remote's {@code HEAD} as {@code refs/gitopskit/HEAD}. Files are read straight from its object
 * database; there is no working tree.
 *
 * <p>The mirror holds no URL with credentials: it is known by its credential-free key, and
 * every fetch uses the URL its caller passes, so a token in the URL that was rotated is used
 * from the next call that passes the new one.
 *
 * <p>Thread-safe. Fetches are single-flight and never stale: a caller shares the outcome (the
 * refs, or the failure) of a fetch that started after it asked and used the same URL, since
 * that fetch saw every push made before the caller asked; callers queued behind a fetch that
 * was already running share one new fetch. Reads never block on a fetch (JGit's object
 * database can be read while packs are added). Not API.
 */
public final class Mirror implements AutoCloseable {

  /** Where the remote's HEAD is kept. */
  public static final String REMOTE_HEAD = "refs/gitopskit/HEAD";

  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern SHORT_SHA = Pattern.compile("[0-9a-f]{7,39}"); // as Argo CD
  private static final List<RefSpec> SPECS = List.of(
      new RefSpec("+refs/heads/*:refs/heads/*"),
      new RefSpec("+refs/tags/*:refs/tags/*"),
      new RefSpec("+HEAD:" + REMOTE_HEAD));

  private final String key;
  private final Repository repo;
  private final ReentrantLock fetchLock = new ReentrantLock();
  private final AtomicLong completedFetches = new AtomicLong();
  /** How many fetches have started; each fetch's number is its start order. */
  private final AtomicLong startedFetches = new AtomicLong();
  /** The number of the last fetch that ended (guarded by the lock). */
  private long lastEnded;
  /** How the last fetch that ended failed, or null if it succeeded (guarded by the lock). */
  private @Nullable GitException lastFailure;
  /** The URL the last fetch that ended used (guarded by the lock). */
  private @Nullable String lastUrl;
  private volatile long lastFetchNanos;
  private volatile boolean fetchedOnce;

  Mirror(String key, Path dir) {
    this.key = key;
    try {
      Repository r = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
      if (!Files.exists(dir.resolve("objects"))) {
        r.create(true);
        // a fetch may trigger JGit's automatic gc: run it inline (under the fetch lock), never
        // in a background thread that outlives the call
        org.eclipse.jgit.lib.StoredConfig config = r.getConfig();
        config.setBoolean("gc", null, "autoDetach", false);
        config.save();
      }
      this.repo = r;
    } catch (IOException | IllegalStateException e) {
      throw new GitException.Unreachable(
          "failed to create the mirror of " + Redaction.url(key) + " in " + dir, e);
    }
  }

  /**
   * The mirror's repository, for reading.
   *
   * @return the bare repository
   */
  public Repository repository() {
    return repo;
  }

  /**
   * The repository's URL without credentials ({@link Redaction#cacheKey}), which names the
   * mirror.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * The URL for messages, without any password.
   *
   * @return the redacted URL
   */
  public String displayUrl() {
    return Redaction.url(key);
  }

  /**
   * How many fetches have completed.
   *
   * @return the count
   */
  public long fetchCount() {
    return completedFetches.get();
  }

  /**
   * When the last fetch completed, on {@link System#nanoTime()}'s scale.
   *
   * @return the time, or empty before the first fetch
   */
  public Optional<Long> lastFetchNanos() {
    return fetchedOnce ? Optional.of(lastFetchNanos) : Optional.empty();
  }

  /**
   * Fetches branches, tags and HEAD, pruning deleted refs. If a fetch with the same URL that
   * started after this call ended while this one waited for the lock, its outcome is shared
   * instead: its refs, or its failure. A fetch already running when this call came may have
   * missed a push made just before, so it is never shared; nor is one made with other
   * credentials (a rotated token), whose outcome says nothing about this caller's.
   *
   * @param url the repository URL as the caller has it now (with its current credentials)
   * @param transports credentials and error mapping
   * @throws GitException if the fetch fails
   */
  public void fetch(String url, Transports transports) {
    long asked = startedFetches.get(); // fetches numbered above this one started after we asked
    fetchLock.lock();
    try {
      if (lastEnded > asked && url.equals(lastUrl)) {
        if (lastFailure != null) {
          throw lastFailure;
        }
        return;
      }
      long mine = startedFetches.incrementAndGet();
      try {
        if (!fetchedOnce || !upToDate(url, transports)) {
          doFetch(url, transports, SPECS);
        }
      } catch (GitException e) {
        lastEnded = mine;
        lastFailure = e;
        lastUrl = url;
        throw e;
      }
      lastEnded = mine;
      lastFailure = null;
      lastUrl = url;
      lastFetchNanos = System.nanoTime();
      fetchedOnce = true;
      completedFetches.incrementAndGet();
    } finally {
      fetchLock.unlock();
    }
  }

  /**
   * How many callers wait for the fetch lock (tests and diagnostics).
   *
   * @return an estimate of the waiting threads
   */
  public int queuedFetches() {
    return fetchLock.getQueueLength();
  }

  /**
   * Fetches one commit by id (servers that allow unadvertised objects).
   *
   * @param sha the full commit id
   * @param url the repository URL as the caller has it now
   * @param transports credentials and error mapping
   */
  public void fetchCommit(String sha, String url, Transports transports) {
    fetchLock.lock();
    try {
      doFetch(url, transports, List.of(new RefSpec(sha + ":refs/gitopskit/pinned/" + sha)));
    } finally {
      fetchLock.unlock();
    }
  }

  /**
   * Whether the remote's branches, tags and HEAD are exactly the mirror's: one ref
   * advertisement, no pack negotiation and no write to the mirror, so an unchanged refresh
   * costs one round trip.
   */
  private boolean upToDate(String url, Transports transports) {
    Map<String, Ref> remote;
    try (Git git = Git.wrap(repo)) {
      remote = git.lsRemote().setRemote(url)
          .setTransportConfigCallback(transports.configure(url)).callAsMap();
    } catch (GitAPIException | RuntimeException e) {
      throw transports.failure("list the refs of " + url, e);
    }
    try {
      Map<String, ObjectId> want = new HashMap<>();
      for (Ref r : remote.values()) {
        String name = r.getName();
        if ((name.startsWith(Constants.R_HEADS) || name.startsWith(Constants.R_TAGS))
            && !name.endsWith("^{}") && r.getObjectId() != null) {
          want.put(name, r.getObjectId());
        }
      }
      Map<String, ObjectId> have = new HashMap<>();
      for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        have.put(r.getName(), r.getObjectId());
      }
      for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
        have.put(r.getName(), r.getObjectId());
      }
      Ref remoteHead = remote.get(Constants.HEAD);
      Ref localHead = repo.exactRef(REMOTE_HEAD);
      boolean headSame = remoteHead == null || remoteHead.getObjectId() == null
          ? localHead == null
          : localHead != null && remoteHead.getObjectId().equals(localHead.getObjectId());
      return headSame && want.equals(have);
    } catch (IOException e) {
      return false;
    }
  }

  private void doFetch(String url, Transports transports, List<RefSpec> specs) {
    try (Git git = Git.wrap(repo)) {
      git.fetch()
          .setRemote(url)
          .setRefSpecs(specs)
          .setRemoveDeletedRefs(true)
          .setTagOpt(TagOpt.NO_TAGS)
          .setTransportConfigCallback(transports.configure(url))
          .call();
    } catch (GitAPIException | RuntimeException e) {
      throw transports.failure("fetch " + url, e);
    }
  }

  /**
   * Whether the mirror holds a commit.
   *
   * @param sha a full commit id
   * @return true when present and a commit
   */
  public boolean hasCommit(String sha) {
    if (!FULL_SHA.matcher(sha).matches()) {
      return false;
    }
    try (RevWalk walk = new RevWalk(repo)) {
      walk.parseCommit(ObjectId.fromString(sha));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Resolves a target revision against the mirror's refs, as Argo CD does: a semver constraint
   * (if it is one and some tag satisfies it), then {@code HEAD}, a full ref name, a branch, a
   * tag, a full commit id, an abbreviated commit id.
   *
   * @param requested the target revision
   * @return the resolution, pinned to a commit
   * @throws GitException.RevisionNotFound if nothing matches
   */
  public ResolvedRevision resolve(String requested) {
    String rev = requested.trim().isEmpty() ? "HEAD" : requested.trim();
    try (RevWalk walk = new RevWalk(repo)) {
      if (SemanticVersion.parse(rev).isEmpty()) {
        Optional<SemverConstraint> constraint = SemverConstraint.parse(rev);
        if (constraint.isPresent()) {
          Optional<Ref> tag = highestTag(constraint.get());
          if (tag.isPresent()) {
            return new ResolvedRevision(rev, ResolvedRevision.Kind.SEMVER, tag.get().getName(),
                commitOf(walk, tag.get(), rev));
          }
        }
      }
      if (rev.equals("HEAD")) {
        Ref head = repo.exactRef(REMOTE_HEAD);
        if (head == null) {
          throw notFound(rev, "the remote has no HEAD (empty repository?)");
        }
        return new ResolvedRevision(rev, ResolvedRevision.Kind.HEAD, "HEAD",
            commitOf(walk, head, rev));
      }
      if (rev.startsWith("refs/")) {
        Ref ref = repo.exactRef(rev);
        if (ref != null) {
          return new ResolvedRevision(rev, ResolvedRevision.Kind.REF, ref.getName(),
              commitOf(walk, ref, rev));
        }
      }
      Ref branch = repo.exactRef(Constants.R_HEADS + rev);
      if (branch != null) {
        return new ResolvedRevision(rev, ResolvedRevision.Kind.BRANCH, branch.getName(),
            commitOf(walk, branch, rev));
      }
      Ref tag = repo.exactRef(Constants.R_TAGS + rev);
      if (tag != null) {
        return new ResolvedRevision(rev, ResolvedRevision.Kind.TAG, tag.getName(),
            commitOf(walk, tag, rev));
      }
      String lower = rev.toLowerCase(java.util.Locale.ROOT);
      if (FULL_SHA.matcher(lower).matches()) {
        if (!hasCommit(lower)) {
          throw notFound(rev, "no such commit");
        }
        return new ResolvedRevision(rev, ResolvedRevision.Kind.COMMIT, "", lower);
      }
      if (SHORT_SHA.matcher(lower).matches()) {
        try (ObjectReader reader = repo.newObjectReader()) {
          Collection<ObjectId> ids = reader.resolve(AbbreviatedObjectId.fromString(lower));
          List<ObjectId> commits = new ArrayList<>();
          for (ObjectId id : ids) {
            if (reader.open(id).getType() == Constants.OBJ_COMMIT) {
              commits.add(id);
            }
          }
          if (commits.size() == 1) {
            return new ResolvedRevision(rev, ResolvedRevision.Kind.COMMIT, "",
                commits.get(0).name());
          }
          if (commits.size() > 1) {
            throw notFound(rev, "the abbreviated commit id is ambiguous ("
                + commits.size() + " commits)");
          }
        }
      }
      throw notFound(rev, "no branch, tag or commit of that name");
    } catch (IOException e) {
      throw new GitException.Unreachable(
          "failed to read the mirror of " + displayUrl() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The object the revision names before peeling: the annotated tag object for an annotated
   * tag, else the commit.
   *
   * @param revision a resolution from {@link #resolve}
   * @return the object id
   */
  public ObjectId signedObject(ResolvedRevision revision) {
    if (!revision.ref().isEmpty() && !revision.ref().equals("HEAD")) {
      try {
        Ref ref = repo.exactRef(revision.ref());
        if (ref != null && ref.getObjectId() != null) {
          return ref.getObjectId();
        }
      } catch (IOException e) {
        throw new GitException.Unreachable("failed to read " + revision.ref(), e);
      }
    }
    return ObjectId.fromString(revision.commit());
  }

  private Optional<Ref> highestTag(SemverConstraint constraint) throws IOException {
    Map<SemanticVersion, Ref> byVersion = new HashMap<>();
    for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
      String name = ref.getName().substring(Constants.R_TAGS.length());
      SemanticVersion.parse(name).ifPresent(v -> byVersion.merge(v, ref,
          (a, b) -> a.getName().compareTo(b.getName()) <= 0 ? a : b));
    }
    return constraint.highest(byVersion.keySet()).map(byVersion::get);
  }

  private String commitOf(RevWalk walk, Ref ref, String rev) throws IOException {
    ObjectId id = ref.getObjectId();
    if (id == null) {
      throw notFound(rev, "the ref points nowhere");
    }
    try {
      RevObject obj = walk.peel(walk.parseAny(id));
      if (!(obj instanceof RevCommit)) {
        throw notFound(rev, "it names a " + Constants.typeString(obj.getType())
            + ", not a commit");
      }
      return obj.name();
    } catch (MissingObjectException e) {
      throw notFound(rev, "its object is missing");
    }
  }

  private GitException.RevisionNotFound notFound(String rev, String why) {
    return new GitException.RevisionNotFound(
        "failed to resolve revision \"" + rev + "\" of " + displayUrl() + ": " + why);
  }

  @Override
  public void close() {
    repo.close();
  }
}
