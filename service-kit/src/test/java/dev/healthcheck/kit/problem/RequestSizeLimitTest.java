package dev.healthcheck.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestSizeLimitTest {

    @Test
    void aBodyUpToTheLimitReadsWhole() throws IOException {
        var body = new RequestSizeLimit.Capped(new ByteArrayInputStream(new byte[100]), 100);
        assertThat(body.readAllBytes()).hasSize(100);
    }

    @Test
    void anEndlessBodyFailsOneBytePastTheLimitAndIsNeverReadFurther() {
        var endless = new Endless();
        Reader reader = new InputStreamReader(new RequestSizeLimit.Capped(endless, 16_384), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader.transferTo(java.io.Writer.nullWriter()))
                .isInstanceOf(RequestSizeLimit.BodyTooLargeException.class)
                .hasMessageContaining("16384");
        assertThat(endless.served).as("bytes taken from the connection").isEqualTo(16_385);
        assertThatThrownBy(reader::read).as("a read after the cut-off").isInstanceOf(IOException.class);
    }

    /** A client that never stops sending. */
    private static final class Endless extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return ' ';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            Arrays.fill(buffer, offset, offset + length, (byte) ' ');
            served += length;
            return length;
        }
    }
}
