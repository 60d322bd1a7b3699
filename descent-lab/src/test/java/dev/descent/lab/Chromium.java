package dev.descent.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test helper: drives Debian's headless Chromium over the Chrome DevTools protocol (one WebSocket,
 * flattened target sessions). It opens a file, collects console errors, uncaught exceptions and
 * failed resource loads, lists images that did not load, and saves a full-page screenshot.
 */
final class Chromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a page load showed. */
  record PageCheck(int images, List<String> brokenImages, List<String> errors) {}

  private final Process process;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  Chromium(Path profile) throws Exception {
    Files.createDirectories(profile);
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        process.destroyForcibly();
        throw new IOException("chromium did not start; see " + profile.resolve("chromium.log"));
      }
      Thread.sleep(100);
    }
    List<String> lines = Files.readAllLines(portFile);
    URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
    socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(uri, new Listener())
            .get(30, TimeUnit.SECONDS);
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode msg = JSON.readTree(text.toString());
          if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
              f.complete(msg);
            }
          } else {
            events.add(msg);
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  private JsonNode send(String session, String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", params == null ? JSON.createObjectNode() : params);
    if (session != null) {
      msg.put("sessionId", session);
    }
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    pending.put(id, f);
    socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
    JsonNode reply = f.get(120, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IOException(method + ": " + reply.get("error"));
    }
    return reply.get("result");
  }

  private static ObjectNode params(Object... kv) {
    ObjectNode p = JSON.createObjectNode();
    for (int i = 0; i < kv.length; i += 2) {
      p.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
    }
    return p;
  }

  /** Loads {@code page}, checks it, and writes a full-page PNG screenshot to {@code screenshot}. */
  PageCheck open(Path page, Path screenshot) throws Exception {
    String target =
        send(null, "Target.createTarget", params("url", "about:blank")).get("targetId").asText();
    String s =
        send(null, "Target.attachToTarget", params("targetId", target, "flatten", true))
            .get("sessionId")
            .asText();
    send(s, "Page.enable", null);
    send(s, "Runtime.enable", null);
    send(s, "Log.enable", null);
    send(
        s,
        "Emulation.setDeviceMetricsOverride",
        params("width", 1300, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    events.clear();
    send(s, "Page.navigate", params("url", page.toAbsolutePath().toUri().toString()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (events.stream()
        .noneMatch(e -> e.path("method").asText().equals("Page.loadEventFired"))) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the page did not finish loading: " + page);
      }
      Thread.sleep(50);
    }
    String js =
        "JSON.stringify({n: document.images.length, broken: Array.from(document.images)"
            + ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'))})";
    JsonNode value =
        JSON.readTree(
            send(s, "Runtime.evaluate", params("expression", js, "returnByValue", true))
                .get("result")
                .get("value")
                .asText());
    List<String> broken = new ArrayList<>();
    value.get("broken").forEach(b -> broken.add(b.asText()));
    List<String> errors = new ArrayList<>();
    for (JsonNode e : events) {
      String m = e.path("method").asText();
      JsonNode p = e.path("params");
      if (m.equals("Runtime.exceptionThrown")) {
        errors.add("exception: " + p.path("exceptionDetails").path("text").asText());
      } else if (m.equals("Runtime.consoleAPICalled") && p.path("type").asText().equals("error")) {
        errors.add("console.error: " + p.path("args"));
      } else if (m.equals("Log.entryAdded")
          && p.path("entry").path("level").asText().equals("error")) {
        errors.add(
            "log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url"));
      }
    }
    JsonNode size = send(s, "Page.getLayoutMetrics", null).get("cssContentSize");
    int width = (int) Math.ceil(size.get("width").asDouble());
    int height = (int) Math.ceil(size.get("height").asDouble());
    String data =
        send(
                s,
                "Page.captureScreenshot",
                params(
                    "format",
                    "png",
                    "captureBeyondViewport",
                    true,
                    "clip",
                    Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)))
            .get("data")
            .asText();
    Files.createDirectories(screenshot.toAbsolutePath().getParent());
    Files.write(screenshot, Base64.getDecoder().decode(data));
    send(null, "Target.closeTarget", params("targetId", target));
    return new PageCheck(value.get("n").asInt(), broken, errors);
  }

  @Override
  public void close() throws Exception {
    try {
      send(null, "Browser.close", null);
    } catch (Exception e) {
      // the browser may close the socket before it answers; it is killed below either way
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
