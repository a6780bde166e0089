package dev.llmscale.autoscaler.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name a misspelt one was most likely meant to be: {@code pollingIntervall} → {@code
 * pollingInterval}, {@code max-num-seqs} → {@code maxNumSeqs}, {@code minReplicas} → {@code
 * minReplicaCount}. Case, dashes and underscores are ignored.
 */
final class NameSuggestion {
  private static final int MIN_SHARED_PREFIX = 5;

  private NameSuggestion() {}

  static Optional<String> closest(String unknown, Collection<String> known) {
    String typed = normalize(unknown);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      String name = normalize(candidate);
      int distance = distance(typed, name);
      if (isPlausible(typed, name, distance) && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return Optional.ofNullable(best);
  }

  /** A few typos for the length, or a long shared start ({@code cooldown}, {@code minReplicas}). */
  private static boolean isPlausible(String typed, String name, int distance) {
    int shorter = Math.min(typed.length(), name.length());
    if (distance <= Math.max(1, shorter / 4)) {
      return true;
    }
    int shared = 0;
    while (shared < shorter && typed.charAt(shared) == name.charAt(shared)) {
      shared++;
    }
    return shared >= MIN_SHARED_PREFIX && shared * 3 >= shorter * 2;
  }

  private static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /** Edit distance counting a swap of neighbours as one edit (optimal string alignment). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
