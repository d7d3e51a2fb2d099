package io.gitopskit.core.defaults;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tag rule behind the {@code imagePullPolicy} default: Kubernetes parses the image with the
 * distribution reference grammar ({@code ParseNormalizedNamed}); an image whose tag is {@code
 * latest}, or that has neither tag nor digest, pulls {@code Always}; anything else, including an
 * image that does not parse, {@code IfNotPresent}.
 */
final class ImageReference {

  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
      + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/"
      + PATH_COMPONENT + ")*";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*"
      + ":[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE = Pattern.compile(
      "(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");
  private static final int NAME_MAX = 255;

  private ImageReference() {}

  /**
   * The default pull policy for an image.
   *
   * @param image the container image
   * @return {@code Always} or {@code IfNotPresent}
   */
  static String defaultPullPolicy(String image) {
    return "latest".equals(tag(image)) ? "Always" : "IfNotPresent";
  }

  /**
   * The tag Kubernetes sees: the explicit tag, {@code latest} when there is neither tag nor
   * digest, and {@code ""} for a digest-only or unparseable reference.
   */
  static String tag(String image) {
    if (image.isEmpty() || IDENTIFIER.matcher(image).matches()) {
      return "";
    }
    int slash = image.indexOf('/');
    String domain;
    String remainder;
    if (slash < 0 || (!containsAny(image.substring(0, slash), ".:")
        && !image.substring(0, slash).equals("localhost")
        && image.substring(0, slash).toLowerCase(Locale.ROOT).equals(image.substring(0, slash)))) {
      domain = "docker.io";
      remainder = image;
    } else {
      domain = image.substring(0, slash);
      remainder = image.substring(slash + 1);
    }
    int colon = remainder.indexOf(':');
    String remoteName = colon >= 0 ? remainder.substring(0, colon) : remainder;
    if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
      return "";
    }
    Matcher m = REFERENCE.matcher(domain + "/" + remainder);
    if (!m.matches() || m.group(1).length() > NAME_MAX) {
      return "";
    }
    String tag = m.group(2);
    String digest = m.group(3);
    if (digest != null && !validDigest(digest)) {
      return "";
    }
    if (tag == null) {
      return digest == null ? "latest" : "";
    }
    return tag;
  }

  private static boolean validDigest(String digest) {
    int colon = digest.indexOf(':');
    String algorithm = digest.substring(0, colon);
    String hex = digest.substring(colon + 1);
    int length;
    switch (algorithm) {
      case "sha256":
        length = 64;
        break;
      case "sha384":
        length = 96;
        break;
      case "sha512":
        length = 128;
        break;
      default:
        return false;
    }
    return hex.length() == length && hex.chars().allMatch(c -> (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'f'));
  }

  private static boolean containsAny(String s, String chars) {
    for (int i = 0; i < chars.length(); i++) {
      if (s.indexOf(chars.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
