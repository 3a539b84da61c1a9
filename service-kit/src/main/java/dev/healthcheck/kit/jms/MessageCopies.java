package dev.healthcheck.kit.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.function.Predicate;

/** A fresh message with another's body and the properties a caller keeps: what a dead letter and a re-drive send. */
public final class MessageCopies {

    private MessageCopies() {
    }

    public static Message copy(JMSContext context, Message original, Predicate<String> keepProperty) throws JMSException {
        Message copy;
        if (original instanceof TextMessage text) {
            copy = context.createTextMessage(text.getText());
        } else if (original instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.reset();
            bytes.readBytes(body);
            BytesMessage bytesCopy = context.createBytesMessage();
            bytesCopy.writeBytes(body);
            copy = bytesCopy;
        } else {
            // Map, object and stream bodies: none is ever one of our events; the properties tell the story.
            copy = context.createMessage();
        }
        for (Object name : Collections.list(original.getPropertyNames())) {
            String property = (String) name;
            if (keepProperty.test(property)) {
                copy.setObjectProperty(property, original.getObjectProperty(property));
            }
        }
        return copy;
    }
}
