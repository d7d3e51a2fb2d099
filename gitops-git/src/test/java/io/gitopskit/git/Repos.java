package io.gitopskit.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Builds bare repositories directly with JGit (no working tree), and with the git CLI. */
final class Repos {

  /** A symlink's content: its target. */
  record Link(String target) {}

  /** A submodule entry (gitlink): the commit it pins. */
  record Gitlink(String commit) {}

  private static final PersonIdent BOT =
      new PersonIdent("Test Bot", "bot@example.com", Instant.parse("2026-01-01T00:00:00Z"),
          ZoneOffset.UTC);

  private Repos() {}

  static Repository bare(Path dir) throws IOException {
    Repository r = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
    r.create(true);
    return r;
  }

  /**
   * Commits a complete tree (paths to String contents or {@link Link}s) on a branch, on top of
   * its current head, and moves the branch (and HEAD, for the first commit).
   */
  static String commit(Repository repo, String branch, Map<String, ?> files, String message)
      throws IOException {
    return commit(repo, branch, files, message, null, null);
  }

  static String commit(Repository repo, String branch, Map<String, ?> files, String message,
      Signer signer, String signingKey) throws IOException {
    try (ObjectInserter ins = repo.newObjectInserter()) {
      DirCache dc = DirCache.newInCore();
      DirCacheBuilder b = dc.builder();
      for (Map.Entry<String, ?> e : new TreeMap<>(files).entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(e.getKey());
        Object v = e.getValue();
        if (v instanceof Gitlink) {
          entry.setFileMode(FileMode.GITLINK);
          entry.setObjectId(ObjectId.fromString(((Gitlink) v).commit()));
        } else if (v instanceof Link) {
          entry.setFileMode(FileMode.SYMLINK);
          entry.setObjectId(ins.insert(Constants.OBJ_BLOB,
              ((Link) v).target().getBytes(StandardCharsets.UTF_8)));
        } else {
          entry.setFileMode(FileMode.REGULAR_FILE);
          byte[] bytes = v instanceof byte[] ? (byte[]) v
              : v.toString().getBytes(StandardCharsets.UTF_8);
          entry.setObjectId(ins.insert(Constants.OBJ_BLOB, bytes));
        }
        b.add(entry);
      }
      b.finish();
      ObjectId tree = dc.writeTree(ins);
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(tree);
      ObjectId parent = repo.resolve(Constants.R_HEADS + branch);
      if (parent != null) {
        cb.setParentId(parent);
      }
      cb.setAuthor(BOT);
      cb.setCommitter(BOT);
      cb.setMessage(message);
      if (signer != null) {
        try {
          signer.signObject(repo, null, cb, BOT, signingKey, null);
        } catch (Exception e) {
          throw new IOException(e);
        }
      }
      ObjectId id = ins.insert(cb);
      ins.flush();
      RefUpdate u = repo.updateRef(Constants.R_HEADS + branch);
      u.setNewObjectId(id);
      u.forceUpdate();
      if (branch.equals("main") && repo.resolve(Constants.HEAD) == null) {
        repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + "main");
      }
      return id.name();
    }
  }

  static void lightweightTag(Repository repo, String name, String commit) throws IOException {
    RefUpdate u = repo.updateRef(Constants.R_TAGS + name);
    u.setNewObjectId(ObjectId.fromString(commit));
    u.forceUpdate();
  }

  static String annotatedTag(Repository repo, String name, String commit, Signer signer,
      String signingKey) throws IOException {
    try (ObjectInserter ins = repo.newObjectInserter()) {
      TagBuilder t = new TagBuilder();
      t.setTag(name);
      t.setObjectId(ObjectId.fromString(commit), Constants.OBJ_COMMIT);
      t.setTagger(BOT);
      t.setMessage("release " + name + "\n");
      if (signer != null) {
        try {
          signer.signObject(repo, null, t, BOT, signingKey, null);
        } catch (Exception e) {
          throw new IOException(e);
        }
      }
      ObjectId id = ins.insert(t);
      ins.flush();
      RefUpdate u = repo.updateRef(Constants.R_TAGS + name);
      u.setNewObjectId(id);
      u.forceUpdate();
      return id.name();
    }
  }

  /** Runs the git CLI in a directory with a fixed identity; fails on a non-zero exit. */
  static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("git", "-c", "user.name=CLI",
        "-c", "user.email=cli@example.com", "-c", "init.defaultBranch=main",
        "-c", "core.symlinks=true", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("git " + String.join(" ", args) + " failed: "
          + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8).trim();
  }

  static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
