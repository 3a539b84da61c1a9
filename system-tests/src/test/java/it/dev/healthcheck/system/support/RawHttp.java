package it.dev.healthcheck.system.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request over a bare socket, for bodies no HTTP client library sends as asked (endless chunked
 * streams): the body is written on its own thread while the answer is read, so a server that answers
 * and hangs up early is seen doing so, not as a failed write.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line) and then {@code body} as it
     * is given: already chunk-encoded, or of the declared length. Returns once the server has answered
     * and closed, or the connection broke.
     */
    public static Outcome send(int port, String head, InputStream body) throws IOException, InterruptedException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            AtomicLong sent = new AtomicLong();
            var writing = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = body.read(buffer)) > 0; ) {
                        out.write(buffer, 0, n);
                        sent.addAndGet(n);
                    }
                    out.flush();
                } catch (IOException stoppedByTheServer) {
                    // The server answered and closed (or reset) the connection before the body was all sent.
                }
            });
            var answer = new ByteArrayOutputStream();
            boolean reset = false;
            try {
                socket.getInputStream().transferTo(answer);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer and no hang-up within 60 s; " + sent.get() + " body bytes sent", e);
            } catch (IOException e) {
                reset = true;
            }
            socket.close();
            writing.join();
            return Outcome.parse(answer.toByteArray(), reset, sent.get());
        }
    }

    /**
     * What came back: the status (-1 if the connection was closed before any answer), the headers in
     * lower case, the body, whether the connection was reset, and how many body bytes were written.
     */
    public record Outcome(int status, Map<String, String> headers, String body, boolean reset, long bodyBytesSent) {

        static Outcome parse(byte[] raw, boolean reset, long sent) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                return new Outcome(-1, Map.of(), text, reset, sent);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            var headers = new java.util.TreeMap<String, String>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Outcome(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), reset, sent);
        }

        private static String dechunk(String chunked) {
            var out = new StringBuilder();
            int at = 0;
            while (at < chunked.length()) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            return out.toString();
        }

        public boolean answered() {
            return status > 0;
        }

        @Override
        public String toString() {
            return (answered() ? status + " " + headers.getOrDefault("content-type", "") + " " + body
                    : "no answer (connection " + (reset ? "reset" : "closed") + ")") + ", " + bodyBytesSent + " body bytes sent";
        }
    }
}
