package dev.llmscale.loadgen;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.llmscale.core.workload.PromptSegment;
import dev.llmscale.core.workload.WorkloadRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Spells out a request's {@link PromptSegment}s as text of exactly the requested token count, with
 * the tokenizer the emulator counts with (jtokkit {@code cl100k_base}).
 *
 * <p>The text is a sequence of words each of which is one token with its leading space ({@code "
 * river"}). cl100k's pre-tokenizer splits text at such words and BPE never merges across that
 * split, so {@code n} words are exactly {@code n} tokens, and a segment's text is a prefix of any
 * longer rendering of the same segment. Each segment's words are drawn from a generator seeded by
 * the segment's source and id and by a per-run salt: equal segments render equally within a run
 * (shared system prompts and trace blocks hit the prefix cache), and a later run with another salt
 * never hits a cache warmed by an earlier one. A chat template adds its own tokens on the server.
 * Not thread-safe: one renderer per dispatcher.
 */
public final class PromptRenderer {
  private static final Pattern WORD = Pattern.compile(" [a-z]{3,9}");
  private static final Map<EncodingType, Encoding> ENCODINGS = new HashMap<>();
  private static final Map<EncodingType, String[]> VOCABULARIES = new HashMap<>();

  private final Encoding encoding;
  private final String[] words;
  private final long salt;
  private final Map<PromptSegment, String> sharedPrefixes = new HashMap<>();

  private PromptRenderer(Encoding encoding, String[] words, long salt) {
    this.encoding = encoding;
    this.words = words;
    this.salt = salt;
  }

  /**
   * @param encodingName a jtokkit encoding ({@code cl100k_base}, as the emulator)
   * @param salt varies the text between runs; equal salts give equal text
   * @throws IllegalArgumentException for an unknown encoding
   */
  public static PromptRenderer create(String encodingName, long salt) {
    EncodingType type =
        EncodingType.fromName(encodingName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown tokenizer encoding '" + encodingName + "'"));
    synchronized (ENCODINGS) {
      Encoding encoding =
          ENCODINGS.computeIfAbsent(type, t -> Encodings.newLazyEncodingRegistry().getEncoding(t));
      String[] words = VOCABULARIES.computeIfAbsent(type, t -> oneTokenWords(encoding));
      return new PromptRenderer(encoding, words, salt);
    }
  }

  /** The whole prompt of {@code request}. */
  public String render(WorkloadRequest request) {
    StringBuilder text = new StringBuilder(request.inputTokens() * 8);
    for (PromptSegment segment : request.prompt()) {
      if (segment.source() == PromptSegment.Source.SHARED_PREFIX) {
        text.append(sharedPrefixes.computeIfAbsent(segment, PromptRenderer.this::spell));
      } else {
        append(segment, text);
      }
    }
    return text.toString();
  }

  /** Text of {@code tokens} tokens that no other call with another {@code id} repeats. */
  public String filler(long id, int tokens) {
    return spell(new PromptSegment(PromptSegment.Source.UNIQUE, id, tokens));
  }

  /** Tokens of {@code text} by this renderer's encoding (no special tokens). */
  public int countTokens(String text) {
    return encoding.countTokensOrdinary(text);
  }

  int vocabularySize() {
    return words.length;
  }

  private String spell(PromptSegment segment) {
    StringBuilder out = new StringBuilder(segment.tokens() * 8);
    append(segment, out);
    return out.toString();
  }

  private void append(PromptSegment segment, StringBuilder out) {
    SplittableRandom random =
        new SplittableRandom(mix(salt, segment.source().ordinal(), segment.id()));
    for (int i = 0; i < segment.tokens(); i++) {
      out.append(words[random.nextInt(words.length)]);
    }
  }

  private static long mix(long salt, int source, long id) {
    long h = salt * 0x9E3779B97F4A7C15L + source;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + id;
    return (h ^ (h >>> 29)) * 0x94D049BB133111EBL;
  }

  /** Every lower-case word of 3–9 letters that is a single token with its leading space. */
  private static String[] oneTokenWords(Encoding encoding) {
    List<String> found = new ArrayList<>();
    IntArrayList one = new IntArrayList(1);
    int misses = 0;
    for (int id = 0; misses < 1000; id++) {
      one.clear();
      one.add(id);
      String text;
      try {
        text = new String(encoding.decodeBytes(one), StandardCharsets.UTF_8);
        misses = 0;
      } catch (RuntimeException notAToken) {
        misses++;
        continue;
      }
      if (WORD.matcher(text).matches() && encoding.countTokensOrdinary(text) == 1) {
        found.add(text);
      }
    }
    if (found.size() < 1000) {
      throw new IllegalStateException(
          "encoding " + encoding.getName() + " has only " + found.size() + " one-token words");
    }
    return found.toArray(String[]::new);
  }
}
