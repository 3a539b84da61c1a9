package dev.healthcheck.kit.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request body larger than any request of these APIs can honestly be (the largest, a new
 * schedule, is well under 1 KiB) before anything reads it: 413 problem+json, nothing parsed.
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
        if (request.getLength() > maxRequestBytes) {
            request.abortWith(Problem.of(ProblemType.TOO_LARGE,
                    "request body is " + request.getLength() + " bytes; at most " + maxRequestBytes + " are accepted")
                    .toResponse().build());
        }
    }
}
