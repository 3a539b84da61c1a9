package dev.healthcheck.kit.problem;

import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Failed Bean Validation as problem+json. The JAX-RS runtime has its own, more specific mapper for
 * validation (plain text); this one is as specific, and ours, so the services' problem format holds.
 */
@Provider
public class ValidationProblems implements ExceptionMapper<ValidationException> {

    @Override
    public Response toResponse(ValidationException failure) {
        return ClientErrors.toResponse(failure);
    }
}
