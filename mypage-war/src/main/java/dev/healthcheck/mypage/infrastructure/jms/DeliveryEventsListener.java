package dev.healthcheck.mypage.infrastructure.jms;

import dev.healthcheck.kit.inbox.FailedDeliveries;
import dev.healthcheck.kit.inbox.IncomingEvents;
import dev.healthcheck.kit.tracing.ConsumerSpans;
import dev.healthcheck.mypage.application.MyPageProjection;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptors;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** Delivery events, from mypage's durable subscription to the delivery topic, handed straight to the projection. */
@MessageDriven(name = "DeliveryEventsListener")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@Interceptors({ConsumerSpans.class, FailedDeliveries.class})
public class DeliveryEventsListener implements MessageListener {

    @Inject
    MyPageProjection projection;

    @Override
    public void onMessage(Message message) {
        projection.apply(IncomingEvents.read(message));
    }
}
