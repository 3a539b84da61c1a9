package dev.healthcheck.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BasicAuthenticationTest {

    @Test
    void readsUserAndPasswordSplittingAtTheFirstColon() {
        assertThat(BasicAuthentication.Credential.fromBasic("basic " + base64("alice:pass:with:colons")))
                .contains(new BasicAuthentication.Credential("alice", "pass:with:colons"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc", "Basic", "Basic !!!", "Digest username=\"alice\"", "Basic Og==",
            "Basic bm8tY29sb24="})
    void anythingElseIsNoCredential(String authorization) {
        assertThat(BasicAuthentication.Credential.fromBasic(authorization)).isEmpty();
    }

    @Test
    void aRepeatedLoginIsCheckedAgainstTheRegistryOnceAndGetsTheSameSubjectEachTime() {
        var mechanism = mechanism();
        var subjects = List.of(new Subject(), new Subject(), new Subject());

        for (Subject subject : subjects) {
            assertThat(login(mechanism, "alice:right", subject)).isEqualTo(AuthenticationStatus.SUCCESS);
        }

        assertThat(passwordChecks).containsExactly("alice");
        assertThat(subjects).allSatisfy(subject -> assertThat(subject.getPrivateCredentials())
                .isEqualTo(VerifiedLoginsTest.loginOf("alice").getPrivateCredentials()));
    }

    private final List<String> passwordChecks = new ArrayList<>();

    private static BasicAuthentication mechanism() {
        var mechanism = new BasicAuthentication();
        mechanism.verifiedLoginSeconds = 300;
        mechanism.rememberVerifiedLogins();
        return mechanism;
    }

    /**
     * One request with these basic credentials; the registry knows alice with the password "right" and
     * fills the client subject as Liberty does. (A
     * refusal's problem+json needs a JAX-RS runtime: wrong passwords are VerifiedLoginsTest's and the
     * system tests' business.)
     */
    private AuthenticationStatus login(BasicAuthentication mechanism, String userAndPassword, Subject clientSubject) {
        CallbackHandler registry = handled -> {
            for (Callback callback : handled) {
                var check = (PasswordValidationCallback) callback;
                passwordChecks.add(check.getUsername());
                boolean right = check.getUsername().equals("alice") && new String(check.getPassword()).equals("right");
                if (right) {
                    check.getSubject().getPrivateCredentials().addAll(VerifiedLoginsTest.loginOf("alice").getPrivateCredentials());
                }
                check.setResult(right);
            }
        };
        var request = proxy(HttpServletRequest.class, (method, args) -> method.equals("getHeader")
                && args[0].equals("Authorization") ? "Basic " + base64(userAndPassword) : null);
        var response = proxy(HttpServletResponse.class, (method, args) -> {
            throw new UnsupportedOperationException("a refusal, not expected here: " + method);
        });
        var context = proxy(HttpMessageContext.class, (method, args) -> switch (method) {
            case "getClientSubject" -> clientSubject;
            case "getHandler" -> registry;
            case "isProtected" -> true;
            default -> throw new UnsupportedOperationException(method);
        });
        return mechanism.validateRequest(request, response, context);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(BasicAuthenticationTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args)));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
