package dev.llmscale.emulator;

import dev.llmscale.core.engine.FinishReason;
import dev.llmscale.openai.ApiKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The SSE events of one streaming response, written from byte templates: a per-response head
 * ({@code data: {"id":…,"object":…,"created":…,"model":…,"choices":[}) followed by constant tails
 * with the one varying field (the token's text) copied in. Field order and values follow vLLM's
 * chunks.
 */
final class SseChunks {
  private static final byte[] CHAT_ROLE =
      ascii(
          "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
              + "\"logprobs\":null,\"finish_reason\":null}]}\n\n");
  private static final byte[] CHAT_TOKEN_OPEN = ascii("{\"index\":0,\"delta\":{\"content\":\"");
  private static final byte[] CHAT_TOKEN_CLOSE = ascii("\"},\"logprobs\":null,\"finish_reason\":");
  private static final byte[] COMPLETION_TOKEN_OPEN = ascii("{\"index\":0,\"text\":\"");
  private static final byte[] COMPLETION_TOKEN_CLOSE =
      ascii("\",\"logprobs\":null,\"finish_reason\":");
  private static final byte[] NULL = ascii("null");
  private static final byte[] STOP = ascii("\"stop\"");
  private static final byte[] LENGTH = ascii("\"length\"");
  private static final byte[] ABORT = ascii("\"abort\"");
  private static final byte[] CHAT_EVENT_END = ascii("}]}\n\n");
  private static final byte[] COMPLETION_EVENT_END = ascii(",\"stop_reason\":null}]}\n\n");
  private static final byte[] USAGE_OPEN = ascii("],\"usage\":{\"prompt_tokens\":");
  private static final byte[] DONE = ascii("data: [DONE]\n\n");
  private static final short CRLF = ('\r' << 8) | '\n';
  private static final byte[] HEX = ascii("0123456789abcdef");

  private final ApiKind kind;
  private final byte[] head;
  private final byte[] tokenOpen;
  private final byte[] tokenClose;
  private final byte[] eventEnd;

  SseChunks(ApiKind kind, String id, long createdSeconds, String model) {
    this.kind = kind;
    this.head =
        ("data: {\"id\":"
                + JsonText.quote(id)
                + ",\"object\":\""
                + kind.chunkObject()
                + "\",\"created\":"
                + createdSeconds
                + ",\"model\":"
                + JsonText.quote(model)
                + ",\"choices\":[")
            .getBytes(StandardCharsets.UTF_8);
    boolean chat = kind == ApiKind.CHAT;
    this.tokenOpen = chat ? CHAT_TOKEN_OPEN : COMPLETION_TOKEN_OPEN;
    this.tokenClose = chat ? CHAT_TOKEN_CLOSE : COMPLETION_TOKEN_CLOSE;
    this.eventEnd = chat ? CHAT_EVENT_END : COMPLETION_EVENT_END;
  }

  /**
   * One HTTP/1.1 chunk ({@code size CRLF events CRLF}) holding every event due for token {@code
   * index}: the role event before the first chat token, the token itself, and after the last token
   * the usage event (if asked for) and {@code [DONE]}. Exactly sized, so it is allocated once and
   * never grows; framed here so that it can skip the HTTP encoder.
   */
  ByteBuf httpChunk(
      ByteBufAllocator alloc,
      int index,
      FinishReason finish,
      boolean includeUsage,
      int promptTokens) {
    byte[] word = FillerText.jsonWord(index);
    byte[] reason = reason(finish);
    boolean role = index == 0 && kind == ApiKind.CHAT;
    boolean last = finish != null;
    byte[] usage = last && includeUsage ? usage(promptTokens, index + 1) : null;

    int payload =
        head.length
            + tokenOpen.length
            + word.length
            + tokenClose.length
            + reason.length
            + eventEnd.length;
    if (role) {
      payload += head.length + CHAT_ROLE.length;
    }
    if (usage != null) {
      payload += head.length + USAGE_OPEN.length + usage.length;
    }
    if (last) {
      payload += DONE.length;
    }
    int hexDigits = (35 - Integer.numberOfLeadingZeros(payload)) / 4;
    ByteBuf buf = alloc.directBuffer(hexDigits + 2 + payload + 2);
    for (int shift = (hexDigits - 1) * 4; shift >= 0; shift -= 4) {
      buf.writeByte(HEX[(payload >>> shift) & 0xF]);
    }
    buf.writeShort(CRLF);
    if (role) {
      buf.writeBytes(head).writeBytes(CHAT_ROLE);
    }
    buf.writeBytes(head).writeBytes(tokenOpen).writeBytes(word).writeBytes(tokenClose);
    buf.writeBytes(reason).writeBytes(eventEnd);
    if (usage != null) {
      buf.writeBytes(head).writeBytes(USAGE_OPEN).writeBytes(usage);
    }
    if (last) {
      buf.writeBytes(DONE);
    }
    buf.writeShort(CRLF);
    return buf;
  }

  private static byte[] usage(int promptTokens, int completionTokens) {
    return ascii(
        promptTokens
            + ",\"total_tokens\":"
            + (promptTokens + completionTokens)
            + ",\"completion_tokens\":"
            + completionTokens
            + "}}\n\n");
  }

  private static byte[] reason(FinishReason finish) {
    if (finish == null) {
      return NULL;
    }
    return switch (finish) {
      case STOP -> STOP;
      case LENGTH -> LENGTH;
      case ABORT -> ABORT;
    };
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
