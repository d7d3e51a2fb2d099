package io.gitopskit.core.sync;

import io.gitopskit.core.model.Manifest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Reading the sync annotations of one object: wave, hook types, delete policies. */
final class Annotations {

  static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave";
  static final String HOOK = "argocd.argoproj.io/hook";
  static final String HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
  static final String HELM_HOOK = "helm.sh/hook";
  static final String HELM_HOOK_WEIGHT = "helm.sh/hook-weight";
  static final String HELM_HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";

  /** What an object is to the planner. */
  enum Role {
    /** An ordinary resource, applied in the Sync phase. */
    RESOURCE,
    /** A hook with at least one phase. */
    HOOK,
    /** {@code argocd.argoproj.io/hook: Skip}: never applied. */
    SKIP,
    /** A hook without any phase Argo CD knows: ignored entirely. */
    IGNORED
  }

  /** An object's role and, for hooks, its types in enum order. */
  record Classification(Role role, Set<HookType> types) {
  }

  private Annotations() {
  }

  /** The sync wave, else the Helm hook weight, else 0. */
  static int wave(Manifest m) {
    Optional<Integer> w = m.annotation(SYNC_WAVE).flatMap(Annotations::integer);
    if (w.isPresent()) {
      return w.get();
    }
    return m.annotation(HELM_HOOK_WEIGHT).flatMap(Annotations::integer).orElse(0);
  }

  /**
   * An integer as Go's {@code strconv.Atoi} reads it: an optional sign and ASCII digits
   * (Java's {@code parseInt} would also take other scripts' digits, e.g. {@code ٣}); blanks
   * around it are tolerated.
   */
  private static Optional<Integer> integer(String s) {
    String t = s.trim();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!(c >= '0' && c <= '9' || i == 0 && (c == '-' || c == '+'))) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static Classification classify(Manifest m) {
    Optional<String> argo = m.annotation(HOOK);
    Optional<String> helm = m.annotation(HELM_HOOK);
    EnumSet<HookType> types = EnumSet.noneOf(HookType.class);
    boolean skip = false;
    if (argo.isPresent()) {
      for (String part : argo.get().split(",", -1)) {
        // PreDelete/PostDelete only run when the application is deleted (DeletionPlanner)
        HookType.parse(part).filter(t -> !t.isDeletionHook()).ifPresent(types::add);
      }
      skip = types.remove(HookType.SKIP);
      if (skip && types.isEmpty()) {
        return new Classification(Role.SKIP, Set.of());
      }
    }
    boolean helmHook = helm.isPresent() && !helm.get().trim().equals("crd-install");
    if (argo.isEmpty() && !helmHook) {
      return new Classification(Role.RESOURCE, Set.of());
    }
    if (types.isEmpty() && helm.isPresent()) {
      for (String part : helm.get().split(",", -1)) {
        HookType.parseHelm(part).ifPresent(types::add);
      }
    }
    if (types.isEmpty()) {
      return new Classification(Role.IGNORED, Set.of());
    }
    return new Classification(Role.HOOK, types);
  }

  /** The delete policies of a sync hook: the annotated ones, else {@code BeforeHookCreation}. */
  static Set<HookDeletePolicy> deletePolicies(Manifest m) {
    return deletePolicies(m, EnumSet.of(HookDeletePolicy.BEFORE_HOOK_CREATION));
  }

  /**
   * The delete policies annotated on a hook (Argo CD's and Helm's, read together).
   *
   * @param m the hook
   * @param fallback the policies when none is annotated
   * @return the policies
   */
  static Set<HookDeletePolicy> deletePolicies(Manifest m, Set<HookDeletePolicy> fallback) {
    EnumSet<HookDeletePolicy> out = EnumSet.noneOf(HookDeletePolicy.class);
    m.annotation(HOOK_DELETE_POLICY).ifPresent(v -> {
      for (String part : v.split(",", -1)) {
        HookDeletePolicy.parse(part).ifPresent(out::add);
      }
    });
    m.annotation(HELM_HOOK_DELETE_POLICY).ifPresent(v -> {
      for (String part : v.split(",", -1)) {
        HookDeletePolicy.parseHelm(part).ifPresent(out::add);
      }
    });
    return out.isEmpty() ? fallback : out;
  }
}
