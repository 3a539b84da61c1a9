package dev.healthcheck.kit.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Caps a request body at what any request of these APIs can honestly be (the largest, a new schedule,
 * is well under 1 KiB): 413 problem+json. A declared length over the cap is refused before anything
 * reads; a chunked body is cut off as soon as the bytes read pass it, so no body is ever held whole.
 * Compressed bodies are refused (415): no client of these APIs needs them, and a small one can inflate
 * to gigabytes.
 */
@Provider
@PreMatching
@ApplicationScoped
public class RequestSizeLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "http.max-request-bytes", defaultValue = "16384")
    long maxRequestBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        String encoding = request.getHeaderString(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            // RFC 7694: name the codings this server does accept.
            request.abortWith(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                            "request bodies are accepted uncompressed only (Content-Encoding: identity)")
                    .toResponse().header("Accept-Encoding", "identity").build());
            return;
        }
        if (request.getLength() > maxRequestBytes) {
            request.abortWith(Problem.of(ProblemType.TOO_LARGE, "request body is "
                    + request.getLength() + " bytes; at most " + maxRequestBytes + " are accepted").toResponse().build());
            return;
        }
        request.setEntityStream(new Capped(request.getEntityStream(), maxRequestBytes));
    }

    /** A body read past the cap; {@link ClientErrors} answers it with 413 however the reader wrapped it. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("request body is longer than the " + limit + " bytes accepted");
        }
    }

    /** Counts the bytes a reader takes and fails the read that would pass the cap. */
    static final class Capped extends FilterInputStream {
        private final long limit;
        private long read;

        Capped(InputStream body, long limit) {
            super(body);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            failIfPast();
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            failIfPast();
            // Never ask for more than one byte past the cap, so an oversized body is never buffered whole.
            int n = super.read(buffer, offset, (int) Math.min(length, limit - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            failIfPast();
            long skipped = super.skip(Math.min(n, limit - read + 1));
            count(skipped);
            return skipped;
        }

        private void count(long n) throws BodyTooLargeException {
            read += n;
            failIfPast();
        }

        /** Every read after the cap fails too, so no reader mistakes the cut-off for the end of the body. */
        private void failIfPast() throws BodyTooLargeException {
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
