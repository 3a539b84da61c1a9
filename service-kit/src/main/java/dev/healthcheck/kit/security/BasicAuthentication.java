package dev.healthcheck.kit.security;

import dev.healthcheck.kit.problem.Problem;
import dev.healthcheck.kit.problem.ProblemType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * HTTP basic authentication (RFC 7617) as a Jakarta Security mechanism, so that a missing or wrong
 * login is answered like every other client error: 401 problem+json with the basic challenge (the
 * built-in BASIC login answers with an empty HTML response). The password is checked by the container
 * (Jakarta Authentication's password validation callback), that is against Liberty's user registry
 * (users.xml), which also gives the caller's groups, mapped to roles by the application bindings. A
 * login it accepted is taken again without that check for a while ({@link VerifiedLogins}).
 */
@ApplicationScoped
public class BasicAuthentication implements HttpAuthenticationMechanism {

    static final String CHALLENGE = "Basic realm=\"healthcheck\", charset=\"UTF-8\"";

    private static final Jsonb JSONB = JsonbBuilder.create();

    /** How long a login the registry accepted is taken again without its check (Liberty's own cache: 600 s). */
    @Inject
    @ConfigProperty(name = "security.verified-login-seconds", defaultValue = "300")
    long verifiedLoginSeconds;

    private VerifiedLogins verified;

    @PostConstruct
    void rememberVerifiedLogins() {
        verified = new VerifiedLogins(Duration.ofSeconds(verifiedLoginSeconds), System::nanoTime);
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            return context.isProtected()
                    ? refuse(response, "this resource needs credentials: log in with HTTP basic authentication")
                    : context.doNothing();
        }
        Optional<Credential> credential = Credential.fromBasic(authorization);
        if (credential.isEmpty()) {
            return refuse(response, "the Authorization header is not HTTP basic credentials (Basic base64(user:password))");
        }
        String user = credential.get().user();
        String password = credential.get().password();
        if (verified.restore(user, password, context.getClientSubject())) {
            // The registry accepted this very login lately: the subject holds what the container made of it then.
            return AuthenticationStatus.SUCCESS;
        }
        var check = new PasswordValidationCallback(context.getClientSubject(), user, password.toCharArray());
        handle(context, check);
        if (!check.getResult()) {
            return refuse(response, "the user name or password is not right");
        }
        // The container has put the caller and their groups into the client subject.
        verified.add(user, password, context.getClientSubject());
        return AuthenticationStatus.SUCCESS;
    }

    private static void handle(HttpMessageContext context, Callback callback) {
        try {
            context.getHandler().handle(new Callback[] {callback});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new IllegalStateException("the container cannot check passwords", e);
        }
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, String detail) {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", CHALLENGE);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        try {
            Problem problem = Problem.of(ProblemType.UNAUTHORISED, detail);
            problem.log();
            JSONB.toJson(problem, response.getWriter());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** A user name and password as HTTP basic authentication carries them. */
    record Credential(String user, String password) {

        /** {@code Basic base64(user:password)}, split at the first colon; anything else is no credential. */
        static Optional<Credential> fromBasic(String authorization) {
            String[] schemeAndToken = authorization.trim().split("\\s+", 2);
            if (schemeAndToken.length != 2 || !schemeAndToken[0].equalsIgnoreCase("Basic")) {
                return Optional.empty();
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(schemeAndToken[1]), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            return colon <= 0 ? Optional.empty()
                    : Optional.of(new Credential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
    }
}
