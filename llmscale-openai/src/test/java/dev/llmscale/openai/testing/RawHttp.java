package dev.llmscale.openai.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A bare HTTP/1.1 connection, for tests that must cut the connection at a chosen moment. */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final StringBuilder received = new StringBuilder();

  public RawHttp(URI base) throws IOException {
    socket = new Socket(base.getHost(), base.getPort());
    socket.setSoTimeout(10_000);
  }

  public void post(String path, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** Reads until {@code text} has been received; everything read so far is kept. */
  public String readUntil(String text) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[4096];
    while (received.indexOf(text) < 0) {
      int n = in.read(buf);
      if (n < 0) {
        throw new IOException("connection closed before '" + text + "': " + received);
      }
      received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
    }
    return received.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
