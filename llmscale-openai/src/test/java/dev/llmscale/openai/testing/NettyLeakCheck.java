package dev.llmscale.openai.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with Netty's paranoid leak detection and fails it if any buffer was dropped
 * without a release. Must be installed before the first buffer class loads in the JVM, which
 * {@code @ExtendWith} on every loopback IT guarantees.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
  private static boolean installed;

  @Override
  public void beforeAll(ExtensionContext context) {
    install();
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    // Leaks are reported when a later allocation polls the queue of collected buffers.
    for (int round = 0; round < 5; round++) {
      System.gc();
      Thread.sleep(20);
      for (int i = 0; i < 100; i++) {
        ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(64);
        probe.release();
      }
    }
    assertThat(LEAKS).as("Netty buffer leaks").isEmpty();
  }

  private static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(
        new ResourceLeakDetectorFactory() {
          @Override
          @SuppressWarnings("deprecation") // abstract in Netty, so it must be implemented
          public <T> ResourceLeakDetector<T> newResourceLeakDetector(
              Class<T> resource, int samplingInterval, long maxActive) {
            return newResourceLeakDetector(resource, samplingInterval);
          }

          @Override
          public <T> ResourceLeakDetector<T> newResourceLeakDetector(
              Class<T> resource, int samplingInterval) {
            return new ResourceLeakDetector<>(resource, samplingInterval) {
              @Override
              protected void reportTracedLeak(String type, String records) {
                LEAKS.add(type + records);
                super.reportTracedLeak(type, records);
              }

              @Override
              protected void reportUntracedLeak(String type) {
                LEAKS.add(type);
                super.reportUntracedLeak(type);
              }
            };
          }
        });
  }
}
