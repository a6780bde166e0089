package dev.llmscale.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server written on raw sockets so that it can fail the ways real servers do:
 * error statuses, closing or resetting a connection mid-stream, stalling, error events, garbage.
 */
final class MisbehavingServer implements AutoCloseable {

  enum Behavior {
    /** 200, three streamed tokens, a usage chunk, [DONE]; keep-alive. */
    STREAM,
    /** As STREAM without the usage chunk: the client counts the tokens itself. */
    STREAM_WITHOUT_USAGE,
    /** As STREAM, the first token after 400 ms. */
    SLOW_FIRST_TOKEN,
    /** As STREAM, a token every 100 ms. */
    SLOW_STREAM,
    /** 503 with an OpenAI error body. */
    UNAVAILABLE,
    /** 500 with a plain-text body. */
    INTERNAL_ERROR,
    /** Headers and two tokens, then FIN. */
    CLOSE_MID_STREAM,
    /** Headers and two tokens, then RST. */
    RESET_MID_STREAM,
    /** Reads the request and never answers. */
    STALL,
    /** Sends the response headers and nothing more. */
    STALL_AFTER_HEADERS,
    /** One token, then an error event, then [DONE]. */
    ERROR_EVENT,
    /** Not HTTP at all. */
    GARBAGE
  }

  private final Behavior behavior;
  private final ServerSocket socket;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger maxActive = new AtomicInteger();
  private volatile String lastRequestHead = "";
  private final Thread acceptor;

  MisbehavingServer(Behavior behavior) throws IOException {
    this.behavior = behavior;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().start(this::accept);
  }

  int port() {
    return socket.getLocalPort();
  }

  int requests() {
    return requests.get();
  }

  /** Request line and headers of the last request read. */
  String lastRequestHead() {
    return lastRequestHead;
  }

  /** The most requests this server was answering at the same time. */
  int maxConcurrent() {
    return maxActive.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    acceptor.interrupt();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        Thread.ofVirtual().start(() -> serve(connection));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = connection.getInputStream();
      OutputStream out = connection.getOutputStream();
      String head;
      while ((head = readRequest(in)) != null) {
        lastRequestHead = head;
        requests.incrementAndGet();
        maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        boolean again;
        try {
          again = respond(connection, out);
        } finally {
          active.decrementAndGet();
        }
        if (!again) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
  }

  /** Returns false when the connection must end after this response. */
  private boolean respond(Socket connection, OutputStream out)
      throws IOException, InterruptedException {
    switch (behavior) {
      case STREAM, STREAM_WITHOUT_USAGE, SLOW_FIRST_TOKEN, SLOW_STREAM -> {
        out.write(streamHead());
        if (behavior == Behavior.SLOW_FIRST_TOKEN) {
          out.flush();
          Thread.sleep(400);
        }
        for (String word : new String[] {" one", " two", " three"}) {
          chunk(out, token(word));
          out.flush();
          Thread.sleep(behavior == Behavior.SLOW_STREAM ? 100 : 5);
        }
        if (behavior != Behavior.STREAM_WITHOUT_USAGE) {
          chunk(
              out,
              "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3}}\n\n");
        }
        chunk(out, "data: [DONE]\n\n");
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case UNAVAILABLE -> {
        plain(
            out,
            503,
            "application/json",
            "{\"error\":{\"message\":\"overloaded, retry\",\"type\":\"x\"}}");
        return true;
      }
      case INTERNAL_ERROR -> {
        plain(out, 500, "text/plain", "it broke");
        return true;
      }
      case CLOSE_MID_STREAM, RESET_MID_STREAM -> {
        out.write(streamHead());
        chunk(out, token(" one"));
        chunk(out, token(" two"));
        out.flush();
        Thread.sleep(20);
        if (behavior == Behavior.RESET_MID_STREAM) {
          connection.setSoLinger(true, 0);
        }
        return false;
      }
      case STALL -> {
        Thread.sleep(60_000);
        return false;
      }
      case STALL_AFTER_HEADERS -> {
        out.write(streamHead());
        out.flush();
        Thread.sleep(60_000);
        return false;
      }
      case ERROR_EVENT -> {
        out.write(streamHead());
        chunk(out, token(" one"));
        chunk(out, "data: {\"error\":{\"message\":\"boom\",\"code\":500}}\n\n");
        chunk(out, "data: [DONE]\n\n");
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
      }
      case GARBAGE -> {
        out.write("SSH-2.0-OpenSSH_9.6\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return false;
      }
      default -> throw new IllegalStateException();
    }
  }

  private static byte[] streamHead() {
    return ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String token(String word) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + word
        + "\"},\"finish_reason\":null}]}\n\n";
  }

  private static void chunk(OutputStream out, String data) throws IOException {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static void plain(OutputStream out, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(
        String.format(
                Locale.ROOT,
                "HTTP/1.1 %d Oops\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
                status,
                type,
                bytes.length)
            .getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  /** Reads one request (headers and a Content-Length body); its head, or null at the end. */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
    }
    if (matched < 4) {
      return null;
    }
    int length = 0;
    String text = head.toString(StandardCharsets.US_ASCII);
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return in.readNBytes(length).length == length ? text : null;
  }
}
