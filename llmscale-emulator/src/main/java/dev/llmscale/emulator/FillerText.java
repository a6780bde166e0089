package dev.llmscale.emulator;

import java.nio.charset.StandardCharsets;

/**
 * The emulated model's output: token {@code i} is word {@code i mod n} of a fixed list, each a
 * short word with a leading space (one BPE token in common tokenizers), so text and token counts
 * agree.
 */
final class FillerText {
  private static final String[] WORDS = {
    " The",
    " engine",
    " keeps",
    " every",
    " stream",
    " inside",
    " its",
    " latency",
    " budget",
    " while",
    " the",
    " fleet",
    " grows",
    " and",
    " shrinks",
    " with",
    " demand",
    ".",
    " Tokens",
    " arrive",
    " at",
    " a",
    " steady",
    " pace",
    ",",
    " one",
    " per",
    " step",
    " of",
    " each",
    " batch",
    " so",
    " clients",
    " see",
    " smooth",
    " output",
    " even",
    " under",
    " load",
    " when",
    " queues",
    " form",
    " new",
    " replicas",
    " start",
    " warm",
    " caches",
    " help",
    " long",
    " prompts",
    " share",
    " prefixes",
    " that",
    " save",
    " work",
    " for",
    " later",
    " requests",
  };

  /** UTF-8 bytes of each word, already escaped for a JSON string. */
  private static final byte[][] JSON_WORDS = new byte[WORDS.length][];

  static {
    for (int i = 0; i < WORDS.length; i++) {
      StringBuilder escaped = new StringBuilder();
      JsonText.appendEscaped(escaped, WORDS[i]);
      JSON_WORDS[i] = escaped.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  private FillerText() {}

  /** Token {@code index} as JSON-escaped UTF-8, ready to copy between quotes. */
  static byte[] jsonWord(int index) {
    return JSON_WORDS[index % JSON_WORDS.length];
  }

  /** The text of the first {@code tokens} tokens. */
  static String text(int tokens) {
    StringBuilder out = new StringBuilder(tokens * 7);
    for (int i = 0; i < tokens; i++) {
      out.append(WORDS[i % WORDS.length]);
    }
    return out.toString();
  }
}
