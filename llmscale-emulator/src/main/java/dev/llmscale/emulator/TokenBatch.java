package dev.llmscale.emulator;

import dev.llmscale.core.engine.TokenEvent;
import java.util.Arrays;

/**
 * The tokens of one engine step bound for one event loop. The engine thread fills it and hands it
 * over with a single {@code execute}, so a step costs one task hop per event loop, not one per
 * token; the event loop then writes and flushes each stream once.
 */
final class TokenBatch implements Runnable {
  private GenerationStream[] streams;
  private TokenEvent[] tokens;
  private int size;

  TokenBatch(int capacity) {
    streams = new GenerationStream[Math.max(4, capacity)];
    tokens = new TokenEvent[streams.length];
  }

  void add(GenerationStream stream, TokenEvent token) {
    if (size == streams.length) {
      streams = Arrays.copyOf(streams, size * 2);
      tokens = Arrays.copyOf(tokens, size * 2);
    }
    streams[size] = stream;
    tokens[size++] = token;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  @Override
  public void run() {
    for (int i = 0; i < size; i++) {
      streams[i].emit(tokens[i]);
    }
  }
}
