package io.gitopskit.benchmarks;

import io.gitopskit.core.source.FileTree;
import io.gitopskit.core.source.ResolvedSource;
import io.gitopskit.core.source.SourceRef;
import io.gitopskit.git.GitSource;
import io.gitopskit.git.RetryPolicy;
import io.gitopskit.git.changes.ChangeSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a repository of 10,000 YAML files in 1,000 folders at HEAD, and detecting changes.
 *
 * <ul>
 *   <li>{@code jgitFullRead}: {@link GitSource#read} of every file at the commit, straight from
 *       the mirror's object database (tree cache off, so every call inflates every blob);
 *   <li>{@code cliArchiveFullRead}: the peer, {@code git archive HEAD | tar -x} into an empty
 *       directory (on {@code /dev/shm} when there is one, so disk file creation does not
 *       dominate) and then reading every extracted file into memory;
 *   <li>{@code unchangedRefresh}: {@link GitSource#resolve} of the whole repository at
 *       {@code main} when nothing was pushed: a fetch that finds nothing new, then the cached
 *       tree; {@code unchangedRefreshPinned}: the same at the full commit id (no fetch);
 *   <li>{@code changeDetection}: {@link GitSource#changes} between two commits 10 files apart.
 * </ul>
 *
 * <p>Goals (issue 7): jgitFullRead / cliArchiveFullRead &lt;= 1.5, and an unchanged refresh
 * under 1% of a full read. Run:
 * {@code java -jar gitops-benchmarks/target/benchmarks.jar GitBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class GitBenchmark {

  static final int FOLDERS = 1_000;
  static final int FILES_PER_FOLDER = 10;

  private Path dir;
  private Path origin;
  private Path mirror;
  private String url;
  private String before;
  private String head;
  private GitSource uncached;
  private GitSource cached;
  private Path extractRoot;
  private Path extract;
  private int round;

  /** Builds the repository, mirrors it once, and warms both sources. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("gitops-git-bench");
    origin = dir.resolve("origin.git");
    try (Repository r = new FileRepositoryBuilder().setGitDir(origin.toFile()).setBare()
        .build()) {
      r.create(true);
      Map<String, String> files = repoFiles();
      before = commit(r, files, "10k files");
      for (int i = 0; i < 10; i++) {
        String p = String.format(Locale.ROOT, "apps/app-%04d/deployment-%d.yaml", i * 97, i % 10);
        files.put(p, files.get(p).replace("replicas: 2", "replicas: 3"));
      }
      head = commit(r, files, "bump 10 files");
    }
    url = origin.toUri().toString();
    uncached = GitSource.builder().cacheDirectory(dir.resolve("cache-a")).treeCacheBytes(0)
        .maxBytes(256L << 20).retry(RetryPolicy.none()).build();
    cached = GitSource.builder().cacheDirectory(dir.resolve("cache-b"))
        .maxBytes(256L << 20).retry(RetryPolicy.none()).build();
    uncached.resolveRevision(url, "main");
    cached.resolve(new SourceRef(url, "", "main"));
    // extract into memory when the machine has a tmpfs: file creation on disk would dominate
    Path shm = Path.of("/dev/shm");
    extractRoot = Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "gitops-git-bench") : dir;
    // the CLI reads the very repository JGit reads: the packed mirror
    try (Stream<Path> s = Files.list(dir.resolve("cache-a"))) {
      mirror = s.filter(p -> p.toString().endsWith(".mirror")).findFirst().orElseThrow();
    }
  }

  /** A fresh, empty directory for each CLI extraction (deleting the last one is not timed). */
  @Setup(Level.Invocation)
  public void freshExtractDirectory() throws IOException {
    if (extract != null) {
      deleteTree(extract);
    }
    extract = Files.createDirectories(extractRoot.resolve("extract-" + (round++)));
  }

  /** Removes everything. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    uncached.close();
    cached.close();
    deleteTree(extractRoot);
    deleteTree(dir);
  }

  /** GitOpsKit: every file at the commit, from the object database. */
  @Benchmark
  public FileTree jgitFullRead() {
    return uncached.read(url, head, "", null);
  }

  /** The peer: git archive | tar -x, then read every file. */
  @Benchmark
  public Map<String, byte[]> cliArchiveFullRead() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c",
        "git -C '" + mirror + "' archive " + head + " | tar -x -C '" + extract + "'")
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("git archive | tar failed");
    }
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(extract)) {
      for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        out.put(extract.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    return out;
  }

  /** A refresh at a branch when nothing changed: an empty fetch, then the cached tree. */
  @Benchmark
  public ResolvedSource unchangedRefresh() {
    return cached.resolve(new SourceRef(url, "", "main"));
  }

  /** A refresh pinned to the commit: no fetch, the cached tree. */
  @Benchmark
  public ResolvedSource unchangedRefreshPinned() {
    return cached.resolve(new SourceRef(url, "", head));
  }

  /** The paths changed between two commits. */
  @Benchmark
  public ChangeSet changeDetection() {
    return uncached.changes(url, before, head);
  }

  static Map<String, String> repoFiles() {
    Map<String, String> files = new TreeMap<>();
    for (int f = 0; f < FOLDERS; f++) {
      for (int i = 0; i < FILES_PER_FOLDER; i++) {
        String name = String.format(Locale.ROOT, "app-%04d", f);
        files.put("apps/" + name + "/deployment-" + i + ".yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "-" + i
                + "\n  namespace: team-" + (f % 50) + "\n  labels:\n    app: " + name
                + "\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: " + name
                + "\n  template:\n    metadata:\n      labels:\n        app: " + name
                + "\n    spec:\n      containers:\n      - name: main\n        image: "
                + "registry.example.com/" + name + ":1." + i + "." + f + "\n        ports:\n"
                + "        - containerPort: 8080\n        resources:\n          requests:\n"
                + "            cpu: 100m\n            memory: 128Mi\n");
      }
    }
    return files;
  }

  static String commit(Repository r, Map<String, String> files, String message)
      throws IOException {
    try (ObjectInserter ins = r.newObjectInserter()) {
      DirCache dc = DirCache.newInCore();
      DirCacheBuilder b = dc.builder();
      for (Map.Entry<String, String> e : files.entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(e.getKey());
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(ins.insert(Constants.OBJ_BLOB,
            e.getValue().getBytes(StandardCharsets.UTF_8)));
        b.add(entry);
      }
      b.finish();
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(dc.writeTree(ins));
      ObjectId parent = r.resolve("refs/heads/main");
      if (parent != null) {
        cb.setParentId(parent);
      }
      PersonIdent who = new PersonIdent("Bench", "bench@example.com",
          Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage(message);
      ObjectId id = ins.insert(cb);
      ins.flush();
      RefUpdate u = r.updateRef("refs/heads/main");
      u.setNewObjectId(id);
      u.forceUpdate();
      if (parent == null) {
        r.updateRef(Constants.HEAD).link("refs/heads/main");
      }
      return id.name();
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** For a quick look without JMH: prints one timing of each. */
  public static void main(String[] args) throws Exception {
    GitBenchmark b = new GitBenchmark();
    b.setUp();
    try {
      for (int round = 0; round < 5; round++) {
        long t0 = System.nanoTime();
        int n = b.jgitFullRead().paths().size();
        long t1 = System.nanoTime();
        b.freshExtractDirectory();
        long t2 = System.nanoTime();
        int m = b.cliArchiveFullRead().size();
        long t3 = System.nanoTime();
        b.unchangedRefresh();
        long t4 = System.nanoTime();
        b.changeDetection();
        long t5 = System.nanoTime();
        System.out.printf(Locale.ROOT,
            "jgit %d files %.1f ms | cli %d files %.1f ms | refresh %.2f ms | changes %.2f ms%n",
            n, (t1 - t0) / 1e6, m, (t3 - t2) / 1e6, (t4 - t3) / 1e6, (t5 - t4) / 1e6);
      }
    } finally {
      b.tearDown();
    }
  }

}
