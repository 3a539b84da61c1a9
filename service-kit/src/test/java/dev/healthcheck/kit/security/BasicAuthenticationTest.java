package dev.healthcheck.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
