package dev.healthcheck.mypage.api;

import dev.healthcheck.kit.problem.ClientErrors;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every failure of mypage's API as problem+json; mypage has no refusals of its own, only client errors. */
@Provider
public class MyPageProblems implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception failure) {
        return ClientErrors.toResponse(failure);
    }
}
