package dev.healthcheck.kit.problem;

/** One field (or query/path parameter) a request got wrong, and what is wrong with it. */
public record FieldError(String field, String detail) {
}
